// Issue 12, the status metrics: connector_status and connector_task_status over stored states
// (what the scraper writes: the state each connector and task was seen in per minute). Expected
// answers are counted here by brute force over the inserted rows, never by the code under test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { CONNECTOR_STATUS, insertStates, RECEIVED_RECORDS, TASK_STATUS, type StoredState } from '../harness/metric-points.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';

const T = Date.parse('2026-03-02T10:00:00Z') / 60_000;
// The export reports now − 5 min, truncated: minute T + 57.
const NOW = new Date((T + 62) * 60_000 + 10_000);

/** Minute ranges [from, to) of an hour and the state in each. */
type Timeline = [number, number, string][];

function rows(kafka: string): StoredState[] {
  const lines: [string, string, string, Timeline][] = [
    ['lcc-s1', CONNECTOR_STATUS, '', [[0, 30, 'RUNNING'], [30, 45, 'PAUSED'], [45, 60, 'RUNNING']]],
    ['lcc-s1', TASK_STATUS, '0', [[0, 30, 'RUNNING'], [30, 45, 'PAUSED'], [45, 60, 'RUNNING']]],
    ['lcc-s1', TASK_STATUS, '1', [[0, 20, 'RUNNING'], [20, 60, 'FAILED']]],
    ['lcc-s2', CONNECTOR_STATUS, '', [[0, 60, 'FAILED']]],
    ['lcc-s2', TASK_STATUS, '0', [[0, 60, 'FAILED']]],
  ];
  return lines.flatMap(([connectorId, metric, task, timeline]) => timeline.flatMap(([from, to, status]) =>
    Array.from({ length: to - from }, (_, i) => ({ connectorId, kafkaClusterId: kafka, metric, task, minute: T + from + i, status }))));
}

/** Per bucket start (minutes), per status: how many (connector, task) series were seen in it. */
function countByStatus(states: StoredState[], metric: string, bucket: number): Map<number, Map<string, number>> {
  const seen = new Map<number, Map<string, Set<string>>>();
  for (const s of states.filter((x) => x.metric === metric)) {
    const b = Math.floor(s.minute / bucket) * bucket;
    const byStatus = seen.get(b) ?? new Map<string, Set<string>>();
    byStatus.set(s.status, (byStatus.get(s.status) ?? new Set()).add(`${s.connectorId}/${s.task}`));
    seen.set(b, byStatus);
  }
  return new Map([...seen].map(([b, m]) => [b, new Map([...m].map(([st, set]) => [st, set.size]))]));
}

const iso = (minute: number) => new Date(minute * 60_000).toISOString().replace('.000Z', 'Z');

describe('metrics/v2 status metrics over stored states', () => {
  let api: ApiApp;
  let states: StoredState[];
  let kafka = '';
  const query = (body: unknown) => v2Call(api, adminAuth(api), 'POST', '/v2/metrics/cloud/query', body);
  const hour = [`${iso(T)}/${iso(T + 60)}`];

  before(async () => {
    api = await startApiApp({ now: () => NOW });
    kafka = api.bootstrap.kafka_cluster_id;
    states = rows(kafka);
    await insertStates(api.db, states);
  });
  after(async () => api?.close());

  it('connector_status grouped by metric.status: how many connectors were in each state per 15 minutes', async () => {
    const res = await query({ aggregations: [{ metric: CONNECTOR_STATUS }], filter: { field: 'resource.kafka.id', op: 'EQ', value: kafka }, granularity: 'PT15M', group_by: ['metric.status'], format: 'GROUPED', intervals: hour });
    assert.equal(res.status, 200, res.text);
    const counts = countByStatus(states, CONNECTOR_STATUS, 15);
    const expected = ['FAILED', 'PAUSED', 'RUNNING'].map((status) => ({
      'metric.status': status,
      points: [...counts].filter(([, m]) => m.has(status)).sort((a, b) => a[0] - b[0]).map(([b, m]) => ({ timestamp: iso(b), value: m.get(status)! })),
    }));
    assert.deepEqual(res.json, { data: expected });
    // Worked out by hand: 10:30–10:45 lcc-s1 was PAUSED only, lcc-s2 FAILED.
    assert.deepEqual((res.json as { data: { points: { timestamp: string }[] }[] }).data[1]!.points.map((p) => p.timestamp), ['2026-03-02T10:30:00Z']);
  });

  it('connector_task_status: failed tasks of one connector, by task, and the states a label takes', async () => {
    const filter = { op: 'AND', filters: [{ field: 'resource.connector.id', op: 'EQ', value: 'lcc-s1' }, { field: 'metric.status', op: 'EQ', value: 'FAILED' }] };
    const res = await query({ aggregations: [{ metric: TASK_STATUS }], filter, granularity: 'PT30M', group_by: ['metric.task_id'], intervals: hour });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { data: [{ timestamp: '2026-03-02T10:00:00Z', value: 1, 'metric.task_id': '1' }, { timestamp: '2026-03-02T10:30:00Z', value: 1, 'metric.task_id': '1' }] });
    const attrs = await v2Call(api, adminAuth(api), 'POST', '/v2/metrics/cloud/attributes', { metric: TASK_STATUS, group_by: ['metric.status'], filter: { field: 'resource.connector.id', op: 'EQ', value: 'lcc-s1' }, intervals: hour });
    assert.equal(attrs.status, 200, attrs.text);
    assert.deepEqual((attrs.json as { data: unknown[] }).data, [{ 'metric.status': 'FAILED' }, { 'metric.status': 'PAUSED' }, { 'metric.status': 'RUNNING' }]);
    const ids = await v2Call(api, adminAuth(api), 'POST', '/v2/metrics/cloud/attributes', { group_by: ['resource.connector.id'], filter: { field: 'resource.kafka.id', op: 'EQ', value: kafka }, intervals: hour });
    assert.deepEqual((ids.json as { data: unknown[] }).data, [{ 'resource.connector.id': 'lcc-s1' }, { 'resource.connector.id': 'lcc-s2' }]);
  });

  it('labels a metric does not have are a 400 in the metrics envelope, naming the ones it has', async () => {
    const bad = [
      { aggregations: [{ metric: RECEIVED_RECORDS }], filter: { field: 'resource.kafka.id', op: 'EQ', value: kafka }, granularity: 'PT1H', group_by: ['metric.status'], intervals: hour },
      { aggregations: [{ metric: CONNECTOR_STATUS }], filter: { op: 'AND', filters: [{ field: 'resource.kafka.id', op: 'EQ', value: kafka }, { field: 'metric.task_id', op: 'EQ', value: '0' }] }, granularity: 'PT1H', intervals: hour },
      { aggregations: [{ metric: CONNECTOR_STATUS }], filter: { field: 'metric.status', op: 'EQ', value: 'FAILED' }, granularity: 'PT1H', intervals: hour },
    ];
    for (const body of bad) {
      const res = await query(body);
      assert.equal(res.status, 400, res.text);
      const errors = (res.json as { errors: { status: string; detail: string }[] }).errors;
      assert.equal(errors[0]!.status, '400');
      assert.match(errors[0]!.detail, /label|resource/);
    }
  });

  it('export: each connector and task state at the exported minute, as a sample of 1 with its status', async () => {
    const res = await fetch(`${api.url}/v2/metrics/cloud/export?resource.kafka.id=${kafka}`, { headers: { authorization: adminAuth(api) } });
    assert.equal(res.status, 200);
    const lines = (await res.text()).split('\n').filter((l) => l.startsWith('confluent_kafka_connect_connector'));
    const stamp = (T + 57) * 60_000;
    assert.deepEqual(lines, [
      `confluent_kafka_connect_connector_status{connector_id="lcc-s1",kafka_id="${kafka}",status="RUNNING"} 1.0 ${stamp}`,
      `confluent_kafka_connect_connector_status{connector_id="lcc-s2",kafka_id="${kafka}",status="FAILED"} 1.0 ${stamp}`,
      `confluent_kafka_connect_connector_task_status{connector_id="lcc-s1",kafka_id="${kafka}",status="RUNNING",task_id="0"} 1.0 ${stamp}`,
      `confluent_kafka_connect_connector_task_status{connector_id="lcc-s1",kafka_id="${kafka}",status="FAILED",task_id="1"} 1.0 ${stamp}`,
      `confluent_kafka_connect_connector_task_status{connector_id="lcc-s2",kafka_id="${kafka}",status="FAILED",task_id="0"} 1.0 ${stamp}`,
    ]);
  });
});
