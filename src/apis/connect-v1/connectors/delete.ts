// DELETE …/connectors/{name} → 200 {"error":null}; the engine connector follows (topic data stays).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf } from '../../caller.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses } from '../schemas.ts';

const deleted = { type: 'object', properties: { error: { type: 'null' } }, required: ['error'] } as const;

export default async function deleteConnector(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.delete<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name`, {
    config: { operation: OPERATIONS.connectorDelete },
    schema: { params: connectorParams, response: { 200: deleted, ...errorResponses } },
  }, async (request) => {
    await deps.connectors.delete(scopeOf(request.params), request.params.connector_name, actorOf(request));
    return { error: null };
  });
}
