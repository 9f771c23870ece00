// The connect/v1 family (C2): authentication, its error and 404 renderer, then its resources.
import type { FastifyInstance } from 'fastify';
import { renderConnectV1Error } from '../../http/errors/connect-v1.ts';
import { useErrorFamily } from '../../http/errors/render.ts';
import { authenticateRequests } from '../../http/plugins/authenticate.ts';
import { authorizeRequests } from '../../http/plugins/authorize.ts';
import type { Authenticator } from '../../services/authenticator.ts';
import type { Authorizer } from '../../services/authorizer.ts';
import type { ConnectV1Deps } from './context.ts';
import createConnector from './connectors/create.ts';
import deleteConnector from './connectors/delete.ts';
import listConnectors from './connectors/list.ts';
import pauseResume from './connectors/pause-resume.ts';
import putConnectorConfig from './connectors/put-config.ts';
import readConnectorConfig from './connectors/read-config.ts';
import readConnector from './connectors/read.ts';
import connectorStatus from './connectors/status.ts';
import connectorTasks from './connectors/tasks.ts';
import listPlugins from './plugins/list.ts';
import validatePlugin from './plugins/validate.ts';

const ROUTES = [
  listConnectors, createConnector, readConnector, readConnectorConfig, putConnectorConfig, deleteConnector,
  connectorStatus, connectorTasks, pauseResume, listPlugins, validatePlugin,
];

export function connectV1(deps: ConnectV1Deps & { authenticator: Authenticator; authorizer: Authorizer }) {
  return async function connectV1Family(context: FastifyInstance): Promise<void> {
    useErrorFamily(context, renderConnectV1Error);
    authenticateRequests(context, deps.authenticator);
    authorizeRequests(context, deps.authorizer, 'account not found');
    for (const route of ROUTES) await route(context, deps);
  };
}
