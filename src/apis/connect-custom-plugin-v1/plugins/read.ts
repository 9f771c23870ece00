// connect/v1 custom connector plugins: read.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { idParams } from '../../v2/schemas.ts';
import type { CustomPluginV1Deps } from '../context.ts';
import { PATH, toWirePlugin } from './wire.ts';

export default async function readCustomPlugin(app: FastifyInstance, deps: CustomPluginV1Deps): Promise<void> {
  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.customPluginRead }, schema: { params: idParams } }, async (request) =>
    toWirePlugin(request, await deps.customPlugins.get(callerOf(request).organizationId, request.params.id)));
}
