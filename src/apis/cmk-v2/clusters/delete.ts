// cmk/v2 clusters: delete.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf, type V2Deps } from '../../v2/context.ts';
import { PATH } from './wire.ts';

export default async function deleteClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterDelete } }, async (request, reply) => {
    await deps.clusters.delete(callerOf(request).organizationId, (request.query as Record<string, unknown>).environment, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
