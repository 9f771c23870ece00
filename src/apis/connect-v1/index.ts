// The connect/v1 family (C2): its routes, one file per operation (C1).
import { apiFamily, CONNECT_V1, type FamilyGuards } from '../family.ts';
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
import restartConnector from './connectors/restart.ts';
import connectorHistory from './connectors/history.ts';
import connectorLogs from './connectors/logs.ts';
import listPlugins from './plugins/list.ts';
import validatePlugin from './plugins/validate.ts';
import readOffsets from './offsets/read.ts';
import requestOffsets from './offsets/request.ts';
import offsetsStatus from './offsets/status.ts';

const ROUTES = [
  listConnectors, createConnector, readConnector, readConnectorConfig, putConnectorConfig, deleteConnector,
  connectorStatus, connectorTasks, pauseResume, listPlugins, validatePlugin,
  readOffsets, requestOffsets, offsetsStatus,
  restartConnector, connectorHistory, connectorLogs,
];

export function connectV1(guards: FamilyGuards, deps: ConnectV1Deps) {
  return apiFamily(CONNECT_V1, guards, deps, ROUTES);
}
