// Role bindings (iam/v2): `User:<principal>` holds a role on a CRN pattern of this organization.
import { randomBytes } from 'node:crypto';
import { InvalidRequest, NotFound } from '../core/errors.ts';
import type { RoleBinding } from '../core/iam.ts';
import { newId } from '../core/ids.ts';
import { bindingProblem, crnCovers, isRole, ROLES } from '../core/rbac.ts';
import type { Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import { findPrincipal } from '../store/principals.ts';
import * as repo from '../store/role-bindings.ts';

export class RoleBindingService {
  constructor(private readonly db: Store, private readonly now: () => Date) {}

  /** Bindings at or beneath `crnPattern` (the list route's required filter). */
  async list(organizationId: string, filter: { crnPattern?: string; principal?: string; roleName?: string }): Promise<RoleBinding[]> {
    const crnPattern = filter.crnPattern;
    if (!crnPattern) throw new InvalidRequest('crn_pattern is required', undefined, 'crn_pattern');
    const principal = filter.principal?.replace(/^User:/, '');
    const bindings = await repo.listRoleBindings(this.db, organizationId, { principal, roleName: filter.roleName });
    return bindings.filter((b) => crnCovers(crnPattern, b.crnPattern) || b.crnPattern === crnPattern);
  }

  async get(organizationId: string, id: string): Promise<RoleBinding> {
    const binding = await repo.findRoleBinding(this.db, id);
    const owner = binding && await findPrincipal(this.db, binding.principalId);
    if (!binding || owner?.organizationId !== organizationId) throw new NotFound(`Role binding ${id} was not found`);
    return binding;
  }

  async create(organizationId: string, input: { principal: string; roleName: string; crnPattern: string }, actor: string): Promise<RoleBinding> {
    const principalId = input.principal.replace(/^User:/, '');
    const principal = principalId && await findPrincipal(this.db, principalId);
    if (!principal || principal.organizationId !== organizationId || !input.principal.startsWith('User:')) {
      throw new InvalidRequest('principal must be "User:<id>" of a user or service account of this organization', '/principal');
    }
    if (!isRole(input.roleName)) throw new InvalidRequest(`role_name must be one of ${ROLES.join(', ')}`, '/role_name');
    // A role holds only at its own level (issue 7.6): an EnvironmentAdmin on the organization
    // could otherwise grant itself OrganizationAdmin.
    const problem = bindingProblem(input.roleName, input.crnPattern, organizationId);
    if (problem) throw new InvalidRequest(problem, '/crn_pattern');
    const at = this.now().toISOString();
    const binding: RoleBinding = { id: newId('roleBinding', randomBytes), principalId, roleName: input.roleName, crnPattern: input.crnPattern, createdAt: at };
    await withOperation(this.db, { operation: 'iam.role_binding.create', resourceId: binding.id, actor, at, detail: { principal: principalId, role: binding.roleName } },
      (tx) => repo.insertRoleBinding(tx, binding));
    return binding;
  }

  async delete(organizationId: string, id: string, actor: string): Promise<RoleBinding> {
    const binding = await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'iam.role_binding.delete', resourceId: id, actor, at }, (tx) => repo.deleteRoleBinding(tx, id));
    return binding;
  }
}
