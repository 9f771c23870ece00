// connect/v1 custom connector plugins: read.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { idParams } from '../../v2/schemas.ts';
import type { CustomPluginDeps } from './context.ts';
import { toWirePlugin } from './wire.ts';

export default async function readCustomPlugin(app: FastifyInstance, deps: CustomPluginDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/:id', { config: { operation: OPERATIONS.customPluginRead }, schema: { params: idParams } }, async (request) =>
    toWirePlugin(request, await deps.customPlugins.get(callerOf(request).organizationId, request.params.id)));
}
