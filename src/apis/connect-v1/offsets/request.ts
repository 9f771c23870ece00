// POST …/connectors/{name}/offsets/request → 202 with the request; a job stops the connector,
// alters (PATCH) or resets (DELETE) its offsets and restores its state. One at a time (409).
import type { FastifyInstance } from 'fastify';
import type { OffsetsRequestInput } from '../../../core/offsets-request.ts';
import { actorOf } from '../../caller.ts';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses } from '../schemas.ts';
import { requestInfoBody, toWireOffsetsRequest } from './wire.ts';

// The offsets' shape depends on the connector's plugin: the service checks them.
const body = {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string', enum: ['PATCH', 'DELETE'] }, offsets: { type: 'array' } },
} as const;

export default async function requestOffsets(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.post<{ Params: ConnectorPath; Body: OffsetsRequestInput }>(`${PREFIX}/connectors/:connector_name/offsets/request`, {
    config: { operation: OPERATIONS.connectorOffsetsRequest },
    schema: { params: connectorParams, body, response: { 202: requestInfoBody, ...errorResponses } },
  }, async (request, reply) => {
    const { record, request: stored } = await deps.offsets.request(scopeOf(request.params), request.params.connector_name, request.body, actorOf(request));
    reply.code(202);
    return toWireOffsetsRequest(record, stored);
  });
}
