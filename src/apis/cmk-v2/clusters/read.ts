// cmk/v2 clusters: read.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf, type V2Deps } from '../../v2/context.ts';
import { PATH, toWire } from './wire.ts';

export default async function readClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterRead } }, async (request) =>
    toWire(request, deps, await deps.clusters.get(callerOf(request).organizationId, (request.query as Record<string, unknown>).environment, request.params.id)));
}
