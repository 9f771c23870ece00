// Repositories for the identity tables (C11): functions taking the executor first, so callers
// own transactions.
import type { Kysely, Transaction, Insertable, Updateable } from 'kysely';
import type {
  DB, OrganizationTable, EnvironmentTable, ConnectPoolTable, KafkaClusterTable, PrincipalTable,
  ApiKeyTable, RoleBindingTable, ApiKeyRow, Environment, KafkaCluster, ConnectPool, Organization,
} from './schema.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

export async function insertOrganization(db: Executor, row: Insertable<OrganizationTable>): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function findOrganization(db: Executor, id: string): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateOrganization(db: Executor, id: string, changes: Updateable<OrganizationTable>): Promise<void> {
  await db.updateTable('organizations').set(changes).where('id', '=', id).execute();
}

export async function firstOrganization(db: Executor): Promise<{ id: string } | undefined> {
  return db.selectFrom('organizations').select('id').orderBy('created_at').limit(1).executeTakeFirst();
}

export async function insertEnvironment(db: Executor, row: Insertable<EnvironmentTable>): Promise<void> {
  await db.insertInto('environments').values(row).execute();
}

export async function findEnvironment(db: Executor, id: string): Promise<Environment | undefined> {
  return db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertConnectPool(db: Executor, row: Insertable<ConnectPoolTable>): Promise<void> {
  await db.insertInto('connect_pools').values(row).execute();
}

export async function listConnectPools(db: Executor): Promise<ConnectPool[]> {
  return db.selectFrom('connect_pools').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function insertKafkaCluster(db: Executor, row: Insertable<KafkaClusterTable>): Promise<void> {
  await db.insertInto('kafka_clusters').values(row).execute();
}

export async function findKafkaCluster(db: Executor, id: string): Promise<KafkaCluster | undefined> {
  return db.selectFrom('kafka_clusters').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPrincipal(db: Executor, row: Insertable<PrincipalTable>): Promise<void> {
  await db.insertInto('principals').values(row).execute();
}

export async function findPrincipal(db: Executor, id: string) {
  return db.selectFrom('principals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The key and its owner's organization in one query: authentication runs it on every request. */
export async function findApiKeyWithOwner(db: Executor, id: string) {
  return db.selectFrom('api_keys')
    .innerJoin('principals', 'principals.id', 'api_keys.owner_id')
    .select(['api_keys.id', 'api_keys.secret_hash', 'api_keys.resource_kind', 'api_keys.owner_id', 'principals.organization_id'])
    .where('api_keys.id', '=', id)
    .executeTakeFirst();
}

export async function bindingsOf(db: Executor, principalId: string) {
  return db.selectFrom('role_bindings').select(['role_name', 'crn_pattern']).where('principal_id', '=', principalId).execute();
}

export async function insertApiKey(db: Executor, row: Insertable<ApiKeyTable>): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

export async function findApiKey(db: Executor, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRoleBinding(db: Executor, row: Insertable<RoleBindingTable>): Promise<void> {
  await db.insertInto('role_bindings').values(row).execute();
}

export interface OperationRecord {
  operation: string;
  resourceId: string;
  actor: string;
  detail?: Record<string, unknown>;
  at: string;
}

/** A mutation and its operation record commit together or not at all (C11). */
export async function withOperation<T>(db: Kysely<DB>, op: OperationRecord, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const result = await work(tx);
    await recordOperation(tx, op);
    return result;
  });
}

export async function recordOperation(
  db: Executor,
  op: OperationRecord,
): Promise<void> {
  await db.insertInto('operations').values({
    operation: op.operation,
    resource_id: op.resourceId,
    actor: op.actor,
    detail: JSON.stringify(op.detail ?? {}),
    created_at: op.at,
  }).execute();
}
