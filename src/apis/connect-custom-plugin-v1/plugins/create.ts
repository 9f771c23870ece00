// connect/v1 custom connector plugins: create (201 + Location) from a finished upload.
import type { FastifyInstance } from 'fastify';
import type { ConnectPluginInput } from '../../../services/custom-plugins.ts';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import type { CustomPluginV1Deps } from '../context.ts';
import { PATH, toWirePlugin } from './wire.ts';

// Values are checked by core/plugin-input.ts (the spec's patterns, case-insensitive enums).
const body = { type: 'object', required: ['display_name', 'connector_class', 'connector_type', 'upload_source'] } as const;

export default async function createCustomPlugin(app: FastifyInstance, deps: CustomPluginV1Deps): Promise<void> {
  app.post<{ Body: ConnectPluginInput }>(PATH, { config: { operation: OPERATIONS.customPluginCreate }, schema: { body } }, async (request, reply) => {
    const wire = toWirePlugin(request, await deps.customPlugins.create(callerOf(request).organizationId, request.body, actorOf(request)));
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });
}
