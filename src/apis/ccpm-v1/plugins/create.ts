// ccpm/v1 plugins: create (202 + Location).
import type { FastifyInstance } from 'fastify';
import type { CcpmPluginInput } from '../../../services/ccpm-plugins.ts';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { reference } from '../../v2/schemas.ts';
import type { CcpmV1Deps } from '../context.ts';
import { PATH, toWireCcpmPlugin } from './wire.ts';

const body = {
  type: 'object', required: ['spec'],
  properties: { spec: { type: 'object', required: ['display_name', 'cloud', 'environment'], properties: { environment: reference } } },
} as const;

export default async function createCcpmPlugin(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.post<{ Body: { spec: CcpmPluginInput & { environment: { id: string } } } }>(PATH, {
    config: { operation: OPERATIONS.ccpmPluginCreate }, schema: { body },
  }, async (request, reply) => {
    const { spec } = request.body;
    const wire = toWireCcpmPlugin(request, await deps.ccpm.create(callerOf(request).organizationId, spec.environment.id, spec, actorOf(request)));
    reply.code(202).header('Location', wire.metadata.self);
    return wire;
  });
}
