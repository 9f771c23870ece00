// Repository of Connect pools: which Kafka Connect groups exist and where they are.
import type { Selectable } from 'kysely';
import type { ConnectPool } from '../core/cluster.ts';
import type { Executor } from './database.ts';
import type { ConnectPoolTable } from './schema.ts';

export function toConnectPool(row: Selectable<ConnectPoolTable>): ConnectPool {
  return { id: row.id, kind: row.kind, restUrl: row.rest_url ?? undefined, port: row.port ?? undefined, createdAt: row.created_at };
}

export async function insertConnectPool(db: Executor, pool: ConnectPool): Promise<void> {
  await db.insertInto('connect_pools').values({
    id: pool.id, kind: pool.kind, rest_url: pool.restUrl ?? null, port: pool.port ?? null, created_at: pool.createdAt,
  }).execute();
}

export async function listConnectPools(db: Executor): Promise<ConnectPool[]> {
  const rows = await db.selectFrom('connect_pools').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toConnectPool);
}

export async function setPoolPort(db: Executor, poolId: string, port: number): Promise<void> {
  await db.updateTable('connect_pools').set({ port }).where('id', '=', poolId).execute();
}
