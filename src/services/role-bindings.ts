// Role bindings (iam/v2): `User:<principal>` holds a role on a CRN pattern of this organization.
import { randomBytes } from 'node:crypto';
import { InvalidRequest, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { bindingProblem, crnCovers, isRole, ROLES } from '../core/rbac.ts';
import type { Store } from '../store/database.ts';
import { findPrincipal, insertRoleBinding, withOperation } from '../store/identity.ts';
import * as iam from '../store/iam.ts';

export interface RoleBindingRow {
  id: string;
  principal_id: string;
  role_name: string;
  crn_pattern: string;
  created_at: string;
}

export class RoleBindingService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  /** Bindings at or beneath `crnPattern` (the list route's required filter). */
  async list(organizationId: string, filter: { crnPattern: unknown; principal?: string; roleName?: string }): Promise<RoleBindingRow[]> {
    if (typeof filter.crnPattern !== 'string' || filter.crnPattern === '') throw new InvalidRequest('crn_pattern is required', undefined, 'crn_pattern');
    const principal = filter.principal?.replace(/^User:/, '');
    const rows = await iam.listRoleBindings(this.db, organizationId, { principal, roleName: filter.roleName });
    return rows.filter((b) => crnCovers(filter.crnPattern as string, b.crn_pattern) || b.crn_pattern === filter.crnPattern);
  }

  async get(organizationId: string, id: string): Promise<RoleBindingRow> {
    const row = await iam.findRoleBinding(this.db, id);
    const owner = row && await findPrincipal(this.db, row.principal_id);
    if (!row || owner?.organization_id !== organizationId) throw new NotFound(`Role binding ${id} was not found`);
    return row;
  }

  async create(organizationId: string, input: { principal: unknown; roleName: unknown; crnPattern: unknown }, actor: string): Promise<RoleBindingRow> {
    const principalId = typeof input.principal === 'string' ? input.principal.replace(/^User:/, '') : '';
    const principal = principalId && await findPrincipal(this.db, principalId);
    if (!principal || principal.organization_id !== organizationId || !String(input.principal).startsWith('User:')) {
      throw new InvalidRequest('principal must be "User:<id>" of a user or service account of this organization', '/principal');
    }
    if (typeof input.roleName !== 'string' || !isRole(input.roleName)) throw new InvalidRequest(`role_name must be one of ${ROLES.join(', ')}`, '/role_name');
    const crn = typeof input.crnPattern === 'string' ? input.crnPattern : '';
    // A role holds only at its own level (issue 7.6): an EnvironmentAdmin on the organization
    // could otherwise grant itself OrganizationAdmin.
    const problem = bindingProblem(input.roleName, crn, organizationId);
    if (problem) throw new InvalidRequest(problem, '/crn_pattern');
    const at = this.now().toISOString();
    const row: RoleBindingRow = { id: newId('roleBinding', randomBytes), principal_id: principalId, role_name: input.roleName, crn_pattern: crn, created_at: at };
    await withOperation(this.db, { operation: 'iam.role_binding.create', resourceId: row.id, actor, at, detail: { principal: principalId, role: row.role_name } },
      (tx) => insertRoleBinding(tx, row));
    return row;
  }

  async delete(organizationId: string, id: string, actor: string): Promise<RoleBindingRow> {
    const row = await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'iam.role_binding.delete', resourceId: id, actor, at }, (tx) => iam.deleteRoleBinding(tx, id));
    return row;
  }
}
