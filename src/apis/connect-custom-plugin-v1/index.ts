// connect/v1's custom-plugin routes (connect-custom-plugin-v1.yaml, CONTRACT §2.1): under
// /connect/v1 but with the v2 conventions (error envelope, headers), so a family of their own
// beside connect/v1's connectors, sharing its prefix (whose 404s connect/v1 answers).
// One file per operation (C1).
import { apiFamily, V2_UNDER_CONNECT_V1, type FamilyGuards } from '../family.ts';
import type { CustomPluginV1Deps } from './context.ts';
import createPlugin from './plugins/create.ts';
import deletePlugin from './plugins/delete.ts';
import listPlugins from './plugins/list.ts';
import readPlugin from './plugins/read.ts';
import updatePlugin from './plugins/update.ts';
import presignedUploadUrl from './presigned-upload-url.ts';
import listRuntimes from './runtimes.ts';

const ROUTES = [presignedUploadUrl, listPlugins, createPlugin, readPlugin, updatePlugin, deletePlugin, listRuntimes];

export function connectCustomPluginV1(guards: FamilyGuards, deps: CustomPluginV1Deps) {
  return apiFamily(V2_UNDER_CONNECT_V1, guards, deps, ROUTES);
}
