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
  await db.deleteFrom('connector_status').where('connector_id', 'in', db.selectFrom('connectors').select('id').where('kafka_cluster_id', '=', id)).execute();
  await db.deleteFrom('connectors').where('kafka_cluster_id', '=', id).execute();
  await db.deleteFrom('api_keys').where('resource_id', '=', id).execute();
  await db.deleteFrom('kafka_clusters').where('id', '=', id).execute();
  if (cluster) {
    const users = await db.selectFrom('kafka_clusters').select('id').where('connect_pool_id', '=', cluster.connect_pool_id).execute();
    if (users.length === 0) await db.deleteFrom('connect_pools').where('id', '=', cluster.connect_pool_id).execute();
  }
}

export async function countLiveConnectors(db: Executor, clusterId: string): Promise<number> {
  const row = await db.selectFrom('connectors').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kafka_cluster_id', '=', clusterId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
