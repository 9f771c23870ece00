// connect/v1's custom-plugin routes (connect-custom-plugin-v1.yaml, CONTRACT §2.1): under
// /connect/v1 but with the v2 conventions (error envelope, headers), so a family of their own
// beside connect/v1's connectors, sharing its prefix (whose 404s connect/v1 answers).
// One file per operation (C1); plugin CRUD and runtimes join ROUTES.
import { apiFamily, V2_UNDER_CONNECT_V1, type FamilyGuards } from '../family.ts';
import type { CustomPluginV1Deps } from './context.ts';
import presignedUploadUrl from './presigned-upload-url.ts';

const ROUTES = [presignedUploadUrl];

export function connectCustomPluginV1(guards: FamilyGuards, deps: CustomPluginV1Deps) {
  return apiFamily(V2_UNDER_CONNECT_V1, guards, deps, ROUTES);
}
