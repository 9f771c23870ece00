// Reading connector metric points (issue 12): the aggregations run in SQL over metric_points,
// so a query reads one row per connector and bucket, never every minute. The collection side
// writes the table; nothing here writes.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Label } from '../core/metrics/catalog.ts';
import type { Filter } from '../core/metrics/filter.ts';
import type { MinuteRange } from '../core/metrics/query.ts';
import type { SeriesBucket } from '../core/metrics/result.ts';
import type { Executor } from './database.ts';
import type { DB } from './schema.ts';

type Points = ExpressionBuilder<DB, 'metric_points'>;

const COLUMN = { 'resource.connector.id': 'connector_id', 'resource.kafka.id': 'kafka_cluster_id' } as const satisfies Record<Label, string>;

/** What every read shares: which points, of which clusters (those the caller may see). */
export interface PointSelection {
  /** Undefined: every metric. */
  metric?: string;
  ranges: readonly MinuteRange[];
  filter?: Filter;
  clusterIds: readonly string[];
}

function filterExpression(eb: Points, filter: Filter): Expression<SqlBool> {
  switch (filter.op) {
    case 'EQ': return eb(COLUMN[filter.field], '=', filter.value);
    case 'GT': return eb(COLUMN[filter.field], '>', filter.value);
    case 'GTE': return eb(COLUMN[filter.field], '>=', filter.value);
    case 'AND': return eb.and(filter.filters.map((f) => filterExpression(eb, f)));
    case 'OR': return eb.or(filter.filters.map((f) => filterExpression(eb, f)));
    case 'NOT': return eb.not(filterExpression(eb, filter.filter));
  }
}

function selected(eb: Points, s: PointSelection): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb('kafka_cluster_id', 'in', [...s.clusterIds]),
    eb.or(s.ranges.map((r) => eb.and([eb('minute', '>=', r.from), eb('minute', '<', r.to)]))),
  ];
  if (s.metric !== undefined) conditions.push(eb('metric', '=', s.metric));
  if (s.filter) conditions.push(filterExpression(eb, s.filter));
  return eb.and(conditions);
}

/**
 * Each connector's sum per bucket: `bucketMinutes` long buckets aligned to the epoch (so to UTC
 * hours and days), or one bucket (0) when undefined.
 */
export async function bucketSums(db: Executor, s: PointSelection, bucketMinutes: number | undefined): Promise<SeriesBucket[]> {
  if (s.clusterIds.length === 0 || s.ranges.length === 0) return [];
  // A literal: it comes from the granularity table, and SQLite divides integers only by integers.
  const bucket = bucketMinutes === undefined ? sql<number>`0` : sql<number>`(minute / ${sql.lit(bucketMinutes)}) * ${sql.lit(bucketMinutes)}`;
  const rows = await db.selectFrom('metric_points')
    .select(['connector_id', 'kafka_cluster_id', bucket.as('bucket'), (eb) => eb.fn.sum<number>('value').as('value')])
    .where((eb) => selected(eb, s))
    .groupBy(['connector_id', 'kafka_cluster_id', 'bucket'])
    .execute();
  return rows.map((r) => ({ connectorId: r.connector_id, kafkaClusterId: r.kafka_cluster_id, bucket: Number(r.bucket), value: Number(r.value) }));
}

/** Distinct values of one label among the selected points, ascending, from `offset`, at most `limit`. */
export async function labelValues(db: Executor, s: PointSelection, label: Label, page: { offset: number; limit: number }): Promise<string[]> {
  if (s.clusterIds.length === 0 || s.ranges.length === 0) return [];
  const column = COLUMN[label];
  const rows = await db.selectFrom('metric_points')
    .select(sql<string>`${sql.ref(column)}`.as('value'))
    .distinct()
    .where((eb) => selected(eb, s))
    .orderBy('value')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => r.value);
}

export interface ExportedPoint {
  connectorId: string;
  kafkaClusterId: string;
  metric: string;
  /** The value at the exported minute; 0 for a series that has points shortly before but none then. */
  value: number;
}

/** Every series with a point in the `lookback` minutes up to `minute`, valued at `minute`. */
export async function pointsAt(db: Executor, s: Omit<PointSelection, 'ranges'> & { metrics?: readonly string[] }, minute: number, lookback: number): Promise<ExportedPoint[]> {
  if (s.clusterIds.length === 0) return [];
  const ranges = [{ from: minute - lookback + 1, to: minute + 1 }];
  let query = db.selectFrom('metric_points')
    .select(['connector_id', 'kafka_cluster_id', 'metric', sql<number>`sum(case when minute = ${minute} then value else 0 end)`.as('value')])
    .where((eb) => selected(eb, { ...s, ranges }));
  if (s.metrics && s.metrics.length > 0) query = query.where('metric', 'in', [...s.metrics]);
  const rows = await query.groupBy(['connector_id', 'kafka_cluster_id', 'metric']).orderBy('metric').orderBy('kafka_cluster_id').orderBy('connector_id').execute();
  return rows.map((r) => ({ connectorId: r.connector_id, kafkaClusterId: r.kafka_cluster_id, metric: r.metric, value: Number(r.value) }));
}
