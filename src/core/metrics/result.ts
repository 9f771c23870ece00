// Turns per-connector bucket sums (what the store computes) into the Metrics API answer
// (CONTRACT §3.2): series grouped by the group_by labels with the aggregation across them,
// groups ordered (labels, or value for ALL) and paged, FLAT or GROUPED, points oldest first.
import type { Aggregation, Label } from './catalog.ts';
import { encodePageToken } from './page-token.ts';
import type { QueryPlan } from './query.ts';

/** One connector's total within one bucket (bucket = its first minute; ALL: any constant). */
export interface SeriesBucket {
  connectorId: string;
  kafkaClusterId: string;
  bucket: number;
  value: number;
  /** A status metric's labels. */
  status?: string;
  taskId?: string;
}

export interface Point {
  timestamp: string;
  value: number;
}

interface Group {
  labels: Record<string, string>;
  key: string[];
  points: Map<number, number>;
  /** ALL: the group's one value, for ordering. */
  total: number;
}

export type QueryAnswer = { data: Record<string, unknown>[]; meta?: { pagination: { page_size: number; next_page_token: string } } };

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function combine(agg: Aggregation, a: number, b: number): number {
  if (agg === 'MAX') return Math.max(a, b);
  if (agg === 'MIN') return Math.min(a, b);
  return a + b;
}

function rowLabels(row: SeriesBucket): Partial<Record<Label, string>> {
  const labels: Partial<Record<Label, string>> = { 'resource.connector.id': row.connectorId, 'resource.kafka.id': row.kafkaClusterId };
  if (row.status !== undefined) labels['metric.status'] = row.status;
  if (row.taskId !== undefined) labels['metric.task_id'] = row.taskId;
  return labels;
}

function groupRows(plan: QueryPlan, rows: readonly SeriesBucket[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const all = rowLabels(row);
    const key = plan.groupBy.map((l) => all[l] ?? '');
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) {
      group = { labels: Object.fromEntries(plan.groupBy.map((l) => [l, all[l] ?? ''])), key, points: new Map(), total: 0 };
      groups.set(id, group);
    }
    const before = group.points.get(row.bucket);
    group.points.set(row.bucket, before === undefined ? row.value : combine(plan.agg, before, row.value));
  }
  return [...groups.values()];
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

function order(plan: QueryPlan, groups: Group[]): Group[] {
  if (plan.bucketMinutes !== undefined) return groups.sort((a, b) => compareKeys(a.key, b.key));
  for (const g of groups) g.total = [...g.points.values()][0] ?? 0;
  const sign = plan.order === 'ASCENDING' ? 1 : -1;
  return groups.sort((a, b) => (a.total - b.total) * sign || compareKeys(a.key, b.key));
}

function pointsOf(plan: QueryPlan, group: Group): Point[] {
  const stamp = (bucket: number) => (plan.bucketMinutes === undefined ? plan.allTimestampMs : bucket * 60_000);
  return [...group.points.entries()].sort((a, b) => a[0] - b[0]).map(([bucket, value]) => ({ timestamp: rfc3339(stamp(bucket)), value }));
}

export function shapeAnswer(plan: QueryPlan, rows: readonly SeriesBucket[]): QueryAnswer {
  const groups = order(plan, groupRows(plan, rows));
  const ungrouped = plan.groupBy.length === 0;
  const page = ungrouped ? groups : groups.slice(plan.offset, plan.offset + plan.limit);
  const data = plan.format === 'GROUPED'
    ? page.map((g) => ({ ...g.labels, points: pointsOf(plan, g) }))
    : page.flatMap((g) => pointsOf(plan, g).map((p) => ({ ...p, ...g.labels })));
  const next = plan.offset + plan.limit;
  if (ungrouped || next >= groups.length) return { data };
  return { data, meta: { pagination: { page_size: plan.limit, next_page_token: encodePageToken(next, plan.fingerprint) } } };
}
