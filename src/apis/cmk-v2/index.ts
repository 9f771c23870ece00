// The cmk/v2 family: Kafka clusters; one file per operation (C1).
import { apiFamily, V2, type FamilyGuards } from '../family.ts';
import type { V2Deps } from '../v2/context.ts';
import createCluster from './clusters/create.ts';
import deleteCluster from './clusters/delete.ts';
import listClusters from './clusters/list.ts';
import readCluster from './clusters/read.ts';
import updateCluster from './clusters/update.ts';

export function cmkV2(guards: FamilyGuards, deps: V2Deps) {
  return apiFamily(V2, guards, deps, [listClusters, createCluster, readCluster, updateCluster, deleteCluster]);
}
