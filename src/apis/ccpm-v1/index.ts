// The ccpm/v1 family (Custom Connect Plugin Management, CONTRACT §2.3): v2 conventions, one file
// per operation (C1). Plugins and their versions join ROUTES (and CcpmV1Deps) as they come.
import { apiFamily, V2, type FamilyGuards } from '../family.ts';
import type { CcpmV1Deps } from './context.ts';
import presignedUploadUrl from './presigned-upload-url.ts';

const ROUTES = [presignedUploadUrl];

export function ccpmV1(guards: FamilyGuards, deps: CcpmV1Deps) {
  return apiFamily(V2, guards, deps, ROUTES);
}
