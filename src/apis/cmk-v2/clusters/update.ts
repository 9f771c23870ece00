// cmk/v2 clusters: update.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf, specOf, type V2Deps } from '../../v2/context.ts';
import { PATH, toWire } from './wire.ts';

export default async function updateClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.patch<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterUpdate } }, async (request) => {
    const spec = specOf(request);
    const row = await deps.clusters.update(callerOf(request).organizationId, (spec.environment as { id?: unknown } | undefined)?.id, request.params.id, { displayName: spec.display_name }, actorOf(request));
    return toWire(request, deps, row);
  });
}
