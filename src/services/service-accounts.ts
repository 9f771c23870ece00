// Service accounts (iam/v2): principals that own API keys and hold role bindings.
import { randomBytes } from 'node:crypto';
import { NotFound } from '../core/errors.ts';
import type { Principal } from '../core/iam.ts';
import { newId } from '../core/ids.ts';
import { optionalText, requiredText } from '../core/validation.ts';
import type { Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import * as repo from '../store/principals.ts';

export interface ServiceAccountInput {
  displayName?: string;
  description?: string | null;
}

export class ServiceAccountService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  async list(organizationId: string, displayNames: string[]): Promise<Principal[]> {
    const all = await repo.listPrincipals(this.db, organizationId, 'service_account');
    return displayNames.length ? all.filter((p) => displayNames.includes(p.displayName)) : all;
  }

  async get(organizationId: string, id: string): Promise<Principal> {
    const account = await repo.findPrincipal(this.db, id);
    if (!account || account.kind !== 'service_account' || account.organizationId !== organizationId) throw new NotFound(`Service account ${id} was not found`);
    return account;
  }

  async create(organizationId: string, input: ServiceAccountInput, actor: string): Promise<Principal> {
    const at = this.now().toISOString();
    const account: Principal = {
      id: newId('serviceAccount', randomBytes), organizationId, kind: 'service_account',
      displayName: requiredText(input.displayName, '/display_name', 64), description: optionalText(input.description, '/description', 128),
      createdAt: at, updatedAt: at,
    };
    await withOperation(this.db, { operation: 'iam.service_account.create', resourceId: account.id, actor, at }, (tx) => repo.insertPrincipal(tx, account));
    return account;
  }

  async update(organizationId: string, id: string, input: ServiceAccountInput, actor: string): Promise<Principal> {
    const account = await this.get(organizationId, id);
    const changes = {
      displayName: input.displayName === undefined ? account.displayName : requiredText(input.displayName, '/display_name', 64),
      description: input.description === undefined ? account.description : optionalText(input.description, '/description', 128),
      updatedAt: this.now().toISOString(),
    };
    await withOperation(this.db, { operation: 'iam.service_account.update', resourceId: id, actor, at: changes.updatedAt },
      (tx) => repo.updatePrincipal(tx, id, changes));
    return { ...account, ...changes };
  }

  /** Deleting a service account revokes its keys and bindings with it. */
  async delete(organizationId: string, id: string, actor: string): Promise<void> {
    await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'iam.service_account.delete', resourceId: id, actor, at }, (tx) => repo.deletePrincipal(tx, id));
  }
}
