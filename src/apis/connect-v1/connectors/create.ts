// POST …/connectors → 201 with the masked config, tasks and the starting offsets.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, PREFIX, scopeOf, type ClusterPath, type ConnectV1Deps } from '../context.ts';
import { clusterParams, connectorBody, errorResponses } from '../schemas.ts';
import { toWireConnector } from '../wire.ts';
import { InvalidRequest } from '../../../core/errors.ts';

const response201 = {
  ...connectorBody,
  properties: { ...connectorBody.properties, offsets: { type: 'array', items: { type: 'object', additionalProperties: true } } },
} as const;

export default async function createConnector(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.post<{ Params: ClusterPath }>(`${PREFIX}/connectors`, {
    config: { operation: OPERATIONS.connectorCreate },
    schema: { params: clusterParams, response: { 201: response201, ...errorResponses } },
  }, async (request, reply) => {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidRequest('The request body must be a JSON object with "name" and "config"');
    const record = await deps.connectors.create(scopeOf(request.params), body as Record<string, unknown>, actorOf(request));
    reply.code(201);
    return { ...toWireConnector(record, deps.topology), offsets: JSON.parse(record.row.initial_offsets) as unknown[] };
  });
}
