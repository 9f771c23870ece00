// GET …/connectors/{name}/status, from the store: what the reconciler last observed.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses, statusBody } from '../schemas.ts';
import { toWireStatusJson } from '../wire.ts';

export default async function connectorStatus(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name/status`, {
    config: { operation: OPERATIONS.connectorStatus },
    schema: { params: connectorParams, response: { 200: statusBody, ...errorResponses } },
  }, async (request, reply) => {
    const record = await deps.connectors.get(scopeOf(request.params), request.params.connector_name);
    // The schema above describes the body; the text is made once per store write (wire.ts).
    return reply.type('application/json; charset=utf-8').send(toWireStatusJson(record));
  });
}
