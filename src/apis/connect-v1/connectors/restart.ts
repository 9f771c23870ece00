// POST …/connectors/{name}/restart (our extension, Kafka Connect's semantics): the connector and
// its failed tasks by default; include_tasks=false restarts the instance alone, only_failed=false
// every task too. Answers 202 with what restarted, per task.
import type { FastifyInstance } from 'fastify';
import { InvalidRequest } from '../../../core/errors.ts';
import { actorOf } from '../../caller.ts';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses } from '../schemas.ts';
import { toWireRestart } from '../wire-operate.ts';

const query = {
  type: 'object',
  properties: { include_tasks: { type: 'string' }, only_failed: { type: 'string' } },
} as const;

const restartBody = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    id: { type: 'string' },
    connector: { type: 'object', properties: { restarted: { type: 'boolean' }, state: { type: 'string' } } },
    tasks: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, restarted: { type: 'boolean' }, state: { type: 'string' } } } },
  },
} as const;

function flag(raw: unknown, name: string, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new InvalidRequest(`${name} must be true or false`, undefined, name);
}

export default async function restartConnector(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.post<{ Params: ConnectorPath; Querystring: { include_tasks?: string; only_failed?: string } }>(`${PREFIX}/connectors/:connector_name/restart`, {
    config: { operation: OPERATIONS.connectorRestart },
    schema: { params: connectorParams, querystring: query, response: { 202: restartBody, ...errorResponses, 503: errorResponses[500] } },
  }, async (request, reply) => {
    const options = { includeTasks: flag(request.query.include_tasks, 'include_tasks', true), onlyFailed: flag(request.query.only_failed, 'only_failed', true) };
    const outcome = await deps.operate.restart(scopeOf(request.params), request.params.connector_name, options, actorOf(request));
    return reply.code(202).send(toWireRestart(outcome));
  });
}
