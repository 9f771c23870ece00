// Issue 7 over HTTP with the in-memory Connect: who may register an external Connect and which URLs
// are refused (#4), clusters are desired state even without an embedded data plane (#1), a cluster
// with connectors not yet gone from the engine cannot be deleted (#16), and a new change to a
// connector in failure backoff is tried at once (#17).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { environmentCrn } from '../../src/core/rbac.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { FakeConnectClient } from '../harness/fake-connect.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';

/** Where the bootstrap cluster's managed pool answers in these tests. */
const POOL_URL = 'http://127.0.0.1:9';

const clusterSpec = (environment: string, extra: Record<string, unknown> = {}) => ({ spec: {
  display_name: 'c', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: environment }, ...extra,
} });

describe('issue 7: external clusters, cluster lifecycle and retries', () => {
  let api: ApiApp;
  const engine = new FakeConnectClient();
  const creates = () => engine.writes.filter((w) => w.op === 'create').length;

  before(async () => {
    api = await startApiApp({ connectClient: engine });
    api.dataPlane.urls[api.bootstrap.connect_pool_id] = POOL_URL;
  });
  after(async () => api.close());

  const connectors = () => `/connect/v1/environments/${api.bootstrap.environment_id}/clusters/${api.bootstrap.kafka_cluster_id}/connectors`;
  const status = async (name: string) => (await api.controlPlane.connectors.get({ environmentId: api.bootstrap.environment_id, clusterId: api.bootstrap.kafka_cluster_id }, name)).status;

  it('lets only an OrganizationAdmin register an external Connect (#4)', async () => {
    const b = api.bootstrap;
    const envAdmin = (await keyWithRole(api, 'EnvironmentAdmin', environmentCrn(b.organization_id, b.environment_id))).auth;
    const external = clusterSpec(b.environment_id, { cirrus: { kafka_bootstrap_servers: '127.0.0.1:9092', connect_url: 'http://connect-a.example:8083' } });
    const refused = await v2Call(api, envAdmin, 'POST', '/cmk/v2/clusters', external);
    assert.equal(refused.status, 403, refused.text);
    assert.equal((refused.json as { errors: { code: string }[] }).errors[0]!.code, 'user_unauthorized');
    assert.equal((await v2Call(api, envAdmin, 'POST', '/cmk/v2/clusters', clusterSpec(b.environment_id))).status, 202, 'a cluster of our own is the environment\'s');
    assert.equal((await v2Call(api, adminAuth(api), 'POST', '/cmk/v2/clusters', external)).status, 202);
  });

  it('parses connect_url strictly: origin only, no credentials, query, fragment, path or link-local host (#4)', async () => {
    const bad = [
      'not a url', 'ftp://connect.example:8083', 'http://user:pw@connect.example:8083', 'http://connect.example:8083/?x=1',
      'http://connect.example:8083/#', 'http://connect.example:8083/connectors', 'http://169.254.169.254/', 'http://169.254.169.254/#',
      'http://[fe80::1]:8083', 'http://metadata.google.internal/', 'file:///etc/passwd',
    ];
    for (const connectUrl of bad) {
      const res = await v2Call(api, adminAuth(api), 'POST', '/cmk/v2/clusters', clusterSpec(api.bootstrap.environment_id, { cirrus: { kafka_bootstrap_servers: 'k:9092', connect_url: connectUrl } }));
      assert.equal(res.status, 400, `${connectUrl}: ${res.text}`);
      assert.equal((res.json as { errors: { source?: { pointer: string } }[] }).errors[0]!.source?.pointer, '/spec/cirrus/connect_url', connectUrl);
    }
  });

  it('refuses a connect_url that another pool, managed or external, already uses (#4)', async () => {
    const register = (connectUrl: string) => v2Call(api, adminAuth(api), 'POST', '/cmk/v2/clusters',
      clusterSpec(api.bootstrap.environment_id, { cirrus: { kafka_bootstrap_servers: 'k:9092', connect_url: connectUrl } }));
    // The bootstrap cluster's managed pool answers on 127.0.0.1:9 here: every spelling of it is taken.
    for (const taken of ['http://127.0.0.1:9', 'http://localhost:9/', 'https://127.0.0.2:9', 'http://[::1]:9']) {
      const res = await register(taken);
      assert.equal(res.status, 409, `${taken}: ${res.text}`);
    }
    assert.equal((await register('http://connect-b.example:8083')).status, 202);
    assert.equal((await register('https://CONNECT-B.example:8083/')).status, 409);
    assert.equal((await register('http://connect-a.example:8083')).status, 409, 'registered by the first test');
  });

  it('keeps a new cluster as desired state without an embedded data plane: 400 naming spec.cirrus, nothing stored (#1)', async () => {
    const plain = await startApiApp({ embedded: false });
    try {
      const res = await v2Call(plain, adminAuth(plain), 'POST', '/cmk/v2/clusters', clusterSpec(plain.bootstrap.environment_id));
      assert.equal(res.status, 400, res.text);
      assert.match(res.text, /spec\.cirrus/);
      const listed = await v2Call(plain, adminAuth(plain), 'GET', `/cmk/v2/clusters?environment=${plain.bootstrap.environment_id}`);
      assert.equal((listed.json as { data: unknown[] }).data.length, 1, 'only the bootstrap cluster');
      const external = await v2Call(plain, adminAuth(plain), 'POST', '/cmk/v2/clusters', clusterSpec(plain.bootstrap.environment_id, {
        cirrus: { kafka_bootstrap_servers: 'k:9092', connect_url: 'http://connect.example:8083' },
      }));
      assert.equal(external.status, 202, external.text);
      assert.equal((await fetch(`${plain.url}/health`)).status, 200);
    } finally {
      await plain.close();
    }
  });

  it('tries a new change at once, not after the backoff of an older failure (#17)', async () => {
    engine.fail({ op: 'create', status: 500, message: 'worker busy' });
    const create = await v2Call(api, adminAuth(api), 'POST', connectors(), { name: 'retried', config: datagenConfig(api.bootstrap, 'retried') });
    assert.equal(create.status, 201, create.text);
    await api.controlPlane.reconciler.pass();
    assert.equal(creates(), 1);
    assert.match((await status('retried'))!.lastError, /worker busy/);
    await api.controlPlane.reconciler.pass();
    assert.equal(creates(), 1, 'the same change waits out its backoff');

    const config = (await v2Call(api, adminAuth(api), 'GET', `${connectors()}/retried/config`)).json as Record<string, string>;
    assert.equal((await v2Call(api, adminAuth(api), 'PUT', `${connectors()}/retried/config`, { ...config, 'max.interval': '50' })).status, 200);
    await api.controlPlane.reconciler.pass();
    assert.equal(creates(), 2, 'a new config is tried at once');
    assert.equal((await v2Call(api, adminAuth(api), 'PUT', `${connectors()}/retried/pause`)).status, 202);
    await api.controlPlane.reconciler.pass();
    assert.equal(creates(), 3, 'so is a pause');

    engine.clearFaults();
    assert.equal((await v2Call(api, adminAuth(api), 'PUT', `${connectors()}/retried/resume`)).status, 202);
    await api.controlPlane.reconciler.pass();
    assert.equal(creates(), 4);
    assert.equal((await status('retried'))!.lastError, '');
    assert.equal((await status('retried'))!.attempts, 0);
  });

  it('refuses to delete a cluster while a connector delete has not reached the engine (#16)', async () => {
    const b = api.bootstrap;
    assert.ok(engine.connectorsAt(POOL_URL).size > 0, 'the engine runs the connector of the previous test');
    assert.equal((await v2Call(api, adminAuth(api), 'DELETE', `${connectors()}/retried`)).status, 200);
    const early = await v2Call(api, adminAuth(api), 'DELETE', `/cmk/v2/clusters/${b.kafka_cluster_id}?environment=${b.environment_id}`);
    assert.equal(early.status, 409, early.text);
    assert.match(early.text, /connector/);
    await api.controlPlane.reconciler.pass();
    assert.equal(engine.connectorsAt(POOL_URL).size, 0);
    const done = await v2Call(api, adminAuth(api), 'DELETE', `/cmk/v2/clusters/${b.kafka_cluster_id}?environment=${b.environment_id}`);
    assert.equal(done.status, 204, done.text);
  });
});
