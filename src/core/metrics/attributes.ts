// The attributes request (CONTRACT §3.3): the values one label takes among a metric's points,
// over the given intervals (the last hour by default), paged like query groups.
import { metricNamed, type Label } from './catalog.ts';
import { fieldsOf, parseFilter, type Filter } from './filter.ts';
import { decodePageToken, encodePageToken, fingerprint } from './page-token.ts';
import { checkLabel, invalid, parseIntervals, parseLimit, requestObject, type MinuteRange } from './query.ts';

export interface AttributesPlan {
  metric?: string;
  label: Label;
  filter?: Filter;
  ranges: MinuteRange[];
  limit: number;
  offset: number;
  fingerprint: string;
}

export function parseAttributes(raw: unknown, nowMs: number, pageToken?: unknown): AttributesPlan {
  const body = requestObject(raw);
  if (body.metric !== undefined && (typeof body.metric !== 'string' || !metricNamed(body.metric))) {
    throw invalid(`Unknown metric ${JSON.stringify(body.metric)}: see GET /v2/metrics/cloud/descriptors/metrics`, '/metric');
  }
  const groupBy = body.group_by;
  if (!Array.isArray(groupBy) || groupBy.length !== 1) throw invalid('group_by must hold exactly one label', '/group_by');
  const label = checkLabel(groupBy[0], body.metric as string | undefined, '/group_by');
  const filter = body.filter === undefined || body.filter === null ? undefined : parseFilter(body.filter);
  for (const field of filter ? fieldsOf(filter) : []) checkLabel(field, body.metric as string | undefined, '/filter');
  // Attributes list values, they do not bucket them: any interval length is fine (as for ALL).
  const intervals = body.intervals === undefined ? ['PT1H/now'] : body.intervals;
  const print = fingerprint(body);
  return {
    metric: body.metric as string | undefined, label, filter,
    ranges: parseIntervals(intervals, 'ALL', nowMs).ranges, limit: parseLimit(body.limit),
    offset: decodePageToken(pageToken, print), fingerprint: print,
  };
}

/** `values` holds up to limit + 1 values from the plan's offset: one more means another page. */
export function attributesAnswer(plan: AttributesPlan, values: readonly string[]) {
  const pagination: { page_size: number; next_page_token?: string } = { page_size: plan.limit };
  if (values.length > plan.limit) pagination.next_page_token = encodePageToken(plan.offset + plan.limit, plan.fingerprint);
  return { data: values.slice(0, plan.limit).map((v) => ({ [plan.label]: v })), meta: { pagination } };
}

