// First start: create the organization, environment `env-…`, Kafka cluster `lkc-…` bound to the
// embedded broker and its managed Connect pool, an OrganizationAdmin user with a cloud API key,
// and a Kafka API key for that cluster. Later starts reuse all of it (the store is the truth;
// bootstrap.json is the only place the two secrets are kept, for the operator).
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { newApiKeyId, newApiKeySecret, newId } from '../core/ids.ts';
import type { Store } from '../store/database.ts';
import * as identity from '../store/identity.ts';
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
}

export const BOOTSTRAP_FILE = 'bootstrap.json';

export interface BootstrapDeps {
  db: Store;
  secrets: ApiKeySecrets;
  home: string;
  endpoint: string;
  kafkaBootstrapServers: string;
  now: () => Date;
}

export async function ensureBootstrap(deps: BootstrapDeps): Promise<BootstrapInfo> {
  return (await bootstrapIdentity(deps)).info;
}

/**
 * ensureBootstrap, also saying whether this call created the identity: only that start may
 * print the secrets (issue 7.12); later ones point at `cirrus bootstrap --show-secrets`.
 */
export async function bootstrapIdentity(deps: BootstrapDeps): Promise<{ info: BootstrapInfo; created: boolean }> {
  const file = path.join(deps.home, BOOTSTRAP_FILE);
  const existing = await identity.firstOrganization(deps.db);
  if (existing) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} is missing but the store at ${deps.home} is already bootstrapped; restore the file or use a new CIRRUS_HOME`);
    }
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as BootstrapInfo;
    // The address may follow new settings; ids and keys never change.
    const refreshed = { ...info, endpoint: deps.endpoint, kafka_bootstrap_servers: deps.kafkaBootstrapServers };
    writeBootstrapFile(file, refreshed);
    return { info: refreshed, created: false };
  }
  return { info: await createBootstrap(deps, file), created: true };
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
  };
  // The file first: should we die before the commit, the next start bootstraps afresh and
  // overwrites it; the other order could commit keys whose secrets nobody ever saw.
  writeBootstrapFile(file, info);

  await deps.db.transaction().execute(async (tx) => {
    await identity.insertOrganization(tx, { id: ids.organization, display_name: 'Cirrus', created_at: at });
    await identity.insertEnvironment(tx, {
      id: ids.environment, organization_id: ids.organization, display_name: 'default', created_at: at, updated_at: at,
    });
    await identity.insertConnectPool(tx, { id: ids.pool, kind: 'managed', rest_url: null, created_at: at });
    await identity.insertKafkaCluster(tx, {
      id: ids.cluster, environment_id: ids.environment, display_name: 'local', kind: 'embedded',
      bootstrap_servers: null, cloud: 'local', region: 'local', connect_pool_id: ids.pool, created_at: at, updated_at: at,
    });
    await identity.insertPrincipal(tx, {
      id: ids.user, organization_id: ids.organization, kind: 'user', display_name: 'admin',
      description: 'Created at first start', created_at: at, updated_at: at,
    });
    await identity.insertRoleBinding(tx, {
      id: ids.roleBinding, principal_id: ids.user, role_name: 'OrganizationAdmin',
      crn_pattern: `crn://confluent.cloud/organization=${ids.organization}`, created_at: at,
    });
    const key = (id: string, secret: string, kind: 'cloud' | 'kafka_cluster', resource: string | null, name: string) =>
      identity.insertApiKey(tx, {
        id, secret_hash: deps.secrets.hash(secret), owner_id: ids.user, resource_kind: kind, resource_id: resource,
        display_name: name, description: 'Created at first start', created_at: at, updated_at: at,
      });
    await key(cloudKey.id, cloudKey.secret, 'cloud', null, 'bootstrap cloud key');
    await key(kafkaKey.id, kafkaKey.secret, 'kafka_cluster', ids.cluster, 'bootstrap Kafka key');
    await identity.recordOperation(tx, {
      operation: 'identity.bootstrap', resourceId: ids.organization, actor: 'system', at,
      detail: { environment_id: ids.environment, kafka_cluster_id: ids.cluster, cloud_api_key: cloudKey.id, kafka_api_key: kafkaKey.id },
    });
  });

  return info;
}

function writeBootstrapFile(file: string, info: BootstrapInfo): void {
  // Write-then-rename so a crash never leaves a half-written file holding the only secrets.
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
