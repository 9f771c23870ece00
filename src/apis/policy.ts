// The authorization table (issue #4): every operation says which action it needs on which
// resource. One place, checked for every route at boot, so no route goes unclassified.
import type { FastifyRequest } from 'fastify';
import { parseExpand } from '../core/connector-expand.ts';
import type { Action, ScopeRef } from '../core/rbac.ts';
import { OPERATIONS, type Operation } from './operations.ts';
import { REGISTRY_POLICIES } from './schema-registry/policy.ts';


export interface RoutePolicy {
  /**
   * `public`: no authentication (health); `authenticated`: any valid cloud key, the handler shows
   * only what the caller may see (lists of environments and clusters); else the action needed.
   */
  action: Action | 'public' | 'authenticated' | ((request: FastifyRequest) => Action);
  scope: (request: FastifyRequest) => ScopeRef;
}

const param = (request: FastifyRequest, name: string): string => String((request.params as Record<string, unknown>)[name] ?? '');
const organization = (): ScopeRef => ({ kind: 'organization' });
const connectCluster = (request: FastifyRequest): ScopeRef => ({
  kind: 'cluster', environmentId: param(request, 'environment_id'), clusterId: param(request, 'kafka_cluster_id'),
});

const query = (request: FastifyRequest, name: string): string => String((request.query as Record<string, unknown>)?.[name] ?? '');
const bodyEnvironment = (request: FastifyRequest): string =>
  String(((request.body as { spec?: { environment?: { id?: unknown } } })?.spec?.environment?.id) ?? '');
const registersExternalCluster = (request: FastifyRequest): boolean =>
  ((request.body as { spec?: { cirrus?: unknown } } | null)?.spec?.cirrus ?? undefined) !== undefined;
const environmentParam = (request: FastifyRequest): ScopeRef => ({ kind: 'environment', environmentId: param(request, 'id') });
const clusterByQuery = (request: FastifyRequest): ScopeRef => ({ kind: 'cluster', environmentId: query(request, 'environment'), clusterId: param(request, 'id') });
const clusterByBody = (request: FastifyRequest): ScopeRef => ({ kind: 'cluster', environmentId: bodyEnvironment(request), clusterId: param(request, 'id') });
const admin = { action: 'admin', scope: organization } as const;
// Custom plugins: any key of the organization may read its connect/v1 plugins and whoever holds a
// role in an environment its ccpm/v1 ones, to create connectors from them; OrganizationAdmin,
// EnvironmentAdmin and CloudClusterAdmin manage them.
const environmentByQuery = (request: FastifyRequest): ScopeRef => ({ kind: 'environment', environmentId: query(request, 'environment') });
const environmentByBody = (request: FastifyRequest): ScopeRef => ({ kind: 'environment', environmentId: bodyEnvironment(request) });
const orgPluginRead = { action: 'authenticated', scope: organization } as const;
const orgPluginManage = { action: 'manage_plugins', scope: organization } as const;
/** ccpm/v1 bodies name their environment at the top: `{environment: {id}}`. */
const topLevelEnvironment = (request: FastifyRequest): ScopeRef => ({
  kind: 'environment', environmentId: String((request.body as { environment?: { id?: unknown } } | null)?.environment?.id ?? ''),
});

export const POLICIES: Record<Operation, RoutePolicy> = {
  [OPERATIONS.health]: { action: 'public', scope: organization },
  // The web console's page and assets (issue 15) hold no data: it signs in through the APIs.
  [OPERATIONS.consoleAsset]: { action: 'public', scope: organization },
  // Checked by the route itself (http/self-metrics.ts): an OrganizationAdmin, or any keyless
  // caller on loopback or everywhere as CIRRUS_SELF_METRICS_ACCESS says.
  [OPERATIONS.selfMetrics]: admin,
  // Names and statuses are status; `expand=info` shows configs, which is reading. Decided from
  // the parser the handler uses, so both read `expand` alike.
  [OPERATIONS.connectorList]: { action: (request) => (parseExpand((request.query as Record<string, unknown>).expand).has('info') ? 'read' : 'read_status'), scope: connectCluster },
  [OPERATIONS.connectorCreate]: { action: 'manage', scope: connectCluster },
  [OPERATIONS.connectorRead]: { action: 'read', scope: connectCluster },
  [OPERATIONS.connectorReadConfig]: { action: 'read', scope: connectCluster },
  [OPERATIONS.connectorPutConfig]: { action: 'manage', scope: connectCluster },
  [OPERATIONS.connectorDelete]: { action: 'manage', scope: connectCluster },
  [OPERATIONS.connectorStatus]: { action: 'read_status', scope: connectCluster },
  [OPERATIONS.connectorTasks]: { action: 'read', scope: connectCluster },
  [OPERATIONS.connectorPause]: { action: 'operate', scope: connectCluster },
  [OPERATIONS.connectorResume]: { action: 'operate', scope: connectCluster },
  // Moving offsets replays or skips data: as much a change of the connector as its config.
  [OPERATIONS.connectorOffsetsRead]: { action: 'read', scope: connectCluster },
  [OPERATIONS.connectorOffsetsRequest]: { action: 'manage', scope: connectCluster },
  [OPERATIONS.connectorOffsetsStatus]: { action: 'read', scope: connectCluster },
  // Issue 11: restarting is operating; history (config changes) and logs are reading.
  [OPERATIONS.connectorRestart]: { action: 'operate', scope: connectCluster },
  [OPERATIONS.connectorHistory]: { action: 'read', scope: connectCluster },
  [OPERATIONS.connectorLogs]: { action: 'read', scope: connectCluster },
  [OPERATIONS.pluginList]: { action: 'read', scope: connectCluster },
  [OPERATIONS.pluginValidate]: { action: 'read', scope: connectCluster },
  // iam/v2 is the organization's: OrganizationAdmin only.
  [OPERATIONS.serviceAccountList]: admin,
  [OPERATIONS.serviceAccountCreate]: admin,
  [OPERATIONS.serviceAccountRead]: admin,
  [OPERATIONS.serviceAccountUpdate]: admin,
  [OPERATIONS.serviceAccountDelete]: admin,
  [OPERATIONS.apiKeyList]: admin,
  [OPERATIONS.apiKeyCreate]: admin,
  [OPERATIONS.apiKeyRead]: admin,
  [OPERATIONS.apiKeyUpdate]: admin,
  [OPERATIONS.apiKeyDelete]: admin,
  [OPERATIONS.roleBindingList]: admin,
  [OPERATIONS.roleBindingCreate]: admin,
  [OPERATIONS.roleBindingRead]: admin,
  [OPERATIONS.roleBindingDelete]: admin,
  // Every caller may read its own organization (the service answers 404 for any other id);
  // only an OrganizationAdmin renames it.
  [OPERATIONS.organizationList]: { action: 'authenticated', scope: organization },
  [OPERATIONS.organizationRead]: { action: 'authenticated', scope: organization },
  [OPERATIONS.organizationUpdate]: admin,
  [OPERATIONS.environmentList]: { action: 'authenticated', scope: organization },
  [OPERATIONS.environmentCreate]: admin,
  [OPERATIONS.environmentRead]: { action: 'read_status', scope: environmentParam },
  [OPERATIONS.environmentUpdate]: { action: 'admin', scope: environmentParam },
  [OPERATIONS.environmentDelete]: admin,
  [OPERATIONS.clusterList]: { action: 'authenticated', scope: organization },
  // Registering an external cluster (spec.cirrus) points the reconciler at a URL of the host's
  // network: the organization's admins only. A cluster of our own is the environment's business.
  [OPERATIONS.clusterCreate]: {
    action: 'admin',
    scope: (request) => (registersExternalCluster(request) ? organization() : { kind: 'environment', environmentId: bodyEnvironment(request) }),
  },
  [OPERATIONS.clusterRead]: { action: 'read_status', scope: clusterByQuery },
  [OPERATIONS.clusterUpdate]: { action: 'admin', scope: clusterByBody },
  [OPERATIONS.clusterDelete]: { action: 'admin', scope: clusterByQuery },
  [OPERATIONS.customPluginList]: orgPluginRead,
  [OPERATIONS.customPluginCreate]: orgPluginManage,
  [OPERATIONS.customPluginRead]: orgPluginRead,
  [OPERATIONS.customPluginUpdate]: orgPluginManage,
  [OPERATIONS.customPluginDelete]: orgPluginManage,
  [OPERATIONS.customRuntimeList]: { action: 'authenticated', scope: organization },
  [OPERATIONS.ccpmPluginList]: { action: 'read_status', scope: environmentByQuery },
  [OPERATIONS.ccpmPluginCreate]: { action: 'manage_plugins', scope: environmentByBody },
  [OPERATIONS.ccpmPluginRead]: { action: 'read_status', scope: environmentByQuery },
  [OPERATIONS.ccpmPluginUpdate]: { action: 'manage_plugins', scope: environmentByBody },
  [OPERATIONS.ccpmPluginDelete]: { action: 'manage_plugins', scope: environmentByQuery },
  [OPERATIONS.ccpmVersionList]: { action: 'read_status', scope: environmentByQuery },
  [OPERATIONS.ccpmVersionCreate]: { action: 'manage_plugins', scope: environmentByBody },
  [OPERATIONS.ccpmVersionRead]: { action: 'read_status', scope: environmentByQuery },
  [OPERATIONS.ccpmVersionDelete]: { action: 'manage_plugins', scope: environmentByQuery },
  // Custom plugins (issue 9): OrganizationAdmin, EnvironmentAdmin and CloudClusterAdmin may manage
  // them (the product page); `manage_plugins` is granted by such a role at or beneath the scope
  // (core/rbac.ts). connect/v1 plugins are the organization's; ccpm/v1 ones an environment's.
  [OPERATIONS.connectPresignedUploadUrl]: { action: 'manage_plugins', scope: organization },
  [OPERATIONS.ccpmPresignedUploadUrl]: { action: 'manage_plugins', scope: topLevelEnvironment },
  // The upload target authenticates by the signed policy of its form, not by an API key.
  [OPERATIONS.uploadPost]: { action: 'public', scope: organization },
  [OPERATIONS.uploadPut]: { action: 'public', scope: organization },
  // Metrics (issue 12): any cloud key may ask; the service counts only the points of clusters the
  // caller may see (read_status, so Operator too), so other tenants' connectors read as silent.
  [OPERATIONS.metricsQuery]: { action: 'authenticated', scope: organization },
  [OPERATIONS.metricsDescriptorList]: { action: 'authenticated', scope: organization },
  [OPERATIONS.metricsResourceList]: { action: 'authenticated', scope: organization },
  [OPERATIONS.metricsAttributes]: { action: 'authenticated', scope: organization },
  [OPERATIONS.metricsExport]: { action: 'authenticated', scope: organization },
  // srcm/v3 (issue 14): an environment's registry is listed to whoever may see the environment.
  [OPERATIONS.srcmClusterList]: { action: 'read_status', scope: environmentByQuery },
  [OPERATIONS.srcmClusterRead]: { action: 'read_status', scope: environmentByQuery },
  ...REGISTRY_POLICIES,
};

export function policyOf(operation: unknown): RoutePolicy | undefined {
  return typeof operation === 'string' ? (POLICIES as Record<string, RoutePolicy>)[operation] : undefined;
}
