// Organizations (org/v2): a caller sees only its own, and only its display name changes.
import { InvalidRequest, NotFound } from '../core/errors.ts';
import { requiredText } from '../core/validation.ts';
import type { Organization } from '../core/organization.ts';
import type { Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import { findOrganization, updateOrganization } from '../store/organizations.ts';

export interface OrganizationInput {
  displayName?: string;
  /** Just-in-time SSO user provisioning: Cirrus has no SSO, so only false is accepted. */
  jitEnabled?: boolean;
}

/** The org/v2 spec's display_name pattern: 1–31 characters, none of these. */
const FORBIDDEN = /[<>#%'*^`{|}~"]/;

export class OrganizationService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  async get(callerOrganizationId: string, id: string): Promise<Organization> {
    const row = id === callerOrganizationId ? await findOrganization(this.db, id) : undefined;
    if (!row) throw new NotFound(`Organization ${id} was not found`);
    return row;
  }

  /** The organizations the caller belongs to: its own. */
  async list(callerOrganizationId: string): Promise<Organization[]> {
    return [await this.get(callerOrganizationId, callerOrganizationId)];
  }

  async update(callerOrganizationId: string, id: string, input: OrganizationInput, actor: string): Promise<Organization> {
    const row = await this.get(callerOrganizationId, id);
    if (input.jitEnabled !== undefined && input.jitEnabled !== false) {
      throw new InvalidRequest('jit_enabled is not supported by Cirrus (it has no SSO); only false is accepted', '/jit_enabled');
    }
    let displayName = row.displayName;
    if (input.displayName !== undefined) {
      displayName = requiredText(input.displayName, '/display_name', 31);
      if (FORBIDDEN.test(displayName)) throw new InvalidRequest('display_name may not contain < > # % \' * ^ ` { | } ~ or "', '/display_name');
    }
    const changes = { displayName, updatedAt: this.now().toISOString() };
    await withOperation(this.db, { operation: 'org.organization.update', resourceId: id, actor, at: changes.updatedAt },
      (tx) => updateOrganization(tx, id, changes));
    return { ...row, ...changes };
  }
}
