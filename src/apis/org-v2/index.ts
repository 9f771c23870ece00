// The org/v2 family: organizations and environments; one file per operation (C1).
import { apiFamily, V2, type FamilyGuards } from '../family.ts';
import type { V2Deps } from '../v2/context.ts';
import createEnvironment from './environments/create.ts';
import deleteEnvironment from './environments/delete.ts';
import listEnvironments from './environments/list.ts';
import readEnvironment from './environments/read.ts';
import updateEnvironment from './environments/update.ts';
import listOrganizations from './organizations/list.ts';
import readOrganization from './organizations/read.ts';
import updateOrganization from './organizations/update.ts';

export function orgV2(guards: FamilyGuards, deps: V2Deps) {
  return apiFamily(V2, guards, deps, [
    listOrganizations, readOrganization, updateOrganization,
    listEnvironments, createEnvironment, readEnvironment, updateEnvironment, deleteEnvironment,
  ]);
}
