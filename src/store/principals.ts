// Repository of principals: users (`u-…`) and service accounts (`sa-…`).
import type { Selectable } from 'kysely';
import type { Principal, PrincipalKind } from '../core/iam.ts';
import type { Executor } from './database.ts';
import type { PrincipalTable } from './schema.ts';

function toPrincipal(row: Selectable<PrincipalTable>): Principal {
  return {
    id: row.id, organizationId: row.organization_id, kind: row.kind, displayName: row.display_name,
    description: row.description, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function insertPrincipal(db: Executor, p: Principal): Promise<void> {
  await db.insertInto('principals').values({
    id: p.id, organization_id: p.organizationId, kind: p.kind, display_name: p.displayName,
    description: p.description, created_at: p.createdAt, updated_at: p.updatedAt,
  }).execute();
}

export async function findPrincipal(db: Executor, id: string): Promise<Principal | undefined> {
  const row = await db.selectFrom('principals').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPrincipal(row);
}

export async function listPrincipals(db: Executor, organizationId: string, kind: PrincipalKind): Promise<Principal[]> {
  const rows = await db.selectFrom('principals').selectAll()
    .where('organization_id', '=', organizationId).where('kind', '=', kind)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map(toPrincipal);
}

export async function updatePrincipal(db: Executor, id: string, changes: Pick<Principal, 'displayName' | 'description' | 'updatedAt'>): Promise<void> {
  await db.updateTable('principals')
    .set({ display_name: changes.displayName, description: changes.description, updated_at: changes.updatedAt })
    .where('id', '=', id).execute();
}

/** Deletes a principal with its keys and role bindings: they mean nothing without it. */
export async function deletePrincipal(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_bindings').where('principal_id', '=', id).execute();
  await db.deleteFrom('api_keys').where('owner_id', '=', id).execute();
  await db.deleteFrom('principals').where('id', '=', id).execute();
}
