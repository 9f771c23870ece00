// The iam/v2 family: service accounts, API keys, role bindings.
import { v2Family, type FamilyGuards } from '../v2/family.ts';
import type { V2Deps } from '../v2/context.ts';
import apiKeys from './api-keys.ts';
import roleBindings from './role-bindings.ts';
import serviceAccounts from './service-accounts.ts';

export function iamV2(guards: FamilyGuards, deps: V2Deps) {
  return v2Family(guards, deps, [serviceAccounts, apiKeys, roleBindings]);
}
