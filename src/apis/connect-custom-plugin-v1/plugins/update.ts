// connect/v1 custom connector plugins: PATCH (only sent fields change; upload_source is ignored).
import type { FastifyInstance } from 'fastify';
import type { ConnectPluginInput } from '../../../services/custom-plugins.ts';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { idParams } from '../../v2/schemas.ts';
import type { CustomPluginV1Deps } from '../context.ts';
import { PATH, toWirePlugin } from './wire.ts';

const body = { type: 'object' } as const;

export default async function updateCustomPlugin(app: FastifyInstance, deps: CustomPluginV1Deps): Promise<void> {
  app.patch<{ Params: { id: string }; Body: ConnectPluginInput }>(`${PATH}/:id`, {
    config: { operation: OPERATIONS.customPluginUpdate }, schema: { params: idParams, body },
  }, async (request) => toWirePlugin(request, await deps.customPlugins.update(callerOf(request).organizationId, request.params.id, request.body, actorOf(request))));
}
