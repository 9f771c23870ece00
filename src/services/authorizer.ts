// Decides whether a caller may do an action on a resource, from its role bindings in the store.
import { clusterCrn, decide, environmentCrn, organizationCrn, type Action, type Decision } from '../core/rbac.ts';
import type { Store } from '../store/database.ts';
import { bindingsOf } from '../store/identity.ts';
import type { ScopeRef } from '../apis/policy.ts';
import type { Caller } from './authenticator.ts';

export class Authorizer {
  constructor(private readonly db: Store) {}

  resourceCrn(caller: Caller, scope: ScopeRef): string {
    switch (scope.kind) {
      case 'organization': return organizationCrn(caller.organizationId);
      case 'environment': return environmentCrn(caller.organizationId, scope.environmentId);
      case 'cluster': return clusterCrn(caller.organizationId, scope.environmentId, scope.clusterId);
    }
  }

  async decide(caller: Caller, action: Action, scope: ScopeRef): Promise<Decision> {
    const bindings = (await bindingsOf(this.db, caller.principalId)).map((b) => ({ roleName: b.role_name, crnPattern: b.crn_pattern }));
    return decide(bindings, action, this.resourceCrn(caller, scope));
  }

  /** CRN patterns of the caller's bindings, for filtering lists to what it may see. */
  async patterns(caller: Caller): Promise<string[]> {
    return (await bindingsOf(this.db, caller.principalId)).map((b) => b.crn_pattern);
  }
}
