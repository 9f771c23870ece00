// GET …/connectors/{name}/offsets → the engine's offsets at the time of the call.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses } from '../schemas.ts';
import { offsetList, toWireOffsets } from './wire.ts';

const response200 = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    id: { type: 'string' },
    offsets: offsetList,
    metadata: { type: 'object', properties: { observed_at: { type: 'string' } } },
  },
} as const;

export default async function readOffsets(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name/offsets`, {
    config: { operation: OPERATIONS.connectorOffsetsRead },
    schema: { params: connectorParams, response: { 200: response200, ...errorResponses } },
  }, async (request) => toWireOffsets(await deps.offsets.read(scopeOf(request.params), request.params.connector_name)));
}
