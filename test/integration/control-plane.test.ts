// The whole product as a user starts it: bootstrap identity, authenticated API over a real
// socket, clean stop, and a restart that keeps every id and key.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Config } from '../../src/config.ts';
import { hasApiKeyIdShape, hasApiKeySecretShape, hasIdShape } from '../../src/core/ids.ts';
import { canConnect } from '../../src/supervisor/broker.ts';
import { startCirrus, type CirrusProcess } from '../harness/cirrus-process.ts';
import { tempHome, testConfig } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

describe('control plane (npm start)', () => {
  let config: Config;
  let cirrus: CirrusProcess | undefined;

  before(async () => {
    config = await testConfig(await tempHome('control-plane'), { CIRRUS_LOG_LEVEL: 'debug' });
    cirrus = await startCirrus(config);
  });
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

  it('reports the broker and the pool ready on /health', async () => {
    const res = await get('/health');
    assert.equal(res.status, 200);
    const body = await res.json() as { status: string; broker: { state: string }; pools: Record<string, { state: string }> };
    assert.equal(body.status, 'ready');
    assert.equal(body.broker.state, 'ready');
    assert.equal(body.pools[cirrus!.bootstrap.connect_pool_id]?.state, 'ready');
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
    assert.equal(pids.length, 2, 'a broker and one pool');
    const first = cirrus!.bootstrap;
    assert.equal(await cirrus!.stop(), 0);
    cirrus = undefined;
    for (const pid of pids) assert.equal(fs.existsSync(`/proc/${pid}`), false, `JVM ${pid} is gone`);
    for (const port of [config.port, config.broker.port, config.broker.controllerPort, config.connect.port]) {
      assert.equal(await canConnect(port), false, `nothing listens on ${port}`);
    }

    cirrus = await startCirrus(config);
    assert.deepEqual(cirrus.bootstrap, first);
    const res = await get('/connect/v1/no-such-route', basic(first.cloud_api_key, first.cloud_api_secret));
    assert.equal(res.status, 404, 'the same cloud key still authenticates');
  });

  it('gives a new cmk/v2 cluster on the embedded broker its own Connect pool, stopped with the rest', async () => {
    const b = cirrus!.bootstrap;
    const admin = basic(b.cloud_api_key, b.cloud_api_secret);
    const post = (p: string, body: unknown) => fetch(`${b.endpoint}${p}`, { method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post('/cmk/v2/clusters', { spec: {
      display_name: 'second', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: b.environment_id },
    } });
    assert.equal(created.status, 202);
    const lkc = (await created.json() as { id: string }).id;
    await eventually('the new pool is provisioned', async () => {
      const res = await get(`/cmk/v2/clusters/${lkc}?environment=${b.environment_id}`, admin);
      return ((await res.json()) as { status: { phase: string } }).status.phase === 'PROVISIONED';
    }, { timeoutMs: 120_000, intervalMs: 500 });
    assert.equal(fs.readdirSync(path.join(config.home, 'run')).length, 3, 'broker + two pools');
    const owner = (await (await get('/iam/v2/api-keys', admin)).json() as { data: { id: string; spec: { owner: { id: string } } }[] }).data[0]!.spec.owner.id;
    const key = await (await post('/iam/v2/api-keys', { spec: { owner: { id: owner }, resource: { id: lkc } } })).json() as { id: string; spec: { secret: string } };
    const connectors = `/connect/v1/environments/${b.environment_id}/clusters/${lkc}/connectors`;
    const res = await post(connectors, { name: 'on second', config: {
      'connector.class': 'DatagenSource', 'kafka.api.key': key.id, 'kafka.api.secret': key.spec.secret, 'kafka.topic': 'second', quickstart: 'USERS', 'tasks.max': '1',
    } });
    assert.equal(res.status, 201, await res.text());
    await eventually('RUNNING in the new pool', async () =>
      ((await (await get(`${connectors}/on%20second/status`, admin)).json()) as { connector: { state: string } }).connector.state === 'RUNNING', { timeoutMs: 120_000 });
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
