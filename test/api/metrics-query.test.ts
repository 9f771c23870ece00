// Issue 12, the query language: a stored series (three connectors on two clusters, three days of
// minutes, two metrics, with gaps) asked through POST /v2/metrics/cloud/query for every
// granularity, interval form, filter compound, group_by, aggregation and format. Each expected
// answer is computed here by brute force over the inserted rows, with the intervals resolved by
// hand and the filter written as a plain predicate, never by the code under test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { insertPoints, RECEIVED_RECORDS, SENT_RECORDS, type StoredPoint } from '../harness/metric-points.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const NOW = new Date(Date.parse('2026-03-04T05:17:23Z'));
const H = 3_600_000;
const MIN = 60_000;
const GRANULARITY_MINUTES: Record<string, number | undefined> = { PT1M: 1, PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60, PT4H: 240, PT6H: 360, PT12H: 720, P1D: 1440, ALL: undefined };

interface Conn { id: string; kafka: string }
let A = ''; // the bootstrap cluster
let B = ''; // a second cluster in the same environment
const conns = (): Conn[] => [{ id: 'lcc-aaa', kafka: A }, { id: 'lcc-bbb', kafka: A }, { id: 'lcc-ccc', kafka: B }];

function series(): StoredPoint[] {
  const points: StoredPoint[] = [];
  const first = T0 / MIN;
  for (const [i, c] of conns().entries()) {
    for (let m = first; m < first + 3 * 1440; m++) {
      // lcc-bbb has gaps in received_records.
      if (i !== 1 || m % 11 !== 0) points.push({ connectorId: c.id, kafkaClusterId: c.kafka, metric: RECEIVED_RECORDS, minute: m, value: ((m * 7 + i * 13) % 50) + 1 });
      if (i !== 2) points.push({ connectorId: c.id, kafkaClusterId: c.kafka, metric: SENT_RECORDS, minute: m, value: 1 });
    }
  }
  return points;
}

interface Case {
  name: string;
  body: Record<string, unknown>;
  /** The intervals as [startMs, endMs), worked out by hand from the body's text. */
  spans: [number, number][];
  where: (c: Conn) => boolean;
}

/** The answer by brute force: points in the spans, bucketed, summed per connector, combined per group. */
function reference(points: StoredPoint[], c: Case) {
  const metric = (c.body.aggregations as { metric: string }[])[0]!.metric;
  const agg = (c.body.aggregations as { agg?: string }[])[0]!.agg ?? 'SUM';
  const g = GRANULARITY_MINUTES[c.body.granularity as string];
  const groupBy = (c.body.group_by as string[] | undefined) ?? [];
  const inSpan = (m: number) => c.spans.some(([s, e]) => m * MIN >= s && m * MIN < e);
  const byConn = new Map<string, Map<number, number>>();
  const connOf = new Map(conns().map((x) => [x.id, x]));
  for (const p of points) {
    if (p.metric !== metric || !inSpan(p.minute) || !c.where(connOf.get(p.connectorId)!)) continue;
    const bucket = g === undefined ? Math.min(...c.spans.map((s) => s[0])) : Math.floor(p.minute / g) * g * MIN;
    const m = byConn.get(p.connectorId) ?? new Map<number, number>();
    m.set(bucket, (m.get(bucket) ?? 0) + p.value);
    byConn.set(p.connectorId, m);
  }
  const groups = new Map<string, { labels: Record<string, string>; points: Map<number, number> }>();
  for (const [id, buckets] of byConn) {
    const conn = connOf.get(id)!;
    const labels = Object.fromEntries(groupBy.map((l) => [l, l === 'resource.connector.id' ? conn.id : conn.kafka]));
    const key = JSON.stringify(groupBy.map((l) => labels[l]));
    const group = groups.get(key) ?? { labels, points: new Map() };
    for (const [b, v] of buckets) {
      const had = group.points.get(b);
      group.points.set(b, had === undefined ? v : agg === 'MAX' ? Math.max(had, v) : agg === 'MIN' ? Math.min(had, v) : had + v);
    }
    groups.set(key, group);
  }
  let ordered = [...groups.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([, v]) => v);
  if (g === undefined && groupBy.length > 0) ordered = ordered.sort((x, y) => [...y.points.values()][0]! - [...x.points.values()][0]!);
  const pts = (m: Map<number, number>) => [...m.entries()].sort((x, y) => x[0] - y[0]).map(([t, value]) => ({ timestamp: new Date(t).toISOString().replace('.000Z', 'Z'), value }));
  if (c.body.format === 'GROUPED') return { data: ordered.map((gr) => ({ ...gr.labels, points: pts(gr.points) })) };
  return { data: ordered.flatMap((gr) => pts(gr.points).map((p) => ({ ...p, ...gr.labels }))) };
}

const q = (metric: string, extra: Record<string, unknown>) => ({ aggregations: [{ metric }], ...extra });
const connEq = (id: string) => ({ field: 'resource.connector.id', op: 'EQ', value: id });

function cases(): Case[] {
  const kafkaA = { field: 'resource.kafka.id', op: 'EQ', value: A };
  const all = { op: 'OR', filters: [{ field: 'resource.kafka.id', op: 'EQ', value: A }, { field: 'resource.kafka.id', op: 'EQ', value: B }] };
  const isA = (c: Conn) => c.kafka === A;
  const any = () => true;
  // Starts off the hour and half a minute in, so partial buckets and minute rounding are exercised.
  const s = T0 + 25 * H + 90 * MIN + 30_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const out: Case[] = [];
  const lengths: Record<string, number> = { PT1M: 2 * H, PT5M: 6 * H, PT15M: 30 * H, PT30M: 40 * H, PT1H: 47 * H, PT4H: 47 * H, PT6H: 47 * H, PT12H: 47 * H, P1D: 47 * H, ALL: 47 * H };
  for (const [granularity, length] of Object.entries(lengths)) {
    out.push({ name: `granularity ${granularity}, grouped by connector`, body: q(RECEIVED_RECORDS, { granularity, filter: all, group_by: ['resource.connector.id'], intervals: [`${iso(s)}/${iso(s + length)}`] }), spans: [[s, s + length]], where: any });
  }
  out.push(
    { name: 'the product page query: one connector, PT1H, zone-less interval', body: q(RECEIVED_RECORDS, { filter: connEq('lcc-bbb'), granularity: 'PT1H', intervals: ['2026-03-02T00:00:00/2026-03-02T23:00:00'] }), spans: [[T0, T0 + 23 * H]], where: (c) => c.id === 'lcc-bbb' },
    { name: 'start/duration', body: q(RECEIVED_RECORDS, { filter: kafkaA, granularity: 'PT15M', intervals: ['2026-03-03T10:07:00Z/PT3H20M'] }), spans: [[T0 + 34 * H + 7 * MIN, T0 + 37 * H + 27 * MIN]], where: isA },
    { name: 'duration/end', body: q(RECEIVED_RECORDS, { filter: kafkaA, granularity: 'PT30M', intervals: ['P1DT2H/2026-03-04T00:00:00Z'] }), spans: [[T0 + 22 * H, T0 + 48 * H]], where: isA },
    { name: 'offset timestamps (+02:00)', body: q(RECEIVED_RECORDS, { filter: kafkaA, granularity: 'PT1H', intervals: ['2026-03-02T05:00:00+02:00/2026-03-02T09:30:00+02:00'] }), spans: [[T0 + 3 * H, T0 + 7.5 * H]], where: isA },
    { name: 'now-2h|h/now', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'PT5M', intervals: ['now-2h|h/now'] }), spans: [[T0 + 51 * H, NOW.getTime()]], where: any },
    { name: 'now-1d|d/now|d', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'PT4H', intervals: ['now-1d|d/now|d'] }), spans: [[T0 + 24 * H, T0 + 48 * H]], where: any },
    { name: 'PT3H/now-2m|m', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'PT1M', intervals: ['PT3H/now-2m|m'] }), spans: [[T0 + 50 * H + 15 * MIN, T0 + 53 * H + 15 * MIN]], where: any },
    { name: 'two overlapping intervals count each minute once', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'ALL', intervals: ['2026-03-02T01:00:00Z/2026-03-02T03:00:00Z', '2026-03-02T02:00:00Z/PT2H'] }), spans: [[T0 + H, T0 + 4 * H]], where: any },
    { name: 'OR of two connectors', body: q(RECEIVED_RECORDS, { filter: { op: 'OR', filters: [connEq('lcc-aaa'), connEq('lcc-ccc')] }, granularity: 'PT6H', group_by: ['resource.connector.id'], intervals: ['2026-03-02T00:00:00Z/P2D'] }), spans: [[T0, T0 + 48 * H]], where: (c) => c.id !== 'lcc-bbb' },
    { name: 'AND with NOT', body: q(RECEIVED_RECORDS, { filter: { op: 'AND', filters: [kafkaA, { op: 'NOT', filter: connEq('lcc-aaa') }] }, granularity: 'PT12H', intervals: ['2026-03-02T00:00:00Z/P3D'] }), spans: [[T0, T0 + 72 * H]], where: (c) => isA(c) && c.id !== 'lcc-aaa' },
    { name: 'GT on the connector id', body: q(RECEIVED_RECORDS, { filter: { field: 'resource.connector.id', op: 'GT', value: 'lcc-aaa' }, granularity: 'P1D', group_by: ['resource.connector.id'], intervals: ['2026-03-02T00:00:00Z/P3D'] }), spans: [[T0, T0 + 72 * H]], where: (c) => c.id > 'lcc-aaa' },
    { name: 'GTE on the connector id', body: q(RECEIVED_RECORDS, { filter: { field: 'resource.connector.id', op: 'GTE', value: 'lcc-bbb' }, granularity: 'P1D', group_by: ['resource.connector.id'], intervals: ['2026-03-02T00:00:00Z/P3D'] }), spans: [[T0, T0 + 72 * H]], where: (c) => c.id >= 'lcc-bbb' },
    { name: 'group_by kafka id', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'PT1H', group_by: ['resource.kafka.id'], intervals: ['2026-03-02T20:00:00Z/PT5H'] }), spans: [[T0 + 20 * H, T0 + 25 * H]], where: any },
    { name: 'group_by both labels, GROUPED', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'PT1H', group_by: ['resource.kafka.id', 'resource.connector.id'], format: 'GROUPED', intervals: ['2026-03-02T20:00:00Z/PT5H'] }), spans: [[T0 + 20 * H, T0 + 25 * H]], where: any },
    { name: 'GROUPED by connector, PT1M', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'PT1M', group_by: ['resource.connector.id'], format: 'GROUPED', intervals: ['2026-03-02T00:00:00Z/PT30M'] }), spans: [[T0, T0 + 30 * MIN]], where: any },
    { name: 'MAX across connectors', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'PT1H', intervals: ['2026-03-02T00:00:00Z/PT6H'] }), spans: [[T0, T0 + 6 * H]], where: any },
    { name: 'ALL grouped by connector, by value descending', body: q(RECEIVED_RECORDS, { filter: all, granularity: 'ALL', group_by: ['resource.connector.id'], intervals: ['2026-03-02T00:00:00Z/P3D'] }), spans: [[T0, T0 + 72 * H]], where: any },
    { name: 'another metric: sent_records', body: q(SENT_RECORDS, { filter: all, granularity: 'PT1H', group_by: ['resource.connector.id'], intervals: ['2026-03-02T00:00:00Z/PT3H'] }), spans: [[T0, T0 + 3 * H]], where: any },
  );
  (out.find((c) => c.name === 'MAX across connectors')!.body.aggregations as { agg?: string }[])[0]!.agg = 'MAX';
  out.push({ name: 'MIN across connectors, grouped by kafka id', body: { ...q(RECEIVED_RECORDS, { filter: all, granularity: 'PT1H', group_by: ['resource.kafka.id'], intervals: ['2026-03-02T00:00:00Z/PT6H'] }), aggregations: [{ metric: RECEIVED_RECORDS, agg: 'MIN' }] }, spans: [[T0, T0 + 6 * H]], where: any });
  return out;
}

describe('metrics/v2 query language over a stored series', () => {
  let api: ApiApp;
  let points: StoredPoint[];
  const query = (body: unknown, token?: string) => v2Call(api, adminAuth(api), 'POST', `/v2/metrics/cloud/query${token ? `?page_token=${token}` : ''}`, body);

  before(async () => {
    api = await startApiApp({ now: () => NOW });
    A = api.bootstrap.kafka_cluster_id;
    const second = await v2Call(api, adminAuth(api), 'POST', '/cmk/v2/clusters', { spec: { display_name: 'second', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: api.bootstrap.environment_id } } });
    B = (second.json as { id: string }).id;
    assert.ok(B, second.text);
    points = series();
    await insertPoints(api.db, points);
  });
  after(async () => api?.close());

  it('answers every case with the brute-force values', async () => {
    for (const c of cases()) {
      const res = await query(c.body);
      assert.equal(res.status, 200, `${c.name}: ${res.text}`);
      const expected = reference(points, c);
      assert.ok(expected.data.length > 0, `${c.name}: the case selects no points`);
      assert.deepEqual(res.json, expected, c.name);
    }
  });

  it('spot values worked out by hand: sent_records is 1 a minute, so an hour of two connectors is 120', async () => {
    const res = await query(q(SENT_RECORDS, { filter: { field: 'resource.kafka.id', op: 'EQ', value: A }, granularity: 'PT1H', intervals: ['2026-03-02T10:00:00Z/PT2H'] }));
    assert.deepEqual(res.json, { data: [{ timestamp: '2026-03-02T10:00:00Z', value: 120 }, { timestamp: '2026-03-02T11:00:00Z', value: 120 }] });
    const day = await query(q(SENT_RECORDS, { filter: connEq('lcc-aaa'), granularity: 'P1D', intervals: ['2026-03-02T12:00:00Z/P1D'] }));
    assert.deepEqual(day.json, { data: [{ timestamp: '2026-03-02T00:00:00Z', value: 720 }, { timestamp: '2026-03-03T00:00:00Z', value: 720 }] });
  });

  it('pages through groups with limit and page_token, and refuses a token of another query', async () => {
    const body = q(RECEIVED_RECORDS, { filter: { op: 'OR', filters: [{ field: 'resource.kafka.id', op: 'EQ', value: A }, { field: 'resource.kafka.id', op: 'EQ', value: B }] }, granularity: 'PT1H', group_by: ['resource.connector.id'], format: 'GROUPED', limit: 1, intervals: ['2026-03-02T00:00:00Z/PT2H'] });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await query(body, token);
      assert.equal(res.status, 200, res.text);
      const page = res.json as { data: { 'resource.connector.id': string }[]; meta?: { pagination: { page_size: number; next_page_token: string } } };
      assert.equal(page.data.length, 1);
      seen.push(page.data[0]!['resource.connector.id']);
      token = page.meta?.pagination.next_page_token;
      if (token) assert.equal(page.meta!.pagination.page_size, 1);
    } while (token);
    assert.deepEqual(seen, ['lcc-aaa', 'lcc-bbb', 'lcc-ccc']);
    const first = (await query(body)).json as { meta: { pagination: { next_page_token: string } } };
    const other = await query({ ...body, granularity: 'PT30M' }, first.meta.pagination.next_page_token);
    assert.equal(other.status, 400);
    assert.equal((await query(body, 'not-a-token')).status, 400);
  });

  it('answers 400 in the metrics envelope for what the spec does not allow', async () => {
    const filter = connEq('lcc-aaa');
    const bad: [string, unknown, RegExp][] = [
      ['PT1M over more than 6 hours', q(RECEIVED_RECORDS, { filter, granularity: 'PT1M', intervals: ['2026-03-02T00:00:00Z/PT6H1M'] }), /longer than 6 hours/],
      ['PT5M over more than a day', q(RECEIVED_RECORDS, { filter, granularity: 'PT5M', intervals: ['2026-03-02T00:00:00Z/P1DT1M'] }), /longer than 24 hours/],
      ['PT15M over more than 4 days', q(RECEIVED_RECORDS, { filter, granularity: 'PT15M', intervals: ['2026-03-02T00:00:00Z/P4DT1M'] }), /longer than 96 hours/],
      ['PT30M over more than 7 days', q(RECEIVED_RECORDS, { filter, granularity: 'PT30M', intervals: ['2026-03-02T00:00:00Z/P7DT1M'] }), /longer than 168 hours/],
      ['an unknown metric', q('io.confluent.kafka.server/sent_bytes', { filter, granularity: 'PT1H', intervals: ['PT1H/now'] }), /Unknown metric/],
      ['an aggregation the metric has not', { aggregations: [{ metric: RECEIVED_RECORDS, agg: 'AVG' }], filter, granularity: 'PT1H', intervals: ['PT1H/now'] }, /agg/],
      ['two aggregations', { aggregations: [{ metric: RECEIVED_RECORDS }, { metric: SENT_RECORDS }], filter, granularity: 'PT1H', intervals: ['PT1H/now'] }, /exactly one/],
      ['an unknown granularity', q(RECEIVED_RECORDS, { filter, granularity: 'PT2H', intervals: ['PT1H/now'] }), /granularity/],
      ['no intervals', q(RECEIVED_RECORDS, { filter, granularity: 'PT1H', intervals: [] }), /intervals/],
      ['an end before the start', q(RECEIVED_RECORDS, { filter, granularity: 'PT1H', intervals: ['2026-03-02T05:00:00Z/2026-03-02T04:00:00Z'] }), /after the start/],
      ['a malformed interval', q(RECEIVED_RECORDS, { filter, granularity: 'PT1H', intervals: ['yesterday/now'] }), /Invalid interval/],
      ['no filter', q(RECEIVED_RECORDS, { granularity: 'PT1H', intervals: ['PT1H/now'] }), /filter is required/],
      ['an unknown filter field', q(RECEIVED_RECORDS, { filter: { field: 'metric.topic', op: 'EQ', value: 'x' }, granularity: 'PT1H', intervals: ['PT1H/now'] }), /unknown field/],
      ['an unknown filter op', q(RECEIVED_RECORDS, { filter: { field: 'resource.connector.id', op: 'LT', value: 'x' }, granularity: 'PT1H', intervals: ['PT1H/now'] }), /unknown op/],
      ['GROUPED without group_by', q(RECEIVED_RECORDS, { filter, granularity: 'PT1H', format: 'GROUPED', intervals: ['PT1H/now'] }), /GROUPED/],
      ['an unknown group_by label', q(RECEIVED_RECORDS, { filter, granularity: 'PT1H', group_by: ['metric.topic'], intervals: ['PT1H/now'] }), /group_by/],
      ['order_by without ALL', q(RECEIVED_RECORDS, { filter, granularity: 'PT1H', order_by: [{ metric: RECEIVED_RECORDS }], intervals: ['PT1H/now'] }), /order_by/],
      ['limit 0', q(RECEIVED_RECORDS, { filter, granularity: 'PT1H', group_by: ['resource.connector.id'], limit: 0, intervals: ['PT1H/now'] }), /limit/],
      ['limit 1001', q(RECEIVED_RECORDS, { filter, granularity: 'PT1H', group_by: ['resource.connector.id'], limit: 1001, intervals: ['PT1H/now'] }), /limit/],
      ['a body that is no object', [1, 2], /object/],
    ];
    for (const [name, body, detail] of bad) {
      const res = await query(body);
      assert.equal(res.status, 400, `${name}: ${res.text}`);
      const errors = (res.json as { errors: { status: string; detail: string }[] }).errors;
      assert.equal(errors[0]!.status, '400', name);
      assert.match(errors[0]!.detail, detail, name);
      assert.equal(res.headers.get('content-type')?.startsWith('application/json'), true, name);
    }
  });
});
