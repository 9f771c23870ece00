// First start: create the organization, environment `env-…`, Kafka cluster `lkc-…` bound to the
// embedded broker and its managed Connect pool, an OrganizationAdmin user with a cloud API key,
// and a Kafka API key for that cluster. Later starts reuse all of it (the store is the truth;
// bootstrap.json is the only place the two secrets are kept, for the operator).
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiKey } from '../core/iam.ts';
import { newApiKeyId, newApiKeySecret, newId } from '../core/ids.ts';
import { organizationCrn } from '../core/rbac.ts';
import { findApiKey, insertApiKey } from '../store/api-keys.ts';
import { registryEndpoint, registryIdOf } from '../core/schema-registry/ids.ts';
import { insertKafkaCluster } from '../store/clusters.ts';
import type { Executor, Store } from '../store/database.ts';
import { recordOperation, withOperation } from '../store/operations.ts';
import { firstOrganization, insertEnvironment, insertOrganization } from '../store/organizations.ts';
import { insertConnectPool } from '../store/pools.ts';
import { insertPrincipal } from '../store/principals.ts';
import { insertRoleBinding } from '../store/role-bindings.ts';
import type { ApiKeySecrets } from './api-key-secrets.ts';

export interface BootstrapInfo {
  endpoint: string;
  organization_id: string;
  environment_id: string;
  kafka_cluster_id: string;
  connect_pool_id: string;
  kafka_bootstrap_servers: string;
  cloud_api_key: string;
  cloud_api_secret: string;
  kafka_api_key: string;
  kafka_api_secret: string;
  /** The environment's Schema Registry (issue 14), where its API answers, and a key of it. */
  schema_registry_id: string;
  schema_registry_endpoint: string;
  schema_registry_api_key: string;
  schema_registry_api_secret: string;
}

export const BOOTSTRAP_FILE = 'bootstrap.json';

export function bootstrapFile(home: string): string {
  return path.join(home, BOOTSTRAP_FILE);
}

/** The one reader of bootstrap.json (the server, the CLI and the tests); undefined when absent. */
export function readBootstrapFile(home: string): BootstrapInfo | undefined {
  return readInfo(bootstrapFile(home));
}

function readInfo(file: string): BootstrapInfo | undefined {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as BootstrapInfo : undefined;
}

export interface BootstrapDeps {
  db: Store;
  secrets: ApiKeySecrets;
  home: string;
  endpoint: string;
  kafkaBootstrapServers: string;
  now: () => Date;
}

export async function ensureBootstrap(deps: BootstrapDeps): Promise<BootstrapInfo> {
  const bootstrap = await bootstrapIdentity(deps);
  bootstrap.publish();
  return bootstrap.info;
}

export interface Bootstrap {
  info: BootstrapInfo;
  /** Whether this call created the identity: only that start may print the secrets (issue 7.12). */
  created: boolean;
  /**
   * Makes bootstrap.json appear, once the API answers: users (and scripts) wait for the file.
   * A created identity is kept in a pending file until then, written before the store commits,
   * so a crash in between still leaves its secrets to the next start.
   */
  publish(): void;
}

/** The identity of this store: made on the first start, read back (and refreshed) later. */
export async function bootstrapIdentity(deps: BootstrapDeps): Promise<Bootstrap> {
  const file = bootstrapFile(deps.home);
  const pending = `${file}.pending`;
  if (await firstOrganization(deps.db)) {
    const info = readBootstrapFile(deps.home) ?? readInfo(pending);
    if (!info) throw new Error(`${file} is missing but the store at ${deps.home} is already bootstrapped; restore the file or use a new CIRRUS_HOME`);
    // The address may follow new settings; ids and keys never change. Written at once: a
    // registry key just made has its secret nowhere else.
    const refreshed = await withRegistryKey(deps, { ...info, endpoint: deps.endpoint, kafka_bootstrap_servers: deps.kafkaBootstrapServers });
    writeBootstrapFile(file, refreshed);
    fs.rmSync(pending, { force: true });
    return { info: refreshed, created: false, publish: () => {} };
  }
  const info = await createBootstrap(deps, pending);
  return { info, created: true, publish: () => fs.renameSync(pending, file) };
}

async function createBootstrap(deps: BootstrapDeps, file: string): Promise<BootstrapInfo> {
  const at = deps.now().toISOString();
  const ids = {
    organization: randomUUID(),
    environment: newId('environment', randomBytes),
    cluster: newId('kafkaCluster', randomBytes),
    pool: newId('pool', randomBytes),
    user: newId('user', randomBytes),
    roleBinding: newId('roleBinding', randomBytes),
  };
  const cloudKey = { id: newApiKeyId(randomBytes), secret: newApiKeySecret(randomBytes) };
  const kafkaKey = { id: newApiKeyId(randomBytes), secret: newApiKeySecret(randomBytes) };
  const registryKey = { id: newApiKeyId(randomBytes), secret: newApiKeySecret(randomBytes) };
  const registryId = registryIdOf(ids.environment);

  const info: BootstrapInfo = {
    endpoint: deps.endpoint,
    organization_id: ids.organization,
    environment_id: ids.environment,
    kafka_cluster_id: ids.cluster,
    connect_pool_id: ids.pool,
    kafka_bootstrap_servers: deps.kafkaBootstrapServers,
    cloud_api_key: cloudKey.id,
    cloud_api_secret: cloudKey.secret,
    kafka_api_key: kafkaKey.id,
    kafka_api_secret: kafkaKey.secret,
    schema_registry_id: registryId,
    schema_registry_endpoint: registryEndpoint(deps.endpoint, registryId),
    schema_registry_api_key: registryKey.id,
    schema_registry_api_secret: registryKey.secret,
  };
  // The file first: should we die before the commit, the next start bootstraps afresh and
  // overwrites it; the other order could commit keys whose secrets nobody ever saw.
  writeBootstrapFile(file, info);

  await deps.db.transaction().execute((tx) => storeIdentity(tx, deps, ids, { cloud: cloudKey, kafka: kafkaKey, registry: registryKey }, at));
  return info;
}

type Ids = Record<'organization' | 'environment' | 'cluster' | 'pool' | 'user' | 'roleBinding', string>;
type Keys = Record<'cloud' | 'kafka' | 'registry', { id: string; secret: string }>;

/** The bootstrap identity in one transaction: all of it, or nothing. */
async function storeIdentity(tx: Executor, deps: BootstrapDeps, ids: Ids, keys: Keys, at: string): Promise<void> {
  await insertOrganization(tx, { id: ids.organization, displayName: 'Cirrus', createdAt: at, updatedAt: at });
  await insertEnvironment(tx, {
    id: ids.environment, organizationId: ids.organization, displayName: 'default', streamGovernancePackage: 'ESSENTIALS', createdAt: at, updatedAt: at,
  });
  await insertConnectPool(tx, { id: ids.pool, kind: 'managed', restUrl: undefined, port: undefined, pluginVersionId: undefined, kafkaClusterId: undefined, createdAt: at });
  await insertKafkaCluster(tx, {
    id: ids.cluster, environmentId: ids.environment, displayName: 'local', kind: 'embedded', bootstrapServers: undefined,
    cloud: 'local', region: 'local', connectPoolId: ids.pool, availability: 'SINGLE_ZONE', configKind: 'Basic', cku: null, maxEcku: null,
    brokerPorts: undefined, createdAt: at, updatedAt: at,
  });
  await insertPrincipal(tx, {
    id: ids.user, organizationId: ids.organization, kind: 'user', displayName: 'admin', description: 'Created at first start', createdAt: at, updatedAt: at,
  });
  await insertRoleBinding(tx, { id: ids.roleBinding, principalId: ids.user, roleName: 'OrganizationAdmin', crnPattern: organizationCrn(ids.organization), createdAt: at });
  const key = (k: { id: string; secret: string }, resourceKind: ApiKey['resourceKind'], resourceId: string | null, displayName: string) => insertApiKey(tx, {
    id: k.id, secretHash: deps.secrets.hash(k.secret), ownerId: ids.user, resourceKind, resourceId,
    displayName, description: 'Created at first start', createdAt: at, updatedAt: at,
  });
  await key(keys.cloud, 'cloud', null, 'bootstrap cloud key');
  await key(keys.kafka, 'kafka_cluster', ids.cluster, 'bootstrap Kafka key');
  await key(keys.registry, 'schema_registry', registryIdOf(ids.environment), 'bootstrap Schema Registry key');
  await recordOperation(tx, {
    operation: 'identity.bootstrap', resourceId: ids.organization, actor: 'system', at,
    detail: { environment_id: ids.environment, kafka_cluster_id: ids.cluster, cloud_api_key: keys.cloud.id, kafka_api_key: keys.kafka.id, schema_registry_api_key: keys.registry.id },
  });
}

/**
 * A store bootstrapped before the Schema Registry existed (issue 14) gets a registry key for
 * its environment on the next start, owned by the bootstrap admin, and the file learns it.
 */
async function withRegistryKey(deps: BootstrapDeps, info: BootstrapInfo): Promise<BootstrapInfo> {
  const registryId = registryIdOf(info.environment_id);
  const endpoint = registryEndpoint(deps.endpoint, registryId);
  if (info.schema_registry_api_key) return { ...info, schema_registry_endpoint: endpoint };
  const admin = await findApiKey(deps.db, info.cloud_api_key);
  if (!admin) return info;
  const k = { id: newApiKeyId(randomBytes), secret: newApiKeySecret(randomBytes) };
  const at = deps.now().toISOString();
  await withOperation(deps.db, { operation: 'iam.api_key.create', resourceId: k.id, actor: 'system', at, detail: { owner: admin.ownerId, resource: registryId } }, (tx) => insertApiKey(tx, {
    id: k.id, secretHash: deps.secrets.hash(k.secret), ownerId: admin.ownerId, resourceKind: 'schema_registry', resourceId: registryId,
    displayName: 'bootstrap Schema Registry key', description: 'Created at the first start with a Schema Registry', createdAt: at, updatedAt: at,
  }));
  return { ...info, schema_registry_id: registryId, schema_registry_endpoint: endpoint, schema_registry_api_key: k.id, schema_registry_api_secret: k.secret };
}

function writeBootstrapFile(file: string, info: BootstrapInfo): void {
  // Write-then-rename so a crash never leaves a half-written file holding the only secrets.
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
