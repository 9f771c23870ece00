// connect/v1 custom connector plugins: delete (204; 409 while a connector runs the plugin).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { idParams } from '../../v2/schemas.ts';
import type { CustomPluginDeps } from './context.ts';

export default async function deleteCustomPlugin(app: FastifyInstance, deps: CustomPluginDeps): Promise<void> {
  app.delete<{ Params: { id: string } }>('/:id', { config: { operation: OPERATIONS.customPluginDelete }, schema: { params: idParams } }, async (request, reply) => {
    await deps.customPlugins.delete(callerOf(request).organizationId, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
