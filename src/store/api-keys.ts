// Repository of API keys (their secrets are never stored, only a keyed hash).
import type { Selectable } from 'kysely';
import type { ApiKey } from '../core/iam.ts';
import { environmentOfRegistry } from '../core/schema-registry/ids.ts';
import type { Executor } from './database.ts';
import type { ApiKeyTable } from './schema.ts';

function toApiKey(row: Selectable<ApiKeyTable>): ApiKey {
  return {
    id: row.id, secretHash: row.secret_hash, ownerId: row.owner_id, resourceKind: row.resource_kind, resourceId: row.resource_id,
    displayName: row.display_name, description: row.description, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function insertApiKey(db: Executor, key: ApiKey): Promise<void> {
  await db.insertInto('api_keys').values({
    id: key.id, secret_hash: key.secretHash, owner_id: key.ownerId, resource_kind: key.resourceKind, resource_id: key.resourceId,
    display_name: key.displayName, description: key.description, created_at: key.createdAt, updated_at: key.updatedAt,
  }).execute();
}

export async function findApiKey(db: Executor, id: string): Promise<ApiKey | undefined> {
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toApiKey(row);
}

/** The key and its owner's organization in one query: authentication runs it on every request. */
export async function findApiKeyWithOwner(db: Executor, id: string): Promise<{ key: ApiKey; organizationId: string } | undefined> {
  const row = await db.selectFrom('api_keys')
    .innerJoin('principals', 'principals.id', 'api_keys.owner_id')
    .selectAll('api_keys').select('principals.organization_id')
    .where('api_keys.id', '=', id)
    .executeTakeFirst();
  return row && { key: toApiKey(row), organizationId: row.organization_id };
}

export interface ApiKeyFilter {
  id?: string;
  owner?: string;
  /** `cloud`, or a Kafka cluster id. */
  resource?: string;
}

/** A key with the environment of its Kafka cluster or Schema Registry (undefined for cloud keys). */
export interface ApiKeyWithEnvironment {
  key: ApiKey;
  environmentId: string | undefined;
}

/** The keys of an organization, each with its cluster's environment: one query for any number. */
export async function listApiKeys(db: Executor, organizationId: string, filter: ApiKeyFilter = {}): Promise<ApiKeyWithEnvironment[]> {
  let query = db.selectFrom('api_keys')
    .innerJoin('principals', 'principals.id', 'api_keys.owner_id')
    .leftJoin('kafka_clusters', 'kafka_clusters.id', 'api_keys.resource_id')
    .selectAll('api_keys').select('kafka_clusters.environment_id')
    .where('principals.organization_id', '=', organizationId);
  if (filter.id) query = query.where('api_keys.id', '=', filter.id);
  if (filter.owner) query = query.where('api_keys.owner_id', '=', filter.owner);
  if (filter.resource) {
    query = filter.resource === 'cloud'
      ? query.where('api_keys.resource_kind', '=', 'cloud')
      : query.where('api_keys.resource_id', '=', filter.resource);
  }
  const rows = await query.orderBy('api_keys.created_at').orderBy('api_keys.id').execute();
  return rows.map((row) => ({ key: toApiKey(row), environmentId: row.environment_id ?? environmentOfRegistry(row.resource_id ?? '') }));
}

export async function updateApiKey(db: Executor, id: string, changes: Pick<ApiKey, 'displayName' | 'description' | 'updatedAt'>): Promise<void> {
  await db.updateTable('api_keys')
    .set({ display_name: changes.displayName, description: changes.description, updated_at: changes.updatedAt })
    .where('id', '=', id).execute();
}

export async function deleteApiKey(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('api_keys').where('id', '=', id).execute();
}
