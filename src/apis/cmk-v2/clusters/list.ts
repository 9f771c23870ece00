// cmk/v2 clusters: list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { pageQuery, repeatable, single } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const querystring = {
  type: 'object',
  required: ['environment'],
  properties: { environment: single, 'spec.network': repeatable, 'spec.deletion_protection': single, ...pageQuery },
} as const;

export default async function listClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Querystring: { environment: string } }>(PATH, { config: { operation: OPERATIONS.clusterList }, schema: { querystring } }, async (request) => {
    const caller = callerOf(request);
    const all = await deps.clusters.list(caller.organizationId, request.query.environment);
    const rows = await deps.authorizer.visible(caller, all, (c) => ({ kind: 'cluster', environmentId: c.environmentId, clusterId: c.id }));
    return listEnvelope(request, 'cmk/v2', 'Cluster', rows.map((r) => toWire(request, deps, r)), parsePage(request.query));
  });
}
