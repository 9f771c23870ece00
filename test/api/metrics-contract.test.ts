// Issue 12: every metrics/v2 route against metrics-v2.yaml, who sees which points, and the
// product page's query sent the way the page sends it (curl --data @file).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { clusterCrn, environmentCrn } from '../../src/core/rbac.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { insertPoints, RECEIVED_RECORDS, SENT_RECORDS, type StoredPoint } from '../harness/metric-points.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';

const spec = loadSpec('metrics-v2');
const NOW = new Date(Date.parse('2026-03-04T12:06:41Z'));
/** The minute the export reports: now − 5 min, truncated (the spec's own example: 12:06:41 → 12:01). */
const EXPORTED = Date.parse('2026-03-04T12:01:00Z') / 60_000;
const FIRST = Date.parse('2026-03-02T00:00:00Z') / 60_000;
const Q = '/v2/metrics/{dataset}/query';

describe('metrics/v2 contract and access', () => {
  let api: ApiApp;
  let admin: string;
  let env2Cluster = '';
  let env2Id = '';
  const call = (auth: string | undefined, method: string, route: string, body?: unknown) => v2Call(api, auth as string, method, route, body);
  const pageQuery = (connector: string) => ({
    aggregations: [{ metric: RECEIVED_RECORDS }], filter: { field: 'resource.connector.id', op: 'EQ', value: connector },
    granularity: 'PT1H', intervals: ['2026-03-02T00:00:00/2026-03-02T23:00:00'],
  });

  before(async () => {
    api = await startApiApp({ now: () => NOW });
    admin = adminAuth(api);
    const b = api.bootstrap;
    const env2 = (await call(admin, 'POST', '/org/v2/environments', { display_name: 'second' })).json as { id: string };
    const cluster = await call(admin, 'POST', '/cmk/v2/clusters', { spec: { display_name: 'other', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: env2.id } } });
    env2Cluster = (cluster.json as { id: string }).id;
    env2Id = env2.id;
    const points: StoredPoint[] = [];
    for (let m = FIRST; m <= EXPORTED; m++) {
      points.push({ connectorId: 'lcc-k2q7v', kafkaClusterId: b.kafka_cluster_id, metric: RECEIVED_RECORDS, minute: m, value: 2 });
      points.push({ connectorId: 'lcc-other', kafkaClusterId: b.kafka_cluster_id, metric: RECEIVED_RECORDS, minute: m, value: 5 });
      points.push({ connectorId: 'lcc-tenant2', kafkaClusterId: env2Cluster, metric: RECEIVED_RECORDS, minute: m, value: 7 });
    }
    points.push({ connectorId: 'lcc-k2q7v', kafkaClusterId: b.kafka_cluster_id, metric: SENT_RECORDS, minute: EXPORTED - 3, value: 9 });
    await insertPoints(api.db, points);
  });
  after(async () => api?.close());

  it('descriptors/metrics: the five connector counters and the two status gauges, paged as the spec says', async () => {
    const res = await call(admin, 'GET', '/v2/metrics/cloud/descriptors/metrics');
    assert.equal(res.status, 200, res.text);
    assertMatchesSpec(spec, 'get', '/v2/metrics/{dataset}/descriptors/metrics', 200, res.json);
    const body = res.json as { data: { name: string; type: string; resources: string[] }[]; meta: { pagination: { total_size: number } } };
    const counters = ['dead_letter_queue_records', 'received_bytes', 'received_records', 'sent_bytes', 'sent_records'];
    const gauges = ['connector_status', 'connector_task_status'];
    assert.deepEqual(body.data.map((d) => d.name).sort(), [...gauges, ...counters].map((n) => `io.confluent.kafka.connect/${n}`));
    const typeOf = (d: { name: string }) => (gauges.some((g) => d.name.endsWith(`/${g}`)) ? 'GAUGE_INT64' : 'COUNTER_INT64');
    assert.ok(body.data.every((d) => d.type === typeOf(d) && d.resources[0] === 'connector'));
    assert.equal(body.meta.pagination.total_size, 7);
    const first = (await call(admin, 'GET', '/v2/metrics/cloud/descriptors/metrics?page_size=4')).json as { data: { name: string }[]; meta: { pagination: { next_page_token: string } } };
    const second = (await call(admin, 'GET', `/v2/metrics/cloud/descriptors/metrics?page_size=4&page_token=${first.meta.pagination.next_page_token}`)).json as { data: { name: string }[]; meta: { pagination: Record<string, unknown> } };
    assert.deepEqual([...first.data, ...second.data].map((d) => d.name), body.data.map((d) => d.name));
    assert.equal(second.meta.pagination.next_page_token, undefined);
    assert.equal(((await call(admin, 'GET', '/v2/metrics/cloud/descriptors/metrics?resource_type=kafka')).json as { data: unknown[] }).data.length, 0);
    const bad = await call(admin, 'GET', '/v2/metrics/cloud/descriptors/metrics?page_size=1001');
    assert.equal(bad.status, 400);
    assertMatchesSpec(spec, 'get', '/v2/metrics/{dataset}/descriptors/metrics', 400, bad.json);
  });

  it('descriptors/resources', async () => {
    const res = await call(admin, 'GET', '/v2/metrics/cloud/descriptors/resources');
    assert.equal(res.status, 200, res.text);
    assertMatchesSpec(spec, 'get', '/v2/metrics/{dataset}/descriptors/resources', 200, res.json);
    assert.deepEqual((res.json as { data: { type: string }[] }).data.map((d) => d.type), ['connector', 'kafka']);
  });

  it('query: FLAT, GROUPED and errors match the spec; errors carry no title or source', async () => {
    const flat = await call(admin, 'POST', '/v2/metrics/cloud/query', pageQuery('lcc-k2q7v'));
    assert.equal(flat.status, 200, flat.text);
    assertMatchesSpec(spec, 'post', Q, 200, flat.json);
    const grouped = await call(admin, 'POST', '/v2/metrics/cloud/query', { ...pageQuery('lcc-k2q7v'), group_by: ['resource.connector.id'], format: 'GROUPED' });
    assertMatchesSpec(spec, 'post', Q, 200, grouped.json);
    const bad = await call(admin, 'POST', '/v2/metrics/cloud/query', { ...pageQuery('lcc-k2q7v'), granularity: 'PT1M' });
    assert.equal(bad.status, 400);
    assertMatchesSpec(spec, 'post', Q, 400, bad.json);
    const error = (bad.json as { errors: Record<string, unknown>[] }).errors[0]!;
    assert.equal(error.status, '400');
    assert.equal(error.title, undefined);
    assert.equal(error.source, undefined);
    const unknownDataset = await call(admin, 'POST', '/v2/metrics/other/query', pageQuery('lcc-k2q7v'));
    assert.equal(unknownDataset.status, 404);
    assertMatchesSpec(spec, 'post', Q, 404, unknownDataset.json);
  });

  it('attributes: the values of one label, paged', async () => {
    const res = await call(admin, 'POST', '/v2/metrics/cloud/attributes', { metric: RECEIVED_RECORDS, group_by: ['resource.connector.id'], limit: 2 });
    assert.equal(res.status, 200, res.text);
    assertMatchesSpec(spec, 'post', '/v2/metrics/{dataset}/attributes', 200, res.json);
    const page = res.json as { data: Record<string, string>[]; meta: { pagination: { next_page_token: string } } };
    assert.deepEqual(page.data, [{ 'resource.connector.id': 'lcc-k2q7v' }, { 'resource.connector.id': 'lcc-other' }]);
    const next = await call(admin, 'POST', `/v2/metrics/cloud/attributes?page_token=${page.meta.pagination.next_page_token}`, { metric: RECEIVED_RECORDS, group_by: ['resource.connector.id'], limit: 2 });
    assert.deepEqual((next.json as { data: unknown[] }).data, [{ 'resource.connector.id': 'lcc-tenant2' }]);
    const bad = await call(admin, 'POST', '/v2/metrics/cloud/attributes', { group_by: [] });
    assert.equal(bad.status, 400);
    assertMatchesSpec(spec, 'post', '/v2/metrics/{dataset}/attributes', 400, bad.json);
  });

  it('export: Prometheus text of the minute five minutes back; OpenMetrics on request', async () => {
    const res = await fetch(`${api.url}/v2/metrics/cloud/export?resource.connector.id=lcc-k2q7v&resource.connector.id=lcc-other`, { headers: { authorization: admin } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const cluster = api.bootstrap.kafka_cluster_id;
    const ms = EXPORTED * 60_000;
    assert.match(text, /# TYPE confluent_kafka_connect_received_records gauge/);
    assert.ok(text.includes(`confluent_kafka_connect_received_records{connector_id="lcc-k2q7v",kafka_id="${cluster}"} 2.0 ${ms}\n`), text);
    assert.ok(text.includes(`confluent_kafka_connect_received_records{connector_id="lcc-other",kafka_id="${cluster}"} 5.0 ${ms}\n`), text);
    // Active three minutes earlier, silent at the exported minute: 0, not a vanished series.
    assert.ok(text.includes(`confluent_kafka_connect_sent_records{connector_id="lcc-k2q7v",kafka_id="${cluster}"} 0.0 ${ms}\n`), text);
    const om = await fetch(`${api.url}/v2/metrics/cloud/export?resource.kafka.id=${cluster}&metric=${encodeURIComponent(RECEIVED_RECORDS)}`, { headers: { authorization: admin, accept: 'application/openmetrics-text;version=1.0.0' } });
    assert.match(om.headers.get('content-type') ?? '', /^application\/openmetrics-text/);
    const omText = await om.text();
    assert.ok(omText.endsWith('# EOF\n'));
    assert.ok(omText.includes(`} 2.0 ${EXPORTED * 60}.000\n`));
    assert.ok(!omText.includes('sent_records'));
    const none = await call(admin, 'GET', '/v2/metrics/cloud/export');
    assert.equal(none.status, 400);
    assertMatchesSpec(spec, 'get', '/v2/metrics/{dataset}/export', 400, none.json);
  });

  it('a Kafka key, a wrong secret and no key get 401 in the metrics envelope', async () => {
    const b = api.bootstrap;
    for (const auth of [basicAuth(b.kafka_api_key, b.kafka_api_secret), basicAuth(b.cloud_api_key, 'wrong'), undefined]) {
      const res = await fetch(`${api.url}/v2/metrics/cloud/query`, { method: 'POST', headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/json' }, body: JSON.stringify(pageQuery('lcc-k2q7v')) });
      assert.equal(res.status, 401);
      const body = await res.json();
      assertMatchesSpec(spec, 'post', Q, 401, body);
      assert.equal((body as { errors: { status: string }[] }).errors[0]!.status, '401');
    }
  });

  it('a key sees the points of the clusters its roles cover, and nothing else, without an error', async () => {
    const b = api.bootstrap;
    const org = b.organization_id;
    const all = { op: 'OR', filters: [{ field: 'resource.kafka.id', op: 'EQ', value: b.kafka_cluster_id }, { field: 'resource.kafka.id', op: 'EQ', value: env2Cluster }] };
    const body = { aggregations: [{ metric: RECEIVED_RECORDS }], filter: all, granularity: 'ALL', group_by: ['resource.connector.id'], intervals: ['2026-03-02T00:00:00Z/PT1H'] };
    const seen = async (auth: string) => {
      const res = await call(auth, 'POST', '/v2/metrics/cloud/query', body);
      assert.equal(res.status, 200, res.text);
      return (res.json as { data: { 'resource.connector.id': string; value: number }[] }).data.map((p) => `${p['resource.connector.id']}=${p.value}`).sort();
    };
    assert.deepEqual(await seen(admin), ['lcc-k2q7v=120', 'lcc-other=300', 'lcc-tenant2=420']);
    const operator = await keyWithRole(api, 'Operator', clusterCrn(org, b.environment_id, b.kafka_cluster_id));
    assert.deepEqual(await seen(operator.auth), ['lcc-k2q7v=120', 'lcc-other=300']);
    const env2Admin = await keyWithRole(api, 'EnvironmentAdmin', environmentCrn(org, env2Id));
    assert.deepEqual(await seen(env2Admin.auth), ['lcc-tenant2=420']);
    const loner = (await call(admin, 'POST', '/iam/v2/service-accounts', { display_name: 'no binding' })).json as { id: string };
    const key = (await call(admin, 'POST', '/iam/v2/api-keys', { spec: { owner: { id: loner.id }, resource: { id: 'cloud' } } })).json as { id: string; spec: { secret: string } };
    const nobody = basicAuth(key.id, key.spec.secret);
    assert.deepEqual(await seen(nobody), []);
    const attributes = await call(nobody, 'POST', '/v2/metrics/cloud/attributes', { group_by: ['resource.connector.id'], intervals: ['2026-03-02T00:00:00Z/P3D'] });
    assert.deepEqual((attributes.json as { data: unknown[] }).data, []);
    const exported = await fetch(`${api.url}/v2/metrics/cloud/export?resource.connector.id=lcc-tenant2`, { headers: { authorization: operator.auth } });
    assert.equal(exported.status, 200);
    assert.equal(await exported.text(), '');
  });

  it('the product page query, sent as the page sends it: --data @file answers that connector only; without @ it is a 400', async () => {
    const dir = fs.mkdtempSync(path.join(api.home, 'page-'));
    fs.writeFileSync(path.join(dir, 'query-metrics.json'), JSON.stringify(pageQuery('lcc-k2q7v'), null, 4));
    const b = api.bootstrap;
    const curl = async (...extra: string[]) => {
      const args = ['--silent', '--request', 'POST', `${api.url}/v2/metrics/cloud/query`, '--header', `authorization: ${basicAuth(b.cloud_api_key, b.cloud_api_secret)}`, ...extra, '-w', '\n%{http_code}'];
      const { stdout } = await promisify(execFile)('curl', args, { cwd: dir });
      const cut = stdout.lastIndexOf('\n');
      return { status: Number(stdout.slice(cut + 1)), json: JSON.parse(stdout.slice(0, cut)) as unknown };
    };
    const expected = { data: Array.from({ length: 23 }, (_, h) => ({ timestamp: `2026-03-02T${String(h).padStart(2, '0')}:00:00Z`, value: 120 })) };
    const asPage = await curl('--header', 'Content-Type: application/json', '--data', '@query-metrics.json');
    assert.equal(asPage.status, 200);
    assert.deepEqual(asPage.json, expected);
    // Without the content-type header curl sends application/x-www-form-urlencoded: still JSON.
    const formEncoded = await curl('--data', '@query-metrics.json');
    assert.deepEqual(formEncoded.json, expected);
    const literal = await curl('--header', 'Content-Type: application/json', '--data', 'query-metrics.json');
    assert.equal(literal.status, 400);
    assertMatchesSpec(spec, 'post', Q, 400, literal.json);
    assert.match((literal.json as { errors: { detail: string }[] }).errors[0]!.detail, /not valid JSON/);
  });
});
