// GET …/connectors/{name} → {name, type, config (masked), tasks}.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorBody, connectorParams, errorResponses } from '../schemas.ts';
import { toWireConnector } from '../wire.ts';

export default async function readConnector(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name`, {
    config: { operation: OPERATIONS.connectorRead },
    schema: { params: connectorParams, response: { 200: connectorBody, ...errorResponses } },
  }, async (request) => toWireConnector(await deps.connectors.get(scopeOf(request.params), request.params.connector_name), deps.topology));
}
