// Issue 12: GET /metrics, Cirrus's own metrics in Prometheus text — requests by operation,
// reconcile passes, metrics scrapes, pool states, store latency — and who may read them
// (CIRRUS_SELF_METRICS_ACCESS): keyless on loopback by default, else an OrganizationAdmin key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePrometheusText } from '../../src/core/metrics/prometheus-text.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { adminAuth, keyWithRole } from '../harness/principals.ts';

const value = (text: string, name: string, labels: Record<string, string> = {}) => parsePrometheusText(text)
  .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
  .reduce((sum, s) => sum + s.value, 0);

describe('GET /metrics (issue 12)', () => {
  let api: ApiApp;
  let operator: string;

  before(async () => {
    api = await startApiApp();
    const b = api.bootstrap;
    operator = (await keyWithRole(api, 'Operator', `crn://confluent.cloud/organization=${b.organization_id}/environment=${b.environment_id}/cloud-cluster=${b.kafka_cluster_id}`)).auth;
  });
  after(async () => api?.close());

  it('serves Prometheus text to a keyless loopback caller: requests by operation, reconcile passes, scrapes, pool states, store latency', async () => {
    await fetch(`${api.url}/health`).then((r) => r.arrayBuffer());
    await api.controlPlane.reconciler.pass();
    await api.controlPlane.metricsScraper.scrape();
    const res = await fetch(`${api.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.ok(value(text, 'cirrus_http_requests_total', { operation: 'cirrus.health', method: 'GET' }) >= 1);
    assert.ok(value(text, 'cirrus_http_request_duration_seconds_count', { operation: 'cirrus.health' }) >= 1);
    assert.ok(value(text, 'cirrus_reconcile_pass_duration_seconds_count', { pool: api.bootstrap.connect_pool_id }) >= 1);
    assert.ok(value(text, 'cirrus_metrics_scrape_duration_seconds_count') >= 1);
    assert.equal(value(text, 'cirrus_pool_state', { pool: api.bootstrap.connect_pool_id, state: 'ready' }), 1);
    assert.equal(value(text, 'cirrus_pool_state', { pool: api.bootstrap.connect_pool_id, state: 'stopped' }), 0);
    assert.ok(value(text, 'cirrus_store_query_duration_seconds_count', { outcome: 'ok' }) > 0);
    assert.ok(value(text, 'cirrus_process_resident_memory_bytes') > 0);
    assert.doesNotMatch(text, /lcc-|secret/i, 'no connector names or secrets in labels');
  });

  it('a sent key must be an OrganizationAdmin key', async () => {
    const get = (authorization: string) => fetch(`${api.url}/metrics`, { headers: { authorization } });
    assert.equal((await get(adminAuth(api))).status, 200);
    assert.equal((await get(operator)).status, 403);
    assert.equal((await get('Basic bm9wZTpub3Bl')).status, 401);
  });

  it('from another address, a keyless caller gets 401 and an OrganizationAdmin 200', async () => {
    const from = (headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers });
    assert.equal((await from()).statusCode, 401);
    assert.equal((await from({ authorization: operator })).statusCode, 403);
    assert.equal((await from({ authorization: adminAuth(api) })).statusCode, 200);
  });

  it('CIRRUS_SELF_METRICS_ACCESS=admin asks loopback callers for a key too; =open asks nobody', async () => {
    const strict = await startApiApp({ metrics: { selfAccess: 'admin' } });
    const open = await startApiApp({ metrics: { selfAccess: 'open' } });
    try {
      assert.equal((await fetch(`${strict.url}/metrics`)).status, 401);
      assert.equal((await fetch(`${strict.url}/metrics`, { headers: { authorization: adminAuth(strict) } })).status, 200);
      assert.equal((await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode, 200);
    } finally {
      await strict.close();
      await open.close();
    }
  });
});
