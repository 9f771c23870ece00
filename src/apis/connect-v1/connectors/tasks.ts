// GET …/connectors/{name}/tasks → [{id:{connector,task}, config}], configs masked.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { configMap, connectorParams, errorResponses } from '../schemas.ts';
import { toWireTasks } from '../wire.ts';

const tasksBody = {
  type: 'array',
  items: {
    type: 'object',
    properties: { id: { type: 'object', properties: { connector: { type: 'string' }, task: { type: 'integer' } } }, config: configMap },
  },
} as const;

export default async function connectorTasks(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name/tasks`, {
    config: { operation: OPERATIONS.connectorTasks },
    schema: { params: connectorParams, response: { 200: tasksBody, ...errorResponses } },
  }, async (request) => toWireTasks(await deps.connectors.get(scopeOf(request.params), request.params.connector_name), deps.topology));
}
