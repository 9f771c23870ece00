// metrics/v2: GET /v2/metrics/cloud/descriptors/metrics (CONTRACT §3.3, §3.4).
import type { FastifyInstance } from 'fastify';
import { METRICS } from '../../../core/metrics/catalog.ts';
import { OPERATIONS } from '../../operations.ts';
import { DATASET } from '../context.ts';
import { labelSchema as label, pageOf, pageQuery, paginationSchema } from './page.ts';

const querystring = { type: 'object', properties: { ...pageQuery, resource_type: { type: 'string' } } } as const;

const descriptor = {
  type: 'object',
  required: ['name', 'description', 'type', 'unit', 'lifecycle_stage', 'exportable', 'resources', 'labels'],
  properties: {
    name: { type: 'string' }, description: { type: 'string' }, type: { type: 'string' }, unit: { type: 'string' },
    lifecycle_stage: { type: 'string' }, exportable: { type: 'boolean' }, resources: { type: 'array', items: { type: 'string' } },
    labels: { type: 'array', items: label },
  },
} as const;
const response = { 200: { type: 'object', required: ['data', 'meta'], properties: { data: { type: 'array', items: descriptor }, meta: paginationSchema } } } as const;

export default async function listMetricDescriptors(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { page_size?: string; page_token?: string; resource_type?: string } }>(`${DATASET}/descriptors/metrics`, {
    config: { operation: OPERATIONS.metricsDescriptorList }, schema: { querystring, response },
  }, async (request) => {
    const type = request.query.resource_type;
    const metrics = type === undefined ? METRICS : METRICS.filter((m) => m.resources.includes(type));
    return pageOf(metrics, request.query, `metrics-${type ?? ''}`);
  });
}
