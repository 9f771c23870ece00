// Reading connector counter points (issue 12): the aggregations run in SQL over metric_points,
// so a query reads one row per connector and bucket, never every minute. The collection side
// writes the table; nothing here writes.
import { sql } from 'kysely';
import type { Label } from '../core/metrics/catalog.ts';
import type { SeriesBucket } from '../core/metrics/result.ts';
import type { Executor } from './database.ts';
import { bucketOf, RESOURCE_COLUMNS, selected, selectsAny, type PointSelection } from './metric-selection.ts';

export type { PointSelection } from './metric-selection.ts';

/** Each connector's sum per bucket (see bucketOf). */
export async function bucketSums(db: Executor, s: PointSelection, bucketMinutes: number | undefined): Promise<SeriesBucket[]> {
  if (!selectsAny(s)) return [];
  const rows = await db.selectFrom('metric_points')
    .select(['connector_id', 'kafka_cluster_id', bucketOf(bucketMinutes).as('bucket'), (eb) => eb.fn.sum<number>('value').as('value')])
    .where(selected(s, RESOURCE_COLUMNS))
    .groupBy(['connector_id', 'kafka_cluster_id', 'bucket'])
    .execute();
  return rows.map((r) => ({ connectorId: r.connector_id, kafkaClusterId: r.kafka_cluster_id, bucket: Number(r.bucket), value: Number(r.value) }));
}

/** Distinct values of one label among the selected points, ascending, from `offset`, at most `limit`. */
export async function labelValues(db: Executor, s: PointSelection, label: Label, page: { offset: number; limit: number }): Promise<string[]> {
  const column = (RESOURCE_COLUMNS as Partial<Record<Label, string>>)[label];
  if (!selectsAny(s) || column === undefined) return [];
  const rows = await db.selectFrom('metric_points')
    .select(sql<string>`${sql.ref(column)}`.as('value'))
    .distinct()
    .where(selected(s, RESOURCE_COLUMNS))
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
  /** Labels beyond the resource's (a status metric's state and task). */
  labels?: Record<string, string>;
}

/** Every series with a point in the `lookback` minutes up to `minute`, valued at `minute`. */
export async function pointsAt(db: Executor, s: Omit<PointSelection, 'ranges'> & { metrics?: readonly string[] }, minute: number, lookback: number): Promise<ExportedPoint[]> {
  if (!selectsAny(s)) return [];
  const ranges = [{ from: minute - lookback + 1, to: minute + 1 }];
  let query = db.selectFrom('metric_points')
    .select(['connector_id', 'kafka_cluster_id', 'metric', sql<number>`sum(case when minute = ${minute} then value else 0 end)`.as('value')])
    .where(selected({ ...s, ranges }, RESOURCE_COLUMNS));
  if (s.metrics && s.metrics.length > 0) query = query.where('metric', 'in', [...s.metrics]);
  const rows = await query.groupBy(['connector_id', 'kafka_cluster_id', 'metric']).orderBy('metric').orderBy('kafka_cluster_id').orderBy('connector_id').execute();
  return rows.map((r) => ({ connectorId: r.connector_id, kafkaClusterId: r.kafka_cluster_id, metric: r.metric, value: Number(r.value) }));
}
