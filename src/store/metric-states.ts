// Connector and task states per minute (issue 12), the points of the status metrics. The
// scraper writes the state each was seen in; a query counts the states seen per bucket, one per
// (connector, task, state), so `group_by metric.status` answers how many were RUNNING, FAILED….
import { sql } from 'kysely';
import type { Label } from '../core/metrics/catalog.ts';
import type { SeriesBucket } from '../core/metrics/result.ts';
import type { Executor } from './database.ts';
import type { ExportedPoint } from './metric-points.ts';
import { bucketOf, RESOURCE_COLUMNS, selected, selectsAny, type LabelColumns, type PointSelection } from './metric-selection.ts';

const COLUMNS: LabelColumns = { ...RESOURCE_COLUMNS, 'metric.status': 'status', 'metric.task_id': 'task' };

export interface MetricState {
  connectorId: string;
  kafkaClusterId: string;
  metric: string;
  /** The task's number, or '' for the connector itself. */
  task: string;
  minute: number;
  status: string;
}

/** Stores each state as the one seen in its minute (a later scrape in the same minute replaces it). */
export async function saveMetricStates(db: Executor, states: readonly MetricState[]): Promise<void> {
  for (let i = 0; i < states.length; i += 100) {
    await db.insertInto('metric_states')
      .values(states.slice(i, i + 100).map((s) => ({
        connector_id: s.connectorId, kafka_cluster_id: s.kafkaClusterId, metric: s.metric, task: s.task, minute: s.minute, status: s.status,
      })))
      .onConflict((oc) => oc.columns(['connector_id', 'metric', 'task', 'minute']).doUpdateSet({ status: sql<string>`excluded.status` }))
      .execute();
  }
}

/** One row per (connector, task, state) seen within each bucket, valued 1. */
export async function bucketStates(db: Executor, s: PointSelection, bucketMinutes: number | undefined): Promise<SeriesBucket[]> {
  if (!selectsAny(s)) return [];
  const rows = await db.selectFrom('metric_states')
    .select(['connector_id', 'kafka_cluster_id', 'task', 'status', bucketOf(bucketMinutes).as('bucket')])
    .distinct()
    .where(selected(s, COLUMNS))
    .execute();
  return rows.map((r) => ({
    connectorId: r.connector_id, kafkaClusterId: r.kafka_cluster_id, bucket: Number(r.bucket), value: 1,
    status: r.status, ...(r.task === '' ? {} : { taskId: r.task }),
  }));
}

/** Distinct values of one label among the selected states, ascending, from `offset`, at most `limit`. */
export async function stateLabelValues(db: Executor, s: PointSelection, label: Label, page: { offset: number; limit: number }): Promise<string[]> {
  const column = COLUMNS[label];
  if (!selectsAny(s) || column === undefined) return [];
  const rows = await db.selectFrom('metric_states')
    .select(sql<string>`${sql.ref(column)}`.as('value'))
    .distinct()
    .where(selected(s, COLUMNS))
    .where(sql.ref(column), '!=', '')
    .orderBy('value')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => r.value);
}

/**
 * Each connector's and task's latest state within the `lookback` minutes up to `minute` (a
 * scrape can miss a minute), as a sample of 1 labelled with it.
 */
export async function statesAt(db: Executor, s: Omit<PointSelection, 'ranges'> & { metrics?: readonly string[] }, minute: number, lookback: number): Promise<ExportedPoint[]> {
  if (!selectsAny(s)) return [];
  let query = db.selectFrom('metric_states')
    .select(['connector_id', 'kafka_cluster_id', 'metric', 'task', 'status', 'minute'])
    .where(selected({ ...s, ranges: [{ from: minute - lookback + 1, to: minute + 1 }] }, COLUMNS));
  if (s.metrics && s.metrics.length > 0) query = query.where('metric', 'in', [...s.metrics]);
  const latest = new Map<string, ExportedPoint & { minute: number }>();
  for (const r of await query.orderBy('minute').execute()) {
    const labels: Record<string, string> = r.task === '' ? { status: r.status } : { status: r.status, task_id: r.task };
    latest.set(`${r.connector_id}\u0000${r.metric}\u0000${r.task}`, { connectorId: r.connector_id, kafkaClusterId: r.kafka_cluster_id, metric: r.metric, value: 1, labels, minute: r.minute });
  }
  const order = (p: ExportedPoint) => [p.metric, p.kafkaClusterId, p.connectorId, p.labels?.task_id ?? ''].join('\u0000');
  return [...latest.values()].map(({ minute: _, ...point }) => point).sort((a, b) => (order(a) < order(b) ? -1 : 1));
}

/** Retention: states before `minute` go. */
export async function deleteExpiredStates(db: Executor, minute: number): Promise<number> {
  const { numDeletedRows } = await db.deleteFrom('metric_states').where('minute', '<', minute).executeTakeFirst();
  return Number(numDeletedRows);
}
