// cmk/v2 clusters: delete.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams, single } from '../../v2/schemas.ts';
import { PATH } from './wire.ts';

// The environment is a required query parameter on reads and deletes (CONTRACT §4.3).
const querystring = { type: 'object', required: ['environment'], properties: { environment: single } } as const;

export default async function deleteClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.delete<{ Params: { id: string }; Querystring: { environment: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterDelete }, schema: { params: idParams, querystring } }, async (request, reply) => {
    await deps.clusters.delete(callerOf(request).organizationId, request.query.environment, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
