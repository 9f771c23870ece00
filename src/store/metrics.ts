// Repository of connector metrics (issue 12): per-minute points and the last raw counters. The
// scraper writes a scrape's points and counters in one transaction, so a control plane killed
// between the two can neither lose an increase nor count it twice.
import { sql } from 'kysely';
import type { StoredCounter } from '../core/metrics/counter-deltas.ts';
import type { Executor } from './database.ts';

export interface MetricPoint {
  connectorId: string;
  kafkaClusterId: string;
  metric: string;
  minute: number;
  value: number;
}

/** Where a connector runs: the scraper maps an engine connector name (its id) to these. */
export interface ScrapedConnector {
  id: string;
  kafkaClusterId: string;
  poolId: string;
}

/** Connectors by pool (a custom connector's own pool, else its cluster's managed pool), deleted ones included. */
export async function listConnectorsOfPools(db: Executor, poolIds: string[]): Promise<ScrapedConnector[]> {
  if (poolIds.length === 0) return [];
  const rows = await db.selectFrom('connectors')
    .innerJoin('kafka_clusters', 'kafka_clusters.id', 'connectors.kafka_cluster_id')
    .select(['connectors.id as id', 'connectors.kafka_cluster_id as kafkaClusterId'])
    .select((eb) => eb.fn.coalesce('connectors.connect_pool_id', 'kafka_clusters.connect_pool_id').as('poolId'))
    .where((eb) => eb(eb.fn.coalesce('connectors.connect_pool_id', 'kafka_clusters.connect_pool_id'), 'in', poolIds))
    .execute();
  return rows;
}

export async function listMetricCounters(db: Executor, connectorIds: string[]): Promise<StoredCounter[]> {
  if (connectorIds.length === 0) return [];
  const rows = await db.selectFrom('metric_counters').select(['connector_id', 'source', 'metric', 'value'])
    .where('connector_id', 'in', connectorIds).execute();
  return rows.map((r) => ({ connectorId: r.connector_id, source: r.source, metric: r.metric, value: r.value }));
}

/** Adds each increase to its minute's point (a second scrape in the same minute adds to it). */
export async function addMetricPoints(db: Executor, points: MetricPoint[]): Promise<void> {
  for (const chunk of chunks(points, 100)) {
    await db.insertInto('metric_points')
      .values(chunk.map((p) => ({ connector_id: p.connectorId, kafka_cluster_id: p.kafkaClusterId, metric: p.metric, minute: p.minute, value: p.value })))
      .onConflict((oc) => oc.columns(['connector_id', 'metric', 'minute']).doUpdateSet({ value: sql<number>`metric_points.value + excluded.value` }))
      .execute();
  }
}

export async function saveMetricCounters(db: Executor, counters: StoredCounter[], observedAt: string): Promise<void> {
  for (const chunk of chunks(counters, 100)) {
    await db.insertInto('metric_counters')
      .values(chunk.map((c) => ({ connector_id: c.connectorId, source: c.source, metric: c.metric, value: c.value, observed_at: observedAt })))
      .onConflict((oc) => oc.columns(['connector_id', 'source', 'metric']).doUpdateSet({
        value: sql<number>`excluded.value`, observed_at: sql<string>`excluded.observed_at`,
      }))
      .execute();
  }
}

/**
 * Retention: points before `minute` go, and so do the counters of connectors the store no longer
 * has (their points stay until the retention takes them).
 */
export async function deleteExpiredMetrics(db: Executor, minute: number): Promise<number> {
  const { numDeletedRows } = await db.deleteFrom('metric_points').where('minute', '<', minute).executeTakeFirst();
  await db.deleteFrom('metric_counters')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('connectors').select('connectors.id').whereRef('connectors.id', '=', 'metric_counters.connector_id'))))
    .execute();
  return Number(numDeletedRows);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
