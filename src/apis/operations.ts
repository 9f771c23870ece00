// Every route names its operation (C3); logs, rate limits and RBAC key on these names.
export const OPERATIONS = {
  health: 'cirrus.health',
  connectorList: 'connect.connector.list',
  connectorCreate: 'connect.connector.create',
  connectorRead: 'connect.connector.read',
  connectorReadConfig: 'connect.connector.read_config',
  connectorPutConfig: 'connect.connector.put_config',
  connectorDelete: 'connect.connector.delete',
  connectorStatus: 'connect.connector.status',
  connectorTasks: 'connect.connector.tasks',
  connectorPause: 'connect.connector.pause',
  connectorResume: 'connect.connector.resume',
  pluginList: 'connect.plugin.list',
  pluginValidate: 'connect.plugin.validate',
} as const;

export type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];
