// GET …/connectors/{name}/config → the config map: server keys added, secrets masked.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { configMap, connectorParams, errorResponses } from '../schemas.ts';
import { toWireConfig } from '../wire.ts';

export default async function readConnectorConfig(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name/config`, {
    config: { operation: OPERATIONS.connectorReadConfig },
    schema: { params: connectorParams, response: { 200: configMap, ...errorResponses } },
  }, async (request) => toWireConfig(await deps.connectors.get(scopeOf(request.params), request.params.connector_name), deps.topology));
}
