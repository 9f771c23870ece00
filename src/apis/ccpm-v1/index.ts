// The ccpm/v1 family: environment-scoped custom plugins and their versions (CONTRACT §2.3).
import { apiFamily, V2, type FamilyGuards } from '../family.ts';
import type { CcpmDeps } from './context.ts';
import createPlugin from './plugins/create.ts';
import deletePlugin from './plugins/delete.ts';
import listPlugins from './plugins/list.ts';
import readPlugin from './plugins/read.ts';
import updatePlugin from './plugins/update.ts';
import createVersion from './versions/create.ts';
import deleteVersion from './versions/delete.ts';
import listVersions from './versions/list.ts';
import readVersion from './versions/read.ts';

const ROUTES = [listPlugins, createPlugin, readPlugin, updatePlugin, deletePlugin, listVersions, createVersion, readVersion, deleteVersion];

export function ccpmV1(guards: FamilyGuards, deps: CcpmDeps) {
  return apiFamily(V2, guards, deps, ROUTES);
}
