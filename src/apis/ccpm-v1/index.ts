// The ccpm/v1 family (Custom Connect Plugin Management, CONTRACT §2.3): v2 conventions, one file
// per operation (C1): environment-scoped plugins, their versions, and the presigned upload URL.
import { apiFamily, V2, type FamilyGuards } from '../family.ts';
import type { CcpmV1Deps } from './context.ts';
import createPlugin from './plugins/create.ts';
import deletePlugin from './plugins/delete.ts';
import listPlugins from './plugins/list.ts';
import readPlugin from './plugins/read.ts';
import updatePlugin from './plugins/update.ts';
import presignedUploadUrl from './presigned-upload-url.ts';
import createVersion from './versions/create.ts';
import deleteVersion from './versions/delete.ts';
import listVersions from './versions/list.ts';
import readVersion from './versions/read.ts';

const ROUTES = [
  presignedUploadUrl, listPlugins, createPlugin, readPlugin, updatePlugin, deletePlugin,
  listVersions, createVersion, readVersion, deleteVersion,
];

export function ccpmV1(guards: FamilyGuards, deps: CcpmV1Deps) {
  return apiFamily(V2, guards, deps, ROUTES);
}
