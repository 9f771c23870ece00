// Service accounts (iam/v2): principals that own API keys and hold role bindings.
import { randomBytes } from 'node:crypto';
import { NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { optionalText, requiredText } from '../core/validation.ts';
import type { Store } from '../store/database.ts';
import { findPrincipal, insertPrincipal, withOperation } from '../store/identity.ts';
import * as iam from '../store/iam.ts';

export type PrincipalRow = NonNullable<Awaited<ReturnType<typeof findPrincipal>>>;

export class ServiceAccountService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  async list(organizationId: string, displayNames: string[]): Promise<PrincipalRow[]> {
    const all = await iam.listPrincipals(this.db, organizationId, 'service_account');
    return displayNames.length ? all.filter((p) => displayNames.includes(p.display_name)) : all;
  }

  async get(organizationId: string, id: string): Promise<PrincipalRow> {
    const row = await findPrincipal(this.db, id);
    if (!row || row.kind !== 'service_account' || row.organization_id !== organizationId) throw new NotFound(`Service account ${id} was not found`);
    return row;
  }

  async create(organizationId: string, input: { displayName: unknown; description: unknown }, actor: string): Promise<PrincipalRow> {
    const displayName = requiredText(input.displayName, '/display_name', 64);
    const description = optionalText(input.description, '/description', 128);
    const at = this.now().toISOString();
    const row: PrincipalRow = {
      id: newId('serviceAccount', randomBytes), organization_id: organizationId, kind: 'service_account',
      display_name: displayName, description, created_at: at, updated_at: at,
    };
    await withOperation(this.db, { operation: 'iam.service_account.create', resourceId: row.id, actor, at }, (tx) => insertPrincipal(tx, row));
    return row;
  }

  async update(organizationId: string, id: string, input: { displayName?: unknown; description?: unknown }, actor: string): Promise<PrincipalRow> {
    const row = await this.get(organizationId, id);
    const changes = {
      display_name: input.displayName === undefined ? row.display_name : requiredText(input.displayName, '/display_name', 64),
      description: input.description === undefined ? row.description : optionalText(input.description, '/description', 128),
      updated_at: this.now().toISOString(),
    };
    await withOperation(this.db, { operation: 'iam.service_account.update', resourceId: id, actor, at: changes.updated_at },
      (tx) => iam.updatePrincipal(tx, id, changes));
    return { ...row, ...changes };
  }

  /** Deleting a service account revokes its keys and bindings with it. */
  async delete(organizationId: string, id: string, actor: string): Promise<void> {
    await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'iam.service_account.delete', resourceId: id, actor, at }, (tx) => iam.deletePrincipal(tx, id));
  }
}
