// The org/v2 family: environments.
import { v2Family, type FamilyGuards } from '../v2/family.ts';
import type { V2Deps } from '../v2/context.ts';
import environments from './environments.ts';

export function orgV2(guards: FamilyGuards, deps: V2Deps) {
  return v2Family(guards, deps, [environments]);
}
