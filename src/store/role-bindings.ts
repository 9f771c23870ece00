// Repository of role bindings: a principal holds a role on a CRN pattern.
import type { Selectable } from 'kysely';
import type { RoleBinding } from '../core/iam.ts';
import type { Executor } from './database.ts';
import type { RoleBindingTable } from './schema.ts';

function toRoleBinding(row: Selectable<RoleBindingTable>): RoleBinding {
  return { id: row.id, principalId: row.principal_id, roleName: row.role_name, crnPattern: row.crn_pattern, createdAt: row.created_at };
}

export async function insertRoleBinding(db: Executor, binding: RoleBinding): Promise<void> {
  await db.insertInto('role_bindings').values({
    id: binding.id, principal_id: binding.principalId, role_name: binding.roleName, crn_pattern: binding.crnPattern, created_at: binding.createdAt,
  }).execute();
}

export async function findRoleBinding(db: Executor, id: string): Promise<RoleBinding | undefined> {
  const row = await db.selectFrom('role_bindings').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRoleBinding(row);
}

/** What authorization needs on every request: the caller's bindings. */
export async function bindingsOf(db: Executor, principalId: string): Promise<RoleBinding[]> {
  const rows = await db.selectFrom('role_bindings').selectAll().where('principal_id', '=', principalId).execute();
  return rows.map(toRoleBinding);
}

export async function listRoleBindings(db: Executor, organizationId: string, filter: { principal?: string; roleName?: string } = {}): Promise<RoleBinding[]> {
  let query = db.selectFrom('role_bindings').selectAll('role_bindings')
    .innerJoin('principals', 'principals.id', 'role_bindings.principal_id')
    .where('principals.organization_id', '=', organizationId);
  if (filter.principal) query = query.where('role_bindings.principal_id', '=', filter.principal);
  if (filter.roleName) query = query.where('role_bindings.role_name', '=', filter.roleName);
  const rows = await query.orderBy('role_bindings.created_at').orderBy('role_bindings.id').execute();
  return rows.map(toRoleBinding);
}

export async function deleteRoleBinding(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_bindings').where('id', '=', id).execute();
}
