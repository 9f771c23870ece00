// Repository of Kafka clusters (cmk/v2), embedded and external.
import type { Selectable } from 'kysely';
import type { BrokerPorts, ConnectPool, KafkaCluster } from '../core/cluster.ts';
import type { Executor } from './database.ts';
import { deleteCustomPools, toConnectPool } from './pools.ts';
import type { KafkaClusterTable } from './schema.ts';

function toKafkaCluster(row: Selectable<KafkaClusterTable>): KafkaCluster {
  return {
    id: row.id, environmentId: row.environment_id, displayName: row.display_name, kind: row.kind,
    bootstrapServers: row.bootstrap_servers ?? undefined, cloud: row.cloud, region: row.region, connectPoolId: row.connect_pool_id,
    availability: row.availability, configKind: row.config_kind, cku: row.cku, maxEcku: row.max_ecku,
    brokerPorts: row.broker_port !== null && row.controller_port !== null ? { broker: row.broker_port, controller: row.controller_port } : undefined,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function insertKafkaCluster(db: Executor, cluster: KafkaCluster): Promise<void> {
  await db.insertInto('kafka_clusters').values({
    id: cluster.id, environment_id: cluster.environmentId, display_name: cluster.displayName, kind: cluster.kind,
    bootstrap_servers: cluster.bootstrapServers ?? null, cloud: cluster.cloud, region: cluster.region, connect_pool_id: cluster.connectPoolId,
    availability: cluster.availability, config_kind: cluster.configKind, cku: cluster.cku, max_ecku: cluster.maxEcku,
    broker_port: cluster.brokerPorts?.broker ?? null, controller_port: cluster.brokerPorts?.controller ?? null,
    created_at: cluster.createdAt, updated_at: cluster.updatedAt,
  }).execute();
}

export async function findKafkaCluster(db: Executor, id: string): Promise<KafkaCluster | undefined> {
  const row = await db.selectFrom('kafka_clusters').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toKafkaCluster(row);
}

export async function listClusters(db: Executor, environmentId: string): Promise<KafkaCluster[]> {
  const rows = await db.selectFrom('kafka_clusters').selectAll().where('environment_id', '=', environmentId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toKafkaCluster);
}

export type ClusterChanges = Pick<KafkaCluster, 'displayName' | 'availability' | 'configKind' | 'cku' | 'maxEcku' | 'updatedAt'>;

export async function updateCluster(db: Executor, id: string, changes: ClusterChanges): Promise<void> {
  await db.updateTable('kafka_clusters').set({
    display_name: changes.displayName, availability: changes.availability, config_kind: changes.configKind,
    cku: changes.cku, max_ecku: changes.maxEcku, updated_at: changes.updatedAt,
  }).where('id', '=', id).execute();
}

/** Deletes the cluster, its Kafka keys, its custom pools, and its pool once no cluster uses it. */
export async function deleteCluster(db: Executor, id: string): Promise<void> {
  const cluster = await db.selectFrom('kafka_clusters').select('connect_pool_id').where('id', '=', id).executeTakeFirst();
  await db.deleteFrom('api_keys').where('resource_id', '=', id).execute();
  await deleteCustomPools(db, { kafkaClusterId: id });
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

export async function countClusters(db: Executor, environmentId: string): Promise<number> {
  const row = await db.selectFrom('kafka_clusters').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('environment_id', '=', environmentId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Embedded clusters with their managed pool, oldest first: what the data plane must run. */
export async function listEmbeddedClusters(db: Executor): Promise<{ cluster: KafkaCluster; pool: ConnectPool }[]> {
  const rows = await db.selectFrom('kafka_clusters')
    .innerJoin('connect_pools', 'connect_pools.id', 'kafka_clusters.connect_pool_id')
    .selectAll('kafka_clusters')
    .select(['connect_pools.kind as pool_kind', 'connect_pools.rest_url as pool_rest_url', 'connect_pools.port as pool_port', 'connect_pools.created_at as pool_created_at',
      'connect_pools.plugin_version_id as pool_plugin_version_id', 'connect_pools.kafka_cluster_id as pool_kafka_cluster_id'])
    .where('kafka_clusters.kind', '=', 'embedded')
    .orderBy('kafka_clusters.created_at').orderBy('kafka_clusters.id')
    .execute();
  return rows.map((row) => ({
    cluster: toKafkaCluster(row),
    pool: toConnectPool({
      id: row.connect_pool_id, kind: row.pool_kind, rest_url: row.pool_rest_url, port: row.pool_port, created_at: row.pool_created_at,
      plugin_version_id: row.pool_plugin_version_id, kafka_cluster_id: row.pool_kafka_cluster_id,
    }),
  }));
}

/** Every port a cluster or pool of this installation holds, so a new one never takes them. */
export async function storedPorts(db: Executor): Promise<Set<number>> {
  const clusters = await db.selectFrom('kafka_clusters').select(['broker_port', 'controller_port']).execute();
  const pools = await db.selectFrom('connect_pools').select('port').execute();
  const ports = [...clusters.flatMap((c) => [c.broker_port, c.controller_port]), ...pools.map((p) => p.port)];
  return new Set(ports.filter((p): p is number => p !== null));
}

export async function setBrokerPorts(db: Executor, clusterId: string, ports: BrokerPorts): Promise<void> {
  await db.updateTable('kafka_clusters').set({ broker_port: ports.broker, controller_port: ports.controller }).where('id', '=', clusterId).execute();
}

/** Every cluster of an organization with its environment (metrics are authorized per cluster). */
export async function clustersOfOrganization(db: Executor, organizationId: string): Promise<{ id: string; environmentId: string }[]> {
  const rows = await db.selectFrom('kafka_clusters').innerJoin('environments', 'environments.id', 'kafka_clusters.environment_id')
    .select(['kafka_clusters.id as id', 'kafka_clusters.environment_id as environmentId'])
    .where('environments.organization_id', '=', organizationId).execute();
  return rows;
}
