// The cmk/v2 family: Kafka clusters.
import { v2Family, type FamilyGuards } from '../v2/family.ts';
import type { V2Deps } from '../v2/context.ts';
import clusters from './clusters.ts';

export function cmkV2(guards: FamilyGuards, deps: V2Deps) {
  return v2Family(guards, deps, [clusters]);
}
