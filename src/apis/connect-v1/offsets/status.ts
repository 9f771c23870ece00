// GET …/connectors/{name}/offsets/request/status → the newest request: PENDING, APPLIED or FAILED.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses } from '../schemas.ts';
import { offsetList, requestInfoBody, toWireOffsetsStatus } from './wire.ts';

const response200 = {
  type: 'object',
  properties: {
    request: requestInfoBody,
    status: { type: 'object', properties: { phase: { type: 'string' }, message: { type: 'string' } } },
    previous_offsets: offsetList,
    applied_at: { type: ['string', 'null'] },
  },
} as const;

export default async function offsetsStatus(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name/offsets/request/status`, {
    config: { operation: OPERATIONS.connectorOffsetsStatus },
    schema: { params: connectorParams, response: { 200: response200, ...errorResponses } },
  }, async (request) => {
    const { record, request: stored } = await deps.offsets.status(scopeOf(request.params), request.params.connector_name);
    return toWireOffsetsStatus(record, stored);
  });
}
