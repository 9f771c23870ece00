// The iam/v2 family: service accounts, API keys, role bindings; one file per operation (C1).
import { apiFamily, V2, type FamilyGuards } from '../family.ts';
import type { V2Deps } from '../v2/context.ts';
import createApiKey from './api-keys/create.ts';
import deleteApiKey from './api-keys/delete.ts';
import listApiKeys from './api-keys/list.ts';
import readApiKey from './api-keys/read.ts';
import updateApiKey from './api-keys/update.ts';
import createRoleBinding from './role-bindings/create.ts';
import deleteRoleBinding from './role-bindings/delete.ts';
import listRoleBindings from './role-bindings/list.ts';
import readRoleBinding from './role-bindings/read.ts';
import createServiceAccount from './service-accounts/create.ts';
import deleteServiceAccount from './service-accounts/delete.ts';
import listServiceAccounts from './service-accounts/list.ts';
import readServiceAccount from './service-accounts/read.ts';
import updateServiceAccount from './service-accounts/update.ts';

export function iamV2(guards: FamilyGuards, deps: V2Deps) {
  return apiFamily(V2, guards, deps, [
    listServiceAccounts, createServiceAccount, readServiceAccount, updateServiceAccount, deleteServiceAccount,
    listApiKeys, createApiKey, readApiKey, updateApiKey, deleteApiKey,
    listRoleBindings, createRoleBinding, readRoleBinding, deleteRoleBinding,
  ]);
}
