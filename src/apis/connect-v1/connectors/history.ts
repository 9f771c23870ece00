// GET …/connectors/{name}/operations (our extension): the connector's history, newest first —
// every mutation with who, when, what changed (secrets masked) and its outcome; paged as v2 lists.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses } from '../schemas.ts';
import { toWireOperation } from '../wire-operate.ts';

const query = { type: 'object', properties: { page_size: { type: 'string' }, page_token: { type: 'string' } } } as const;

const change = { type: 'object', properties: { key: { type: 'string' }, change: { type: 'string' }, before: { type: 'string' }, after: { type: 'string' } } } as const;

const historyBody = {
  type: 'object',
  properties: {
    api_version: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object', properties: { first: { type: 'string' }, next: { type: 'string' }, total_size: { type: 'integer' } } },
    data: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, operation: { type: 'string' }, actor: { type: 'string' }, at: { type: 'string' }, outcome: { type: 'string' },
          changes: { type: 'array', items: change }, detail: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;

export default async function connectorHistory(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name/operations`, {
    config: { operation: OPERATIONS.connectorHistory },
    schema: { params: connectorParams, querystring: query, response: { 200: historyBody, ...errorResponses } },
  }, async (request) => {
    const page = parsePage(request.query);
    const { operations } = await deps.operate.history(scopeOf(request.params), request.params.connector_name);
    return listEnvelope(request, 'cirrus/v1', 'ConnectorOperation', operations.map(toWireOperation), page);
  });
}
