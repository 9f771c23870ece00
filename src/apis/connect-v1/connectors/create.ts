// POST …/connectors → 201 with the masked config, tasks and the starting offsets.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf } from '../../caller.ts';
import { PREFIX, scopeOf, type ClusterPath, type ConnectV1Deps } from '../context.ts';
import { clusterParams, configInput, connectorBody, errorResponses } from '../schemas.ts';
import type { NewConnector } from '../../../services/connectors.ts';
import { toWireConnector } from '../wire.ts';

const response201 = {
  ...connectorBody,
  properties: { ...connectorBody.properties, offsets: { type: 'array', items: { type: 'object', additionalProperties: true } } },
} as const;

// The name may come from `name` or `config.name`; offsets are checked by the service.
const body = {
  type: 'object',
  required: ['config'],
  properties: { name: { type: 'string' }, config: configInput, offsets: { type: 'array' } },
} as const;

export default async function createConnector(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.post<{ Params: ClusterPath; Body: NewConnector }>(`${PREFIX}/connectors`, {
    config: { operation: OPERATIONS.connectorCreate },
    schema: { params: clusterParams, body, response: { 201: response201, ...errorResponses } },
  }, async (request, reply) => {
    const record = await deps.connectors.create(scopeOf(request.params), request.body, actorOf(request));
    reply.code(201);
    return { ...toWireConnector(record, deps.topology), offsets: record.connector.initialOffsets };
  });
}
