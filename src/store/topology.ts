// Repositories for environments, Kafka clusters and Connect pools as org/v2 and cmk/v2 manage them.
import type { Updateable } from 'kysely';
import type { EnvironmentTable, KafkaClusterTable } from './schema.ts';
import type { Executor } from './identity.ts';

export async function listEnvironments(db: Executor, organizationId: string) {
  return db.selectFrom('environments').selectAll().where('organization_id', '=', organizationId).orderBy('created_at').orderBy('id').execute();
}

export async function updateEnvironment(db: Executor, id: string, changes: Updateable<EnvironmentTable>): Promise<void> {
  await db.updateTable('environments').set(changes).where('id', '=', id).execute();
}

export async function deleteEnvironment(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('environments').where('id', '=', id).execute();
}

export async function listClusters(db: Executor, environmentId: string) {
  return db.selectFrom('kafka_clusters').selectAll().where('environment_id', '=', environmentId).orderBy('created_at').orderBy('id').execute();
}

export async function updateCluster(db: Executor, id: string, changes: Updateable<KafkaClusterTable>): Promise<void> {
  await db.updateTable('kafka_clusters').set(changes).where('id', '=', id).execute();
}

export async function deleteCluster(db: Executor, id: string): Promise<void> {
  const cluster = await db.selectFrom('kafka_clusters').select('connect_pool_id').where('id', '=', id).executeTakeFirst();
  await db.deleteFrom('api_keys').where('resource_id', '=', id).execute();
  await db.deleteFrom('kafka_clusters').where('id', '=', id).execute();
  if (cluster) {
    const users = await db.selectFrom('kafka_clusters').select('id').where('connect_pool_id', '=', cluster.connect_pool_id).execute();
    if (users.length === 0) await db.deleteFrom('connect_pools').where('id', '=', cluster.connect_pool_id).execute();
  }
}

/** Connectors of a cluster, deleted ones whose engine connector is not gone yet included. */
export async function countConnectors(db: Executor, clusterId: string): Promise<number> {
  const row = await db.selectFrom('connectors').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kafka_cluster_id', '=', clusterId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Embedded clusters with their managed pool: what the pool manager must keep running. */
export async function listEmbeddedClusters(db: Executor) {
  return db.selectFrom('kafka_clusters')
    .innerJoin('connect_pools', 'connect_pools.id', 'kafka_clusters.connect_pool_id')
    .select(['kafka_clusters.id', 'kafka_clusters.broker_port', 'kafka_clusters.controller_port', 'kafka_clusters.created_at',
      'connect_pools.id as pool_id', 'connect_pools.port as pool_port'])
    .where('kafka_clusters.kind', '=', 'embedded')
    .orderBy('kafka_clusters.created_at').orderBy('kafka_clusters.id')
    .execute();
}

/** Every port a cluster or pool of this installation holds, so a new one never takes them. */
export async function storedPorts(db: Executor): Promise<Set<number>> {
  const clusters = await db.selectFrom('kafka_clusters').select(['broker_port', 'controller_port']).execute();
  const pools = await db.selectFrom('connect_pools').select('port').execute();
  const ports = [...clusters.flatMap((c) => [c.broker_port, c.controller_port]), ...pools.map((p) => p.port)];
  return new Set(ports.filter((p): p is number => p !== null));
}

export async function assignPorts(db: Executor, clusterId: string, poolId: string, ports: { broker: number; controller: number; pool: number }): Promise<void> {
  await db.updateTable('kafka_clusters').set({ broker_port: ports.broker, controller_port: ports.controller }).where('id', '=', clusterId).execute();
  await db.updateTable('connect_pools').set({ port: ports.pool }).where('id', '=', poolId).execute();
}
