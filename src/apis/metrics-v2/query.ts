// metrics/v2: POST /v2/metrics/cloud/query (CONTRACT §3.1, §3.2). The body is read by
// core/metrics/query.ts, which names the field at fault in each 400; the answer's points carry
// the group_by labels as keys, so no response schema filters them.
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../caller.ts';
import { OPERATIONS } from '../operations.ts';
import { DATASET, pageTokenQuery, type MetricsV2Deps } from './context.ts';

const body = { type: 'object' } as const;

export default async function queryMetrics(app: FastifyInstance, deps: MetricsV2Deps): Promise<void> {
  app.post<{ Querystring: { page_token?: string } }>(`${DATASET}/query`, {
    config: { operation: OPERATIONS.metricsQuery }, schema: { querystring: pageTokenQuery, body },
  }, async (request) => deps.metrics.query(callerOf(request), request.body, request.query.page_token));
}
