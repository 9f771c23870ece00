// connect/v1 connector routes against the published spec and the client-driven rules of
// CONTRACT.md, produced by the real server over a socket (no engine here: status stays
// PROVISIONING; the integration tests drive Kafka Connect).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MASK } from '../../src/core/connector-config.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { adminClient } from '../harness/principals.ts';

const SERVER_KEYS = ['cloud.environment', 'cloud.provider', 'kafka.endpoint', 'kafka.region', 'kafka.dedicated'];

describe('connect/v1 connectors: contract', () => {
  let api: ApiApp;
  let c: ConnectV1Client;
  const config = (name: string, extra: Record<string, unknown> = {}) => datagenConfig(api.bootstrap, name, extra);

  before(async () => {
    api = await startApiApp();
    c = adminClient(api);
  });
  after(async () => api.close());

  it('lists an empty cluster as [] and, expanded, as {}', async () => {
    expectSpec(await c.call('GET', '/connectors'), 'get', '/connectors', 200);
    assert.deepEqual((await c.call('GET', '/connectors')).body, []);
    const expanded = await c.call('GET', '/connectors?expand=id');
    expectSpec(expanded, 'get', '/connectors?expand=info,status,id', 200);
    assert.deepEqual(expanded.body, {});
  });

  it('creates from raw JSON: 201, client keys plus exactly the server keys, secrets masked', async () => {
    const sent = config('raw json');
    const res = await c.call('POST', '/connectors', { name: 'raw json', config: sent });
    expectSpec(res, 'post', '/connectors', 201);
    const body = res.body as { name: string; type: string; config: Record<string, string>; tasks: unknown[]; offsets: unknown[] };
    assert.equal(body.name, 'raw json');
    assert.equal(body.type, 'source');
    assert.deepEqual(Object.keys(body.config).sort(), [...Object.keys(sent), ...SERVER_KEYS].sort());
    assert.equal(body.config['kafka.api.key'], MASK);
    assert.equal(body.config['kafka.api.secret'], MASK);
    assert.equal(body.config['cloud.environment'], 'prod');
    assert.equal(body.config['cloud.provider'], 'local');
    assert.match(body.config['kafka.endpoint']!, /^PLAINTEXT:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(body.tasks, []);
    assert.deepEqual(body.offsets, []);
  });

  it('creates from a form-encoded body (curl --data @file.json without -H) and stringifies numbers', async () => {
    const raw = JSON.stringify({ config: config('from file', { 'tasks.max': 1, 'max.interval': 250 }) });
    const res = await c.call('POST', '/connectors', undefined, { raw, contentType: 'application/x-www-form-urlencoded' });
    expectSpec(res, 'post', '/connectors', 201);
    const body = res.body as { name: string; config: Record<string, string> };
    assert.equal(body.name, 'from file', 'the name comes from config.name');
    assert.equal(body.config['tasks.max'], '1');
    assert.equal(body.config['max.interval'], '250');
  });

  it('reads the connector, its config and its tasks, masked, in the spec shapes', async () => {
    const read = await c.call('GET', '/connectors/raw%20json');
    expectSpec(read, 'get', '/connectors/{connector_name}', 200);
    assert.equal((read.body as { config: Record<string, string> }).config['kafka.api.secret'], MASK);
    const cfg = await c.call('GET', '/connectors/raw%20json/config');
    expectSpec(cfg, 'get', '/connectors/{connector_name}/config', 200);
    assert.equal((cfg.body as Record<string, string>)['kafka.api.key'], MASK);
    const tasks = await c.call('GET', '/connectors/raw%20json/tasks');
    expectSpec(tasks, 'get', '/connectors/{connector_name}/tasks', 200);
    const list = tasks.body as { id: { connector: string; task: number }; config: Record<string, string> }[];
    assert.deepEqual(list.map((t) => t.id), [{ connector: 'raw json', task: 0 }]);
    assert.equal(list[0]!.config['kafka.api.secret'], MASK);
  });

  it('reports PROVISIONING until the engine reports, with worker_id = name', async () => {
    const res = await c.call('GET', '/connectors/raw%20json/status');
    expectSpec(res, 'get', '/connectors/{connector_name}/status', 200);
    assert.deepEqual(res.body, { name: 'raw json', type: 'source', connector: { state: 'PROVISIONING', worker_id: 'raw json', trace: '' }, tasks: [] });
  });

  it('expands the union of every expand value (the Go SDK repeats it) and only the asked parts', async () => {
    const res = await c.call('GET', '/connectors?expand=info%2Cstatus&expand=id&expand=bogus');
    expectSpec(res, 'get', '/connectors?expand=info,status,id', 200);
    const map = res.body as Record<string, { id: { id: string; id_type: string }; info: { config: Record<string, string>; type: string }; status: { connector: { state: string } } }>;
    assert.deepEqual(Object.keys(map).sort(), ['from file', 'raw json']);
    assert.match(map['raw json']!.id.id, /^lcc-[a-z0-9]{6}$/);
    assert.equal(map['raw json']!.id.id_type, 'ID');
    assert.equal(map['raw json']!.info.type, 'source');
    assert.equal(map['raw json']!.info.config.type, undefined, 'type is never inside config');
    assert.equal(map['raw json']!.info.config['kafka.api.secret'], MASK);
    assert.equal(map['raw json']!.status.connector.state, 'PROVISIONING');
    const onlyId = (await c.call('GET', '/connectors?expand=id')).body as Record<string, object>;
    assert.deepEqual(Object.keys(onlyId['raw json']!), ['id']);
    assert.deepEqual((await c.call('GET', '/connectors?expand=')).body, ['from file', 'raw json']);
  });

  it('PUT config replaces (200), keeps a secret sent back masked, and creates when absent (200)', async () => {
    const current = (await c.call('GET', '/connectors/raw%20json/config')).body as Record<string, string>;
    const update: Record<string, string> = { ...current, 'max.interval': '5' };
    delete update['tasks.max'];
    const res = await c.call('PUT', '/connectors/raw%20json/config', update);
    expectSpec(res, 'put', '/connectors/{connector_name}/config', 200);
    const body = res.body as { config: Record<string, string> };
    assert.equal(body.config['max.interval'], '5');
    assert.equal(body.config['tasks.max'], undefined, 'omitted keys are deleted');
    const { connector } = await api.controlPlane.connectors.get({ environmentId: c.environmentId, clusterId: c.clusterId }, 'raw json');
    const stored = api.controlPlane.connectors.fullConfig(connector);
    assert.equal(stored['kafka.api.secret'], api.bootstrap.kafka_api_secret, 'the masked value kept the stored secret');

    const created = await c.call('PUT', '/connectors/via%20put/config', config('via put'));
    expectSpec(created, 'put', '/connectors/{connector_name}/config', 200);
    assert.equal((await c.call('GET', '/connectors/via%20put')).status, 200);
  });

  it('pauses and resumes with 202 and an empty body', async () => {
    for (const verb of ['pause', 'pause', 'resume', 'resume']) {
      const res = await c.call('PUT', `/connectors/raw%20json/${verb}`);
      assert.equal(res.status, 202);
      assert.equal(res.text, '');
    }
  });

  it('deletes with 200 {"error":null}; the name is then unknown, and free for a new id', async () => {
    const before = ((await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)['via put']!.id.id;
    const res = await c.call('DELETE', '/connectors/via%20put');
    expectSpec(res, 'delete', '/connectors/{connector_name}', 200);
    assert.equal(res.text, '{"error":null}');
    expectError(await c.call('GET', '/connectors/via%20put'), 404, /^resource not found$/);
    await c.call('POST', '/connectors', { name: 'via put', config: config('via put') });
    const after = ((await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)['via put']!.id.id;
    assert.notEqual(after, before);
  });

  it('accepts service-account mode instead of a Kafka key, and echoes exactly what was sent', async () => {
    const admin = basicAuth(api.bootstrap.cloud_api_key, api.bootstrap.cloud_api_secret);
    const sa = await (await fetch(`${api.url}/iam/v2/service-accounts`, {
      method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify({ display_name: 'datagen writer' }),
    })).json() as { id: string };
    const sent = config('as service account', { 'kafka.auth.mode': 'SERVICE_ACCOUNT', 'kafka.service.account.id': sa.id });
    delete sent['kafka.api.key'];
    delete sent['kafka.api.secret'];
    const res = await c.call('POST', '/connectors', { name: 'as service account', config: sent });
    expectSpec(res, 'post', '/connectors', 201);
    const body = res.body as { config: Record<string, string> };
    assert.equal(body.config['kafka.service.account.id'], sa.id);
    assert.deepEqual([body.config['kafka.api.key'], body.config['kafka.api.secret']], [MASK, MASK], 'required by the spec, so shown masked');
    const unknown = { ...sent, name: 'unknown sa', 'kafka.service.account.id': 'sa-nope00' };
    expectError(await c.call('POST', '/connectors', { name: 'unknown sa', config: unknown }), 400, /does not exist/);
  });

  it('lists the managed plugins', async () => {
    const res = await c.call('GET', '/connector-plugins');
    expectSpec(res, 'get', '/connector-plugins', 200);
    assert.deepEqual((res.body as { class: string; type: string }[]).map((p) => `${p.class}:${p.type}`), [
      'DatagenSource:source', 'PostgresCdcSourceV2:source', 'MySqlCdcSourceV2:source', 'PostgresSink:sink', 'MySqlSink:sink', 'S3_SINK:sink', 'HttpSink:sink',
    ]);
  });
});
