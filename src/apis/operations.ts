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
  serviceAccountList: 'iam.service_account.list',
  serviceAccountCreate: 'iam.service_account.create',
  serviceAccountRead: 'iam.service_account.read',
  serviceAccountUpdate: 'iam.service_account.update',
  serviceAccountDelete: 'iam.service_account.delete',
  apiKeyList: 'iam.api_key.list',
  apiKeyCreate: 'iam.api_key.create',
  apiKeyRead: 'iam.api_key.read',
  apiKeyUpdate: 'iam.api_key.update',
  apiKeyDelete: 'iam.api_key.delete',
  roleBindingList: 'iam.role_binding.list',
  roleBindingCreate: 'iam.role_binding.create',
  roleBindingRead: 'iam.role_binding.read',
  roleBindingDelete: 'iam.role_binding.delete',
  organizationList: 'org.organization.list',
  organizationRead: 'org.organization.read',
  organizationUpdate: 'org.organization.update',
  environmentList: 'org.environment.list',
  environmentCreate: 'org.environment.create',
  environmentRead: 'org.environment.read',
  environmentUpdate: 'org.environment.update',
  environmentDelete: 'org.environment.delete',
  clusterList: 'cmk.cluster.list',
  clusterCreate: 'cmk.cluster.create',
  clusterRead: 'cmk.cluster.read',
  clusterUpdate: 'cmk.cluster.update',
  clusterDelete: 'cmk.cluster.delete',
  connectPresignedUploadUrl: 'connect.presigned_upload_url.create',
  ccpmPresignedUploadUrl: 'ccpm.presigned_upload_url.create',
  uploadPost: 'cirrus.upload.post',
  uploadPut: 'cirrus.upload.put',
} as const;

export type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The operation this route performs (C3); its policy lives in apis/policy.ts. */
    operation?: Operation;
  }
}
