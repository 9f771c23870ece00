// metrics/v2: GET /v2/metrics/cloud/descriptors/resources (CONTRACT §3.3).
import type { FastifyInstance } from 'fastify';
import { RESOURCES } from '../../../core/metrics/catalog.ts';
import { OPERATIONS } from '../../operations.ts';
import { DATASET } from '../context.ts';
import { labelSchema as label, pageOf, pageQuery, paginationSchema } from './page.ts';

const querystring = { type: 'object', properties: pageQuery } as const;
const descriptor = {
  type: 'object',
  required: ['type', 'description', 'labels'],
  properties: { type: { type: 'string' }, description: { type: 'string' }, labels: { type: 'array', items: label } },
} as const;
const response = { 200: { type: 'object', required: ['data', 'meta'], properties: { data: { type: 'array', items: descriptor }, meta: paginationSchema } } } as const;

export default async function listResourceDescriptors(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { page_size?: string; page_token?: string } }>(`${DATASET}/descriptors/resources`, {
    config: { operation: OPERATIONS.metricsResourceList }, schema: { querystring, response },
  }, async (request) => pageOf(RESOURCES, request.query, 'resources'));
}
