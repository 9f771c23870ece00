// cmk/v2 clusters: read.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams, single } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

// The environment is a required query parameter on reads and deletes (CONTRACT §4.3).
const querystring = { type: 'object', required: ['environment'], properties: { environment: single } } as const;

export default async function readClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: { environment: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterRead }, schema: { params: idParams, querystring } }, async (request) =>
    toWire(request, deps, await deps.clusters.get(callerOf(request).organizationId, request.query.environment, request.params.id)));
}
