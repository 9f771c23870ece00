// A Metrics API query (CONTRACT §3.1) read into a plan: which metric and aggregation, which
// minutes, how to bucket and group them, and which page. Everything a client can get wrong is a
// 400 here, with a message that names the field.
import { InvalidRequest } from '../errors.ts';
import { AGGREGATIONS, GRANULARITIES, isGranularity, labelsOf, metricNamed, type Aggregation, type Granularity, type Label } from './catalog.ts';
import { fieldsOf, namesResource, parseFilter, type Filter } from './filter.ts';
import { minutesOf, parseInterval } from './interval.ts';
import { decodePageToken, fingerprint } from './page-token.ts';

export interface MinuteRange {
  /** First minute (epoch minutes, UTC), inclusive. */
  from: number;
  /** Last minute, exclusive. */
  to: number;
}

export interface QueryPlan {
  metric: string;
  agg: Aggregation;
  filter: Filter;
  granularity: Granularity;
  /** Bucket length in minutes; undefined for ALL (one bucket). */
  bucketMinutes: number | undefined;
  /** Disjoint, ascending. */
  ranges: MinuteRange[];
  /** Where the one bucket of ALL is stamped: the start of the earliest interval. */
  allTimestampMs: number;
  groupBy: Label[];
  limit: number;
  format: 'FLAT' | 'GROUPED';
  /** Group order for ALL (by value); other granularities order groups by their labels. */
  order: 'ASCENDING' | 'DESCENDING';
  offset: number;
  fingerprint: string;
}

type Body = Record<string, unknown>;

export function invalid(message: string, pointer?: string): InvalidRequest {
  return new InvalidRequest(message, pointer);
}

export function requestObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('The request body must be a JSON object');
  return body as Body;
}

function parseAggregation(raw: unknown): { metric: string; agg: Aggregation } {
  if (!Array.isArray(raw) || raw.length !== 1) throw invalid('aggregations must hold exactly one aggregation', '/aggregations');
  const item = raw[0] as Body | null;
  const name = typeof item === 'object' && item !== null ? item.metric : undefined;
  if (typeof name !== 'string') throw invalid('aggregations[0].metric must be a string', '/aggregations/0/metric');
  if (!metricNamed(name)) throw invalid(`Unknown metric ${JSON.stringify(name)}: see GET /v2/metrics/cloud/descriptors/metrics`, '/aggregations/0/metric');
  const agg = item!.agg ?? 'SUM';
  if (!(AGGREGATIONS as readonly unknown[]).includes(agg)) throw invalid(`aggregations[0].agg must be one of ${AGGREGATIONS.join(', ')} for ${name}`, '/aggregations/0/agg');
  return { metric: name, agg: agg as Aggregation };
}

/** The intervals as disjoint minute ranges, each within the granularity's longest interval. */
export function parseIntervals(raw: unknown, granularity: Granularity, nowMs: number): { ranges: MinuteRange[]; startMs: number } {
  if (!Array.isArray(raw) || raw.length === 0) throw invalid('intervals must be a non-empty array of ISO 8601 intervals', '/intervals');
  if (raw.length > 100) throw invalid('intervals: at most 100', '/intervals');
  const limit = GRANULARITIES[granularity].maxIntervalMinutes;
  const times = raw.map((i) => parseInterval(i, nowMs));
  for (const [i, t] of times.entries()) {
    if ((t.endMs - t.startMs) / 60_000 > limit) {
      throw invalid(`Interval "${String(raw[i])}" is longer than ${limit / 60} hours, the most granularity ${granularity} allows`, '/intervals');
    }
  }
  return { ranges: mergeRanges(times.map(minutesOf)), startMs: Math.min(...times.map((t) => t.startMs)) };
}

export function mergeRanges(ranges: MinuteRange[]): MinuteRange[] {
  const sorted = ranges.filter((r) => r.to > r.from).sort((a, b) => a.from - b.from);
  const out: MinuteRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

/** A label the metric has, or a 400 listing the ones it has. */
export function checkLabel(label: unknown, metric: string | undefined, pointer: string): Label {
  const allowed = labelsOf(metric === undefined ? undefined : metricNamed(metric));
  if (typeof label === 'string' && (allowed as string[]).includes(label)) return label as Label;
  const what = metric === undefined ? 'connector metrics have' : `${metric} has`;
  throw invalid(`${pointer.slice(1).split('/')[0]}: unknown label ${JSON.stringify(label ?? null)}; ${what} ${allowed.join(', ')}`, pointer);
}

function parseGroupBy(raw: unknown, metric: string): Label[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalid('group_by must be an array of labels', '/group_by');
  return [...new Set(raw.map((label) => checkLabel(label, metric, '/group_by')))];
}

function parseOrder(raw: unknown, granularity: Granularity, metric: string): 'ASCENDING' | 'DESCENDING' {
  if (raw === undefined) return 'DESCENDING';
  if (granularity !== 'ALL') throw invalid('order_by is allowed only with granularity ALL', '/order_by');
  if (!Array.isArray(raw) || raw.length === 0) throw invalid('order_by must be a non-empty array', '/order_by');
  const first = raw[0] as Body | null;
  if (typeof first !== 'object' || first === null || first.metric !== metric) throw invalid('order_by[0].metric must be the metric of the aggregation', '/order_by/0/metric');
  const order = first.order ?? 'DESCENDING';
  if (order !== 'ASCENDING' && order !== 'DESCENDING') throw invalid('order_by[0].order must be ASCENDING or DESCENDING', '/order_by/0/order');
  return order;
}

export function parseLimit(raw: unknown): number {
  if (raw === undefined) return 100;
  if (!Number.isInteger(raw) || (raw as number) < 1 || (raw as number) > 1000) throw invalid('limit must be an integer from 1 to 1000', '/limit');
  return raw as number;
}

function parseFormat(raw: unknown, groupBy: Label[]): 'FLAT' | 'GROUPED' {
  const format = raw ?? 'FLAT';
  if (format !== 'FLAT' && format !== 'GROUPED') throw invalid('format must be FLAT or GROUPED', '/format');
  if (format === 'GROUPED' && groupBy.length === 0) throw invalid('format GROUPED needs a non-empty group_by', '/format');
  return format;
}

/** A cloud query must filter on a resource (CONTRACT §3); what the caller may see is applied later. */
export function parseQueryFilter(raw: unknown, metric: string): Filter {
  if (raw === undefined || raw === null) throw invalid('filter is required: name the connectors (resource.connector.id) or Kafka clusters (resource.kafka.id) to query', '/filter');
  const filter = parseFilter(raw);
  if (!namesResource(filter)) throw invalid('filter must name a resource (resource.connector.id or resource.kafka.id)', '/filter');
  for (const field of fieldsOf(filter)) checkLabel(field, metric, '/filter');
  return filter;
}

export function parseQuery(raw: unknown, nowMs: number, pageToken?: unknown): QueryPlan {
  const body = requestObject(raw);
  const { metric, agg } = parseAggregation(body.aggregations);
  if (!isGranularity(body.granularity)) throw invalid(`granularity must be one of ${Object.keys(GRANULARITIES).join(', ')}`, '/granularity');
  const granularity = body.granularity;
  const { ranges, startMs } = parseIntervals(body.intervals, granularity, nowMs);
  const groupBy = parseGroupBy(body.group_by, metric);
  const print = fingerprint(body);
  if (pageToken !== undefined && pageToken !== '' && groupBy.length === 0) throw new InvalidRequest('page_token is only for queries with a group_by', undefined, 'page_token');
  return {
    metric, agg, filter: parseQueryFilter(body.filter, metric), granularity, bucketMinutes: GRANULARITIES[granularity].minutes,
    ranges, allTimestampMs: startMs, groupBy, limit: parseLimit(body.limit), format: parseFormat(body.format, groupBy),
    order: parseOrder(body.order_by, granularity, metric), offset: decodePageToken(pageToken, print), fingerprint: print,
  };
}
