// ccpm/v1 plugins: PATCH; the environment travels in the body here (CONTRACT Q29).
import type { FastifyInstance } from 'fastify';
import type { CcpmPluginInput } from '../../../services/ccpm-plugins.ts';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { idParams, reference } from '../../v2/schemas.ts';
import type { CcpmV1Deps } from '../context.ts';
import { PATH, toWireCcpmPlugin } from './wire.ts';

const body = { type: 'object', required: ['spec'], properties: { spec: { type: 'object', required: ['environment'], properties: { environment: reference } } } } as const;

export default async function updateCcpmPlugin(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.patch<{ Params: { id: string }; Body: { spec: CcpmPluginInput & { environment: { id: string } } } }>(`${PATH}/:id`, {
    config: { operation: OPERATIONS.ccpmPluginUpdate }, schema: { params: idParams, body },
  }, async (request) => {
    const { spec } = request.body;
    return toWireCcpmPlugin(request, await deps.ccpm.update(callerOf(request).organizationId, spec.environment.id, request.params.id, spec, actorOf(request)));
  });
}
