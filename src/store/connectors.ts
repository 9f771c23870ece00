// Repository of connectors and their observed status (C11).
import type { Insertable, Updateable } from 'kysely';
import type { ConnectorRow, ConnectorStatusRow, ConnectorStatusTable, ConnectorTable } from './schema.ts';
import type { Executor } from './identity.ts';

export async function insertConnector(db: Executor, row: Insertable<ConnectorTable>): Promise<void> {
  await db.insertInto('connectors').values(row).execute();
}

export async function findLiveConnector(db: Executor, clusterId: string, name: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll()
    .where('kafka_cluster_id', '=', clusterId).where('name', '=', name).where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findConnectorById(db: Executor, id: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listLiveConnectors(db: Executor, clusterId: string): Promise<ConnectorRow[]> {
  return db.selectFrom('connectors').selectAll()
    .where('kafka_cluster_id', '=', clusterId).where('deleted_at', 'is', null)
    .orderBy('name').execute();
}

/** Every connector a pool should (or should no longer) run, deleted ones included. */
export async function listConnectorsOfPool(db: Executor, poolId: string): Promise<ConnectorRow[]> {
  return db.selectFrom('connectors').selectAll('connectors')
    .innerJoin('kafka_clusters', 'kafka_clusters.id', 'connectors.kafka_cluster_id')
    .where('kafka_clusters.connect_pool_id', '=', poolId)
    .execute();
}

export async function updateConnector(db: Executor, id: string, changes: Updateable<ConnectorTable>): Promise<void> {
  await db.updateTable('connectors').set(changes).where('id', '=', id).execute();
}

export async function removeConnector(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('connector_status').where('connector_id', '=', id).execute();
  await db.deleteFrom('connectors').where('id', '=', id).execute();
}

export async function findStatuses(db: Executor, ids: string[]): Promise<Map<string, ConnectorStatusRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('connector_status').selectAll().where('connector_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.connector_id, r]));
}

export async function upsertStatus(db: Executor, row: Insertable<ConnectorStatusTable>): Promise<void> {
  const { connector_id: _id, ...changes } = row;
  await db.insertInto('connector_status').values(row)
    .onConflict((oc) => oc.column('connector_id').doUpdateSet(changes))
    .execute();
}
