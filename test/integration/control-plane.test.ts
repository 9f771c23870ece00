// The whole product as a user starts it: bootstrap identity, authenticated API over a real
// socket, clean stop, and a restart that keeps every id and key. A user who acts the moment
// bootstrap.json appears (issue 7 #1, #2) creates an environment and a cluster before the data
// plane is ready: the process survives, and the cluster gets a broker and a pool of its own (#9).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Config } from '../../src/config.ts';
import { hasApiKeyIdShape, hasApiKeySecretShape, hasIdShape } from '../../src/core/ids.ts';
import { canConnect } from '../../src/supervisor/broker.ts';
import type { BootstrapInfo } from '../../src/services/bootstrap.ts';
import { startCirrus, type CirrusProcess } from '../harness/cirrus-process.ts';
import { listTopics, readTopic } from '../harness/kafka.ts';
import { tempHome, testConfig } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

interface Cluster { id: string; spec: { kafka_bootstrap_endpoint: string }; status: { phase: string } }

describe('control plane (npm start)', () => {
  let config: Config;
  let cirrus: CirrusProcess | undefined;
  /** What a user saw in the first second, before Cirrus said it was ready. */
  const early: { health?: { status: number; body: { status: string; reason?: string } }; environment?: { status: number; id: string }; cluster?: { status: number; body: Cluster } } = {};

  before(async () => {
    config = await testConfig(await tempHome('control-plane'), { CIRRUS_LOG_LEVEL: 'debug' });
    cirrus = await startCirrus(config, { onBootstrap: actAtOnce });
  });

  async function actAtOnce(b: BootstrapInfo): Promise<void> {
    const admin = basic(b.cloud_api_key, b.cloud_api_secret);
    const health = await fetch(`${b.endpoint}/health`);
    early.health = { status: health.status, body: await health.json() as { status: string; reason?: string } };
    const call = async (p: string, body: unknown) => {
      const res = await fetch(`${b.endpoint}${p}`, { method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() as Record<string, unknown> };
    };
    const env = await call('/org/v2/environments', { display_name: 'second' });
    early.environment = { status: env.status, id: env.body.id as string };
    const cluster = await call('/cmk/v2/clusters', { spec: {
      display_name: 'second', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: early.environment.id },
    } });
    early.cluster = { status: cluster.status, body: cluster.body as unknown as Cluster };
  }
  after(async () => {
    await cirrus?.stop();
  });

  const get = (url: string, authorization?: string) =>
    fetch(`${cirrus!.bootstrap.endpoint}${url}`, { headers: authorization ? { authorization } : {} });

  it('writes bootstrap.json with the endpoint, ids and both key pairs', () => {
    const b = cirrus!.bootstrap;
    assert.equal(b.endpoint, `http://127.0.0.1:${config.port}`);
    assert.ok(hasIdShape('environment', b.environment_id), b.environment_id);
    assert.ok(hasIdShape('kafkaCluster', b.kafka_cluster_id), b.kafka_cluster_id);
    for (const key of [b.cloud_api_key, b.kafka_api_key]) assert.ok(hasApiKeyIdShape(key), key);
    for (const secret of [b.cloud_api_secret, b.kafka_api_secret]) assert.ok(hasApiKeySecretShape(secret));
    assert.equal(fs.statSync(path.join(config.home, 'bootstrap.json')).mode & 0o077, 0, 'only the owner may read the secrets');
    assert.match(cirrus!.output(), new RegExp(b.cloud_api_key));
  });

  it('answers at once after bootstrap.json appears: /health 503 "starting", a new cluster 202 (issue 7 #1, #2)', () => {
    assert.equal(early.health?.status, 503, JSON.stringify(early.health));
    assert.equal(early.health?.body.status, 'starting');
    assert.ok(early.health?.body.reason, 'says why it is not ready');
    assert.equal(early.environment?.status, 201);
    assert.equal(early.cluster?.status, 202, JSON.stringify(early.cluster));
    assert.equal(early.cluster?.body.status.phase, 'PROVISIONING');
    assert.equal(cirrus!.child.exitCode, null, 'the process lives on');
  });

  it('reports every broker and pool ready on /health once ready, the early cluster\'s included', async () => {
    const res = await get('/health');
    assert.equal(res.status, 200);
    const text = await res.text();
    const body = JSON.parse(text) as { status: string; brokers: { state: string }[]; pools: { state: string }[] };
    assert.equal(body.status, 'ready');
    assert.deepEqual(body.brokers.map((b) => b.state), ['ready', 'ready']);
    assert.deepEqual(body.pools.map((p) => p.state), ['ready', 'ready']);
    for (const id of [cirrus!.bootstrap.connect_pool_id, cirrus!.bootstrap.kafka_cluster_id, early.cluster!.body.id]) assert.equal(text.includes(id), false, 'no ids for anonymous callers');
  });

  it('answers 401 in the connect/v1 shape to every bad credential', async () => {
    const b = cirrus!.bootstrap;
    const url = `/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`;
    const cases: [string, string | undefined][] = [
      ['no credentials', undefined],
      ['wrong secret', basic(b.cloud_api_key, b.kafka_api_secret)],
      ['unknown key', basic('AAAAAAAAAAAAAAAA', b.cloud_api_secret)],
      ['no Basic scheme', Buffer.from(`${b.cloud_api_key}:${b.cloud_api_secret}`).toString('base64')],
      ['Bearer token', `Bearer ${b.cloud_api_secret}`],
      ['malformed base64', 'Basic %%%'],
      ['no colon', `Basic ${Buffer.from(b.cloud_api_key).toString('base64')}`],
      ['Kafka cluster key', basic(b.kafka_api_key, b.kafka_api_secret)],
    ];
    for (const [name, authorization] of cases) {
      const res = await get(url, authorization);
      assert.equal(res.status, 401, name);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Basic /, name);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, name);
      assert.deepEqual(await res.json(), {
        error: { code: 401, message: 'Unauthorized' }, code: 401, error_code: 401, message: 'Unauthorized',
      }, name);
    }
  });

  it('lets the cloud key through (any scheme case)', async () => {
    const b = cirrus!.bootstrap;
    for (const scheme of ['Basic', 'basic', 'BASIC']) {
      const auth = `${scheme} ${Buffer.from(`${b.cloud_api_key}:${b.cloud_api_secret}`).toString('base64')}`;
      const res = await get('/connect/v1/no-such-route', auth);
      assert.equal(res.status, 404, scheme);
      assert.equal(((await res.json()) as { error: { code: number } }).error.code, 404);
    }
  });

  it('stops every child on SIGTERM, then restarts with the same ids and keys', async () => {
    const runDir = path.join(config.home, 'run');
    const pids = fs.readdirSync(runDir).map((f) => Number(fs.readFileSync(path.join(runDir, f), 'utf8')));
    assert.equal(pids.length, 4, 'a broker and a pool for each of the two clusters');
    const first = cirrus!.bootstrap;
    assert.equal(await cirrus!.stop(), 0);
    cirrus = undefined;
    for (const pid of pids) assert.equal(fs.existsSync(`/proc/${pid}`), false, `JVM ${pid} is gone`);
    const secondBroker = Number(early.cluster!.body.spec.kafka_bootstrap_endpoint.split(':').pop());
    for (const port of [config.port, config.broker.port, config.broker.controllerPort, config.connect.port, secondBroker]) {
      assert.equal(await canConnect(port), false, `nothing listens on ${port}`);
    }

    cirrus = await startCirrus(config);
    assert.deepEqual(cirrus.bootstrap, first);
    const res = await get('/connect/v1/no-such-route', basic(first.cloud_api_key, first.cloud_api_secret));
    assert.equal(res.status, 404, 'the same cloud key still authenticates');
  });

  it('runs the early cluster on a broker and a pool of its own: its topics are not on the first broker (issue 7 #9)', async () => {
    const b = cirrus!.bootstrap;
    const admin = basic(b.cloud_api_key, b.cloud_api_secret);
    const post = (p: string, body: unknown) => fetch(`${b.endpoint}${p}`, { method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const lkc = early.cluster!.body.id;
    const env = early.environment!.id;
    const cluster = await (await get(`/cmk/v2/clusters/${lkc}?environment=${env}`, admin)).json() as Cluster;
    assert.equal(cluster.status.phase, 'PROVISIONED');
    const ownBroker = cluster.spec.kafka_bootstrap_endpoint.replace('PLAINTEXT://', '');
    assert.notEqual(ownBroker, b.kafka_bootstrap_servers, 'a broker of its own');
    assert.ok(fs.existsSync(path.join(config.home, 'clusters', lkc, 'kafka', 'data')), 'with a data directory of its own');

    const owner = (await (await get('/iam/v2/api-keys', admin)).json() as { data: { id: string; spec: { owner: { id: string } } }[] }).data[0]!.spec.owner.id;
    const key = await (await post('/iam/v2/api-keys', { spec: { owner: { id: owner }, resource: { id: lkc } } })).json() as { id: string; spec: { secret: string } };
    const connectors = `/connect/v1/environments/${env}/clusters/${lkc}/connectors`;
    const config2 = { 'connector.class': 'DatagenSource', 'kafka.api.key': key.id, 'kafka.api.secret': key.spec.secret, quickstart: 'USERS', 'tasks.max': '1', 'max.interval': '10' };
    const internal = await post(connectors, { name: 'poison', config: { ...config2, 'kafka.topic': `_cirrus-${b.connect_pool_id}-configs` } });
    assert.equal(internal.status, 400, 'internal topics are out of reach');
    const res = await post(connectors, { name: 'on second', config: { ...config2, 'kafka.topic': 'second-users' } });
    assert.equal(res.status, 201, await res.text());
    await eventually('RUNNING in the new pool', async () =>
      ((await (await get(`${connectors}/on%20second/status`, admin)).json()) as { connector: { state: string } }).connector.state === 'RUNNING', { timeoutMs: 120_000 });
    assert.ok((await readTopic(ownBroker, 'second-users', { atLeast: 3 })).length >= 3, 'records on the cluster\'s own broker');
    const firstBrokerTopics = await listTopics(b.kafka_bootstrap_servers);
    assert.equal(firstBrokerTopics.includes('second-users'), false, 'nothing of it on the first cluster\'s broker');
    assert.equal(firstBrokerTopics.some((t) => t.includes(lkc) || t.includes(String(cluster.id))), false);
  });

  it('deletes the cluster once its connector is gone from the engine: its broker, pool and data go (issue 7 #16)', async () => {
    const b = cirrus!.bootstrap;
    const admin = basic(b.cloud_api_key, b.cloud_api_secret);
    const lkc = early.cluster!.body.id;
    const env = early.environment!.id;
    const del = (p: string) => fetch(`${b.endpoint}${p}`, { method: 'DELETE', headers: { authorization: admin } });
    const pidFiles = () => fs.readdirSync(path.join(config.home, 'run'));
    const pids = pidFiles().filter((f) => f.includes(lkc) || !['broker.pid', `connect-${b.connect_pool_id}.pid`].includes(f))
      .map((f) => Number(fs.readFileSync(path.join(config.home, 'run', f), 'utf8')));
    assert.equal(pids.length, 2, 'the cluster\'s broker and pool');
    assert.equal((await del(`/connect/v1/environments/${env}/clusters/${lkc}/connectors/on%20second`)).status, 200);
    await eventually('the cluster can go', async () => (await del(`/cmk/v2/clusters/${lkc}?environment=${env}`)).status === 204, { timeoutMs: 60_000, intervalMs: 200 });
    await eventually('its JVMs stopped', async () => pids.every((pid) => !fs.existsSync(`/proc/${pid}`)), { timeoutMs: 60_000 });
    await eventually('its data removed', async () => !fs.existsSync(path.join(config.home, 'clusters', lkc)));
    assert.deepEqual(pidFiles().sort(), ['broker.pid', `connect-${b.connect_pool_id}.pid`].sort());
    const health = await (await get('/health')).json() as { status: string; brokers: unknown[]; pools: unknown[] };
    assert.equal(health.status, 'ready');
    assert.equal(health.brokers.length, 1);
  });

  it('keeps secrets out of every log file and the database', () => {
    const b = cirrus!.bootstrap;
    const files = [
      ...fs.readdirSync(path.join(config.home, 'logs')).map((f) => path.join(config.home, 'logs', f)),
      ...fs.readdirSync(config.home).filter((f) => f.startsWith('cirrus.db')).map((f) => path.join(config.home, f)),
    ];
    assert.ok(files.length >= 4);
    for (const file of files) {
      const content = fs.readFileSync(file);
      for (const secret of [b.cloud_api_secret, b.kafka_api_secret]) {
        assert.equal(content.includes(secret), false, `${path.basename(file)} holds no secret`);
      }
    }
  });
});
