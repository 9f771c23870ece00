// metrics/v2: GET /v2/metrics/cloud/export (CONTRACT §3.3): Prometheus text, or OpenMetrics when
// the client asks for it, of the minute five minutes back.
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../caller.ts';
import { OPERATIONS } from '../operations.ts';
import { DATASET, type MetricsV2Deps } from './context.ts';

const repeatable = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } as const;
const querystring = {
  type: 'object',
  properties: {
    'resource.kafka.id': repeatable, 'resource.connector.id': repeatable, 'resource.ksql.id': repeatable,
    'resource.schema_registry.id': repeatable, metric: repeatable,
  },
} as const;

const PROMETHEUS = 'text/plain; version=0.0.4; charset=utf-8';
const OPEN_METRICS = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

export default async function exportMetrics(app: FastifyInstance, deps: MetricsV2Deps): Promise<void> {
  app.get(`${DATASET}/export`, { config: { operation: OPERATIONS.metricsExport }, schema: { querystring } }, async (request, reply) => {
    const openMetrics = (request.headers.accept ?? '').includes('application/openmetrics-text');
    const text = await deps.metrics.export(callerOf(request), request.query as Record<string, unknown>, openMetrics);
    return reply.type(openMetrics ? OPEN_METRICS : PROMETHEUS).send(text);
  });
}
