// connect/v1 custom connector plugins: delete (204; 409 while a connector runs the plugin).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { idParams } from '../../v2/schemas.ts';
import type { CustomPluginV1Deps } from '../context.ts';
import { PATH } from './wire.ts';

export default async function deleteCustomPlugin(app: FastifyInstance, deps: CustomPluginV1Deps): Promise<void> {
  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.customPluginDelete }, schema: { params: idParams } }, async (request, reply) => {
    await deps.customPlugins.delete(callerOf(request).organizationId, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
