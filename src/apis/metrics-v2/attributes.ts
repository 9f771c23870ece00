// metrics/v2: POST /v2/metrics/cloud/attributes, the values of one label (CONTRACT §3.3).
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../caller.ts';
import { OPERATIONS } from '../operations.ts';
import { DATASET, pageTokenQuery, type MetricsV2Deps } from './context.ts';

const body = { type: 'object' } as const;

const response = {
  200: {
    type: 'object',
    required: ['data', 'meta'],
    properties: {
      data: { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } },
      meta: { type: 'object', properties: { pagination: { type: 'object', properties: { page_size: { type: 'integer' }, next_page_token: { type: 'string' } } } } },
    },
  },
} as const;

export default async function listAttributes(app: FastifyInstance, deps: MetricsV2Deps): Promise<void> {
  app.post<{ Querystring: { page_token?: string } }>(`${DATASET}/attributes`, {
    config: { operation: OPERATIONS.metricsAttributes }, schema: { querystring: pageTokenQuery, body, response },
  }, async (request) => deps.metrics.attributes(callerOf(request), request.body, request.query.page_token));
}
