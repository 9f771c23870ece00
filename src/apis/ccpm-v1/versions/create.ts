// ccpm/v1 plugin versions: create (202 + Location, status PROCESSING until the archive is inspected).
import type { FastifyInstance } from 'fastify';
import type { CcpmVersionInput } from '../../../services/ccpm-plugins.ts';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { reference } from '../../v2/schemas.ts';
import type { CcpmV1Deps } from '../context.ts';
import { PATH, pluginParams, toWireVersion } from './wire.ts';

// Values are checked by core/plugin-input.ts, which names the field in its errors.
const body = {
  type: 'object', required: ['spec'],
  properties: { spec: { type: 'object', required: ['version', 'connector_classes', 'upload_source', 'environment'], properties: { environment: reference } } },
} as const;

export default async function createVersion(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.post<{ Params: { plugin_id: string }; Body: { spec: CcpmVersionInput & { environment: { id: string } } } }>(PATH, {
    config: { operation: OPERATIONS.ccpmVersionCreate }, schema: { params: pluginParams, body },
  }, async (request, reply) => {
    const { spec } = request.body;
    const version = await deps.ccpm.createVersion(callerOf(request).organizationId, spec.environment.id, request.params.plugin_id, spec, actorOf(request));
    const wire = toWireVersion(request, spec.environment.id, version);
    reply.code(202).header('Location', wire.metadata.self);
    return wire;
  });
}
