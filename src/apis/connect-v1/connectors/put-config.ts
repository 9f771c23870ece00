// PUT …/connectors/{name}/config: create-or-replace with the complete config; always 200
// (Terraform refuses anything else, CONTRACT §1.5).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf } from '../../caller.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { configInput, connectorBody, connectorParams, errorResponses } from '../schemas.ts';
import { toWireConnector } from '../wire.ts';

export default async function putConnectorConfig(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.put<{ Params: ConnectorPath; Body: Record<string, unknown> }>(`${PREFIX}/connectors/:connector_name/config`, {
    config: { operation: OPERATIONS.connectorPutConfig },
    schema: { params: connectorParams, body: configInput, response: { 200: connectorBody, ...errorResponses } },
  }, async (request) => {
    const record = await deps.connectors.putConfig(scopeOf(request.params), request.params.connector_name, request.body, actorOf(request));
    return toWireConnector(record, deps.topology);
  });
}
