// Repositories for what iam/v2 manages: service accounts, API keys and role bindings (C11).
import type { Updateable } from 'kysely';
import type { ApiKeyRow, ApiKeyTable, PrincipalTable } from './schema.ts';
import type { Executor } from './identity.ts';

export async function listPrincipals(db: Executor, organizationId: string, kind: 'user' | 'service_account') {
  return db.selectFrom('principals').selectAll()
    .where('organization_id', '=', organizationId).where('kind', '=', kind)
    .orderBy('created_at').orderBy('id').execute();
}

export async function updatePrincipal(db: Executor, id: string, changes: Updateable<PrincipalTable>): Promise<void> {
  await db.updateTable('principals').set(changes).where('id', '=', id).execute();
}

export async function deletePrincipal(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_bindings').where('principal_id', '=', id).execute();
  await db.deleteFrom('api_keys').where('owner_id', '=', id).execute();
  await db.deleteFrom('principals').where('id', '=', id).execute();
}

export async function listApiKeys(db: Executor, organizationId: string, filter: { owner?: string; resource?: string } = {}): Promise<ApiKeyRow[]> {
  let query = db.selectFrom('api_keys').selectAll('api_keys')
    .innerJoin('principals', 'principals.id', 'api_keys.owner_id')
    .where('principals.organization_id', '=', organizationId);
  if (filter.owner) query = query.where('api_keys.owner_id', '=', filter.owner);
  if (filter.resource) {
    query = filter.resource === 'cloud'
      ? query.where('api_keys.resource_kind', '=', 'cloud')
      : query.where('api_keys.resource_id', '=', filter.resource);
  }
  return query.orderBy('api_keys.created_at').orderBy('api_keys.id').execute();
}

export async function updateApiKey(db: Executor, id: string, changes: Updateable<ApiKeyTable>): Promise<void> {
  await db.updateTable('api_keys').set(changes).where('id', '=', id).execute();
}

export async function deleteApiKey(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('api_keys').where('id', '=', id).execute();
}

export async function listRoleBindings(db: Executor, organizationId: string, filter: { principal?: string; roleName?: string } = {}) {
  let query = db.selectFrom('role_bindings').selectAll('role_bindings')
    .innerJoin('principals', 'principals.id', 'role_bindings.principal_id')
    .where('principals.organization_id', '=', organizationId);
  if (filter.principal) query = query.where('role_bindings.principal_id', '=', filter.principal);
  if (filter.roleName) query = query.where('role_bindings.role_name', '=', filter.roleName);
  return query.orderBy('role_bindings.created_at').orderBy('role_bindings.id').execute();
}

export async function findRoleBinding(db: Executor, id: string) {
  return db.selectFrom('role_bindings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteRoleBinding(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_bindings').where('id', '=', id).execute();
}
