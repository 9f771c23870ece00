// What every metrics read shares (issue 12), for the points of counters (metric_points) and the
// states of status metrics (metric_states) alike: which metric, minutes and clusters, and the
// query's filter as SQL over the columns that hold its labels.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Label } from '../core/metrics/catalog.ts';
import type { Filter } from '../core/metrics/filter.ts';
import type { MinuteRange } from '../core/metrics/query.ts';

/** Which points, of which clusters (those the caller may see). */
export interface PointSelection {
  /** Undefined: every metric. */
  metric?: string;
  ranges: readonly MinuteRange[];
  filter?: Filter;
  clusterIds: readonly string[];
}

/** The column holding each label in a table; a label a table lacks matches none of its rows. */
export type LabelColumns = Partial<Record<Label, string>>;

export const RESOURCE_COLUMNS = { 'resource.connector.id': 'connector_id', 'resource.kafka.id': 'kafka_cluster_id' } as const;

const COMPARISON = { EQ: '=', GT: '>', GTE: '>=' } as const;

function filterSql(filter: Filter, columns: LabelColumns): RawBuilder<SqlBool> {
  switch (filter.op) {
    case 'EQ': case 'GT': case 'GTE': {
      const column = columns[filter.field];
      return column === undefined ? sql<SqlBool>`0` : sql<SqlBool>`${sql.ref(column)} ${sql.raw(COMPARISON[filter.op])} ${filter.value}`;
    }
    case 'AND': return sql<SqlBool>`(${sql.join(filter.filters.map((f) => filterSql(f, columns)), sql` and `)})`;
    case 'OR': return sql<SqlBool>`(${sql.join(filter.filters.map((f) => filterSql(f, columns)), sql` or `)})`;
    case 'NOT': return sql<SqlBool>`not ${filterSql(filter.filter, columns)}`;
  }
}

/** Whether the selection can match anything at all (SQLite rejects an empty `in ()`). */
export function selectsAny(s: Pick<PointSelection, 'clusterIds'> & { ranges?: readonly MinuteRange[] }): boolean {
  return s.clusterIds.length > 0 && (s.ranges === undefined || s.ranges.length > 0);
}

export function selected(s: PointSelection, columns: LabelColumns): RawBuilder<SqlBool> {
  const conditions = [
    sql<SqlBool>`kafka_cluster_id in (${sql.join([...s.clusterIds])})`,
    sql<SqlBool>`(${sql.join(s.ranges.map((r) => sql`(minute >= ${r.from} and minute < ${r.to})`), sql` or `)})`,
  ];
  if (s.metric !== undefined) conditions.push(sql<SqlBool>`metric = ${s.metric}`);
  if (s.filter) conditions.push(filterSql(s.filter, columns));
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** Bucket start per row: `bucketMinutes` long buckets aligned to the epoch (so to UTC hours and days), or 0 for one bucket. */
export function bucketOf(bucketMinutes: number | undefined): RawBuilder<number> {
  // A literal: it comes from the granularity table, and SQLite divides integers only by integers.
  return bucketMinutes === undefined ? sql<number>`0` : sql<number>`(minute / ${sql.lit(bucketMinutes)}) * ${sql.lit(bucketMinutes)}`;
}
