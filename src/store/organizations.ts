// Repository of organizations and their environments (org/v2).
import type { Selectable } from 'kysely';
import type { Environment, Organization, StreamGovernancePackage } from '../core/organization.ts';
import type { Executor } from './database.ts';
import type { EnvironmentTable, OrganizationTable } from './schema.ts';

function toOrganization(row: Selectable<OrganizationTable>): Organization {
  return { id: row.id, displayName: row.display_name, createdAt: row.created_at, updatedAt: row.updated_at ?? row.created_at };
}

function toEnvironment(row: Selectable<EnvironmentTable>): Environment {
  return {
    id: row.id, organizationId: row.organization_id, displayName: row.display_name,
    streamGovernancePackage: row.stream_governance_package as StreamGovernancePackage, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function insertOrganization(db: Executor, org: Organization): Promise<void> {
  await db.insertInto('organizations').values({ id: org.id, display_name: org.displayName, created_at: org.createdAt, updated_at: org.updatedAt }).execute();
}

export async function findOrganization(db: Executor, id: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOrganization(row);
}

/** The installation's organization (the first one made): undefined before the bootstrap. */
export async function firstOrganization(db: Executor): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
  return row && toOrganization(row);
}

export async function updateOrganization(db: Executor, id: string, changes: Pick<Organization, 'displayName' | 'updatedAt'>): Promise<void> {
  await db.updateTable('organizations').set({ display_name: changes.displayName, updated_at: changes.updatedAt }).where('id', '=', id).execute();
}

export async function insertEnvironment(db: Executor, env: Environment): Promise<void> {
  await db.insertInto('environments').values({
    id: env.id, organization_id: env.organizationId, display_name: env.displayName, stream_governance_package: env.streamGovernancePackage,
    created_at: env.createdAt, updated_at: env.updatedAt,
  }).execute();
}

export async function findEnvironment(db: Executor, id: string): Promise<Environment | undefined> {
  const row = await db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toEnvironment(row);
}

export async function listEnvironments(db: Executor, organizationId: string): Promise<Environment[]> {
  const rows = await db.selectFrom('environments').selectAll().where('organization_id', '=', organizationId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toEnvironment);
}

export async function updateEnvironment(db: Executor, id: string, changes: Pick<Environment, 'displayName' | 'streamGovernancePackage' | 'updatedAt'>): Promise<void> {
  await db.updateTable('environments')
    .set({ display_name: changes.displayName, stream_governance_package: changes.streamGovernancePackage, updated_at: changes.updatedAt })
    .where('id', '=', id).execute();
}

export async function deleteEnvironment(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('environments').where('id', '=', id).execute();
}
