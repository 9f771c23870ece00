// PUT …/connectors/{name}/pause and /resume → 202, empty body. Asynchronous: the reconciler
// moves the engine; pausing a paused (or resuming a running) connector is a no-op.
import type { FastifyInstance } from 'fastify';
import type { DesiredState } from '../../../core/connector-state.ts';
import { OPERATIONS, type Operation } from '../../operations.ts';
import { actorOf } from '../../caller.ts';
import { PREFIX, scopeOf, type ConnectorPath, type ConnectV1Deps } from '../context.ts';
import { connectorParams, errorResponses } from '../schemas.ts';

const ROUTES: [string, DesiredState, Operation][] = [
  ['pause', 'PAUSED', OPERATIONS.connectorPause],
  ['resume', 'RUNNING', OPERATIONS.connectorResume],
];

export default async function pauseResume(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  for (const [verb, state, operation] of ROUTES) {
    app.put<{ Params: ConnectorPath }>(`${PREFIX}/connectors/:connector_name/${verb}`, {
      config: { operation },
      schema: { params: connectorParams, response: errorResponses },
    }, async (request, reply) => {
      await deps.connectors.setDesiredState(scopeOf(request.params), request.params.connector_name, state, actorOf(request));
      return reply.code(202).send();
    });
  }
}
