// Decides whether a caller may do an action on a resource, from its role bindings in the store,
// and filters lists to what the caller could read one by one: the one place both happen.
import { decide, scopeCrn, type Action, type Decision, type ScopeRef } from '../core/rbac.ts';
import type { Caller } from './authenticator.ts';
import type { IdentityCache } from './identity-cache.ts';
import { ReadCache } from '../store/read-cache.ts';
import type { Store } from '../store/database.ts';

export class Authorizer {
  /** Decisions made since the store last changed (a binding made or removed clears them). */
  private readonly decisions: ReadCache<Decision>;

  constructor(private readonly identity: IdentityCache, db: Store) {
    this.decisions = new ReadCache(db);
  }

  /** Decided from the bindings once per principal, action and resource while the store is unchanged (issue 13). */
  async decide(caller: Caller, action: Action, scope: ScopeRef): Promise<Decision> {
    const crn = scopeCrn(caller.organizationId, scope);
    return (await this.decisions.get(`${caller.principalId} ${action} ${crn}`, async () => decide(await this.identity.bindingsOf(caller.principalId), action, crn)))!;
  }

  /**
   * What a list shows: exactly the items the caller may see (read_status), by the same rule as
   * the read routes, so a binding the rules ignore (issue 7.6) reveals nothing through a list.
   */
  async visible<T>(caller: Caller, items: readonly T[], scopeOf: (item: T) => ScopeRef): Promise<T[]> {
    return items.filter(await this.allows(caller, 'read_status', scopeOf));
  }

  /** Whether the caller may do `action` on each item, decided from its bindings read once (lists, filters). */
  async allows<T>(caller: Caller, action: Action, scopeOf: (item: T) => ScopeRef): Promise<(item: T) => boolean> {
    const bindings = await this.identity.bindingsOf(caller.principalId);
    return (item) => decide(bindings, action, scopeCrn(caller.organizationId, scopeOf(item))) === 'allow';
  }
}
