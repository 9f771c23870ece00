// The HTTP surface every API family shares: authentication, error envelopes, 404s per family,
// request ids and /health, over a real socket.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';

describe('HTTP basics', () => {
  let api: ApiApp;
  let cloud: string;
  before(async () => {
    api = await startApiApp();
    cloud = basicAuth(api.bootstrap.cloud_api_key, api.bootstrap.cloud_api_secret);
  });
  after(async () => api.close());

  const request = (path: string, init: RequestInit = {}) => fetch(`${api.url}${path}`, init);

  it('answers 401 with WWW-Authenticate and the connect/v1 body, before any 404', async () => {
    const res = await request('/connect/v1/environments/env-nope/clusters/lkc-nope/connectors');
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Basic error="invalid_key", error_description="The API Key is invalid"');
    assert.match(res.headers.get('content-type')!, /^application\/json/);
    assert.deepEqual(await res.json(), { error: { code: 401, message: 'Unauthorized' }, code: 401, error_code: 401, message: 'Unauthorized' });
  });

  it('refuses the Kafka cluster key on the control plane', async () => {
    const res = await request('/connect/v1/x', { headers: { authorization: basicAuth(api.bootstrap.kafka_api_key, api.bootstrap.kafka_api_secret) } });
    assert.equal(res.status, 401);
  });

  it('renders an unknown connect/v1 route as a connect/v1 404', async () => {
    const res = await request('/connect/v1/nothing/here', { headers: { authorization: cloud } });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: { code: 404, message: 'resource not found' }, code: 404, error_code: 404, message: 'resource not found' });
  });

  it('renders an unknown path outside every family in the v2 shape', async () => {
    const res = await request('/no/such/api');
    assert.equal(res.status, 404);
    const body = await res.json() as { errors: { status: string; code: string; id: string }[] };
    assert.equal(body.errors[0]!.status, '404');
    assert.equal(body.errors[0]!.code, 'not_found');
    assert.equal(body.errors[0]!.id, res.headers.get('x-request-id'));
  });

  it('gives every response its own request id', async () => {
    const a = await request('/health');
    const b = await request('/health');
    assert.match(a.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
    assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
  });

  it('reports health 200 when all components are ready, 503 otherwise', async () => {
    const ok = await request('/health');
    assert.equal(ok.status, 200);
    assert.equal((await ok.json() as { status: string }).status, 'ready');
    api.dataPlane.poolStates.set(api.bootstrap.connect_pool_id, { state: 'restarting', restarts: 2, lastError: `see logs/connect-${api.bootstrap.connect_pool_id}.log` });
    const degraded = await request('/health');
    assert.equal(degraded.status, 503);
    const text = await degraded.text();
    const body = JSON.parse(text) as { status: string; reason: string; pools: { state: string; restarts: number }[] };
    assert.equal(body.status, 'degraded');
    assert.match(body.reason, /Connect pool is restarting/);
    assert.deepEqual(body.pools, [{ state: 'restarting', restarts: 2 }]);
    // Anyone may read /health: states only, never a cluster, pool or environment id.
    for (const id of [api.bootstrap.connect_pool_id, api.bootstrap.kafka_cluster_id, api.bootstrap.environment_id]) assert.equal(text.includes(id), false, id);
    api.dataPlane.poolStates.set(api.bootstrap.connect_pool_id, { state: 'ready', restarts: 2 });
  });

  it('never writes a secret or an Authorization header to the log, even at trace level', async () => {
    await request('/connect/v1/x', { headers: { authorization: cloud } });
    await request('/connect/v1/x', { headers: { authorization: basicAuth(api.bootstrap.cloud_api_key, 'wrong-secret-value') } });
    const log = fs.readFileSync(api.logFile, 'utf8');
    assert.ok(log.length > 0);
    for (const secret of [api.bootstrap.cloud_api_secret, api.bootstrap.kafka_api_secret, 'wrong-secret-value', cloud.slice(6)]) {
      assert.equal(log.includes(secret), false);
    }
  });
});
