// GET …/connectors/{name}/logs?level=&search=&since=&limit= (our extension): the connector's and
// its tasks' lines from its pool's log, newest first, at most `limit` (1000), secrets masked.
import type { FastifyInstance } from 'fastify';
import { parseLogQuery } from '../../../core/operate/connector-logs.ts';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses } from '../schemas.ts';

const query = {
  type: 'object',
  properties: { level: { type: 'string' }, search: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' } },
} as const;

const logsBody = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    id: { type: 'string' },
    data: {
      type: 'array',
      items: {
        type: 'object',
        properties: { timestamp: { type: 'string' }, level: { type: 'string' }, context: { type: ['string', 'null'] }, message: { type: 'string' }, logger: { type: 'string' } },
      },
    },
  },
} as const;

export default async function connectorLogs(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ConnectorPath; Querystring: Record<string, unknown> }>(`${PREFIX}/connectors/:connector_name/logs`, {
    config: { operation: OPERATIONS.connectorLogs },
    schema: { params: connectorParams, querystring: query, response: { 200: logsBody, ...errorResponses } },
  }, async (request) => {
    const { record, entries } = await deps.operate.logs(scopeOf(request.params), request.params.connector_name, parseLogQuery(request.query));
    return { name: record.connector.name, id: record.connector.id, data: entries };
  });
}
