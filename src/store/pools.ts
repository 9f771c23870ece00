// Repository of Connect pools: which Kafka Connect groups exist and where they are.
import type { Selectable } from 'kysely';
import type { ConnectPool } from '../core/cluster.ts';
import type { Executor } from './database.ts';
import type { ConnectPoolTable } from './schema.ts';

export function toConnectPool(row: Selectable<ConnectPoolTable>): ConnectPool {
  return {
    id: row.id, kind: row.kind, restUrl: row.rest_url ?? undefined, port: row.port ?? undefined,
    pluginVersionId: row.plugin_version_id ?? undefined, kafkaClusterId: row.kafka_cluster_id ?? undefined, createdAt: row.created_at,
  };
}

export async function insertConnectPool(db: Executor, pool: ConnectPool): Promise<void> {
  await db.insertInto('connect_pools').values({
    id: pool.id, kind: pool.kind, rest_url: pool.restUrl ?? null, port: pool.port ?? null,
    plugin_version_id: pool.pluginVersionId ?? null, kafka_cluster_id: pool.kafkaClusterId ?? null, created_at: pool.createdAt,
  }).execute();
}

export async function listConnectPools(db: Executor): Promise<ConnectPool[]> {
  const rows = await db.selectFrom('connect_pools').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toConnectPool);
}

export async function setPoolPort(db: Executor, poolId: string, port: number): Promise<void> {
  await db.updateTable('connect_pools').set({ port }).where('id', '=', poolId).execute();
}

export async function findCustomPool(db: Executor, pluginVersionId: string, kafkaClusterId: string): Promise<ConnectPool | undefined> {
  const row = await db.selectFrom('connect_pools').selectAll()
    .where('plugin_version_id', '=', pluginVersionId).where('kafka_cluster_id', '=', kafkaClusterId).executeTakeFirst();
  return row && toConnectPool(row);
}

/** Custom pools some connector (deleted ones not yet gone from the engine included) runs in. */
export async function listWantedCustomPools(db: Executor): Promise<ConnectPool[]> {
  const rows = await db.selectFrom('connect_pools').selectAll()
    .where('kind', '=', 'custom')
    .where((eb) => eb.exists(eb.selectFrom('connectors').select('connectors.id').whereRef('connectors.connect_pool_id', '=', 'connect_pools.id')))
    .orderBy('created_at').orderBy('id')
    .execute();
  return rows.map(toConnectPool);
}

/**
 * Custom pools go with their plugin version, or with their cluster: an idle one holds nothing but
 * a reserved port (its row), and no connector can run in it again.
 */
export async function deleteCustomPools(db: Executor, of: { pluginVersionIds: string[] } | { kafkaClusterId: string }): Promise<void> {
  const custom = db.deleteFrom('connect_pools').where('kind', '=', 'custom');
  if ('kafkaClusterId' in of) await custom.where('kafka_cluster_id', '=', of.kafkaClusterId).execute();
  else if (of.pluginVersionIds.length > 0) await custom.where('plugin_version_id', 'in', of.pluginVersionIds).execute();
}
