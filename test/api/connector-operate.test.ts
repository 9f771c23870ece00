// Issue 11 over HTTP, against the in-memory Connect and a fake clock: restart (per-task outcome,
// flags, errors), automatic restart with backoff for system errors only, the error class and the
// restarts in a status that stays valid against connect-v1.yaml, the history of mutations with
// masked config changes, the logs from the pool's file, and who may call what.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { FakeConnectClient } from '../harness/fake-connect.ts';
import { adminClient, keyWithRole } from '../harness/principals.ts';

const MINUTE = 60_000;
interface Status {
  connector: { state: string; error_code?: string; auto_restart?: { attempts: number; next_attempt_at: string | null } };
  tasks: { id: number; state: string; error_code?: string }[];
}

describe('operating connectors over the API (issue 11)', () => {
  let api: ApiApp;
  let c: ConnectV1Client;
  const engine = new FakeConnectClient();
  let clock = new Date('2026-12-01T10:00:00.000Z');
  const advance = (ms: number) => { clock = new Date(clock.getTime() + ms); };
  const idOf = async (name: string) => (await api.controlPlane.connectors.get({ environmentId: api.bootstrap.environment_id, clusterId: api.bootstrap.kafka_cluster_id }, name)).connector.id;
  const status = async (name: string) => (await c.call('GET', `/connectors/${name}/status`)).body as Status;
  const restarts = (id: string) => engine.log({ name: id }).filter((l) => l.startsWith('restart'));

  before(async () => {
    api = await startApiApp({ connectClient: engine, now: () => clock, autoRestart: { baseMs: MINUTE, maxMs: 60 * MINUTE } });
    api.dataPlane.urls[api.bootstrap.connect_pool_id] = 'http://connect.test';
    const b = api.bootstrap;
    c = adminClient(api);
    for (const name of ['sys', 'usr']) {
      expectSpec(await c.call('POST', '/connectors', { name, config: datagenConfig(b, name, { 'tasks.max': '2' }) }), 'post', '/connectors', 201);
    }
    await api.controlPlane.reconciler.pass();
  });
  after(async () => api.close());

  it('restarts a system failure after 1 min, then waits 2 min; the class and the schedule are in a valid status', async () => {
    const id = await idOf('sys');
    engine.failTasks(id, 'org.apache.kafka.connect.errors.ConnectException: java.net.ConnectException: Connection refused\n\tat x', [1]);
    await api.controlPlane.reconciler.pass();
    const failing = await status('sys');
    expectSpec(await c.call('GET', '/connectors/sys/status'), 'get', '/connectors/{connector_name}/status', 200);
    assert.equal(failing.connector.state, 'DEGRADED');
    assert.equal(failing.connector.error_code, 'SYSTEM_ERROR');
    assert.equal(failing.tasks[1]!.error_code, 'SYSTEM_ERROR');
    assert.equal(failing.tasks[0]!.error_code, undefined);
    assert.deepEqual(failing.connector.auto_restart, { attempts: 0, next_attempt_at: new Date(clock.getTime() + MINUTE).toISOString(), last_attempt_at: null });
    advance(MINUTE - 1);
    await api.controlPlane.reconciler.pass();
    assert.deepEqual(restarts(id), [], 'not before the minute is over');
    advance(1);
    await api.controlPlane.reconciler.pass();
    assert.deepEqual(restarts(id), [`restart ${id}`]);
    await api.controlPlane.reconciler.pass();
    const after1 = await status('sys');
    assert.equal(after1.connector.auto_restart?.attempts, 1);
    assert.equal(after1.connector.auto_restart?.next_attempt_at, new Date(clock.getTime() + 2 * MINUTE).toISOString());
    expectSpec(await c.call('GET', '/connectors/sys/status'), 'get', '/connectors/{connector_name}/status', 200);
    // Recovered: the class goes; after a stable stretch the count starts over.
    engine.healTasks(id);
    await api.controlPlane.reconciler.pass();
    assert.equal((await status('sys')).connector.error_code, undefined);
    advance(2 * MINUTE);
    await api.controlPlane.reconciler.pass();
    assert.equal((await status('sys')).connector.auto_restart, undefined);
  });

  it('classifies a wrong password as USER_ACTIONABLE_ERROR and never restarts it', async () => {
    const id = await idOf('usr');
    engine.failTasks(id, 'org.apache.kafka.connect.errors.ConnectException: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "writer"');
    for (let i = 0; i < 4; i++) {
      await api.controlPlane.reconciler.pass();
      advance(2 * 60 * MINUTE);
    }
    const s = await status('usr');
    assert.equal(s.connector.state, 'FAILED');
    assert.equal(s.connector.error_code, 'USER_ACTIONABLE_ERROR');
    assert.ok(s.tasks.every((t) => t.error_code === 'USER_ACTIONABLE_ERROR'));
    assert.equal(s.connector.auto_restart, undefined);
    assert.deepEqual(restarts(id), []);
  });

  it('restarts on request: the connector and its failed tasks by default, with the outcome per task', async () => {
    const id = await idOf('usr');
    const answer = await c.call('POST', '/connectors/usr/restart');
    assert.equal(answer.status, 202, answer.text);
    assert.deepEqual(answer.body, {
      name: 'usr', id, connector: { restarted: false, state: 'RUNNING' },
      tasks: [{ id: 0, restarted: true, state: 'RESTARTING' }, { id: 1, restarted: true, state: 'RESTARTING' }],
    });
    const all = await c.call('POST', '/connectors/sys/restart?include_tasks=true&only_failed=false');
    assert.deepEqual((all.body as { tasks: { restarted: boolean }[] }).tasks.map((t) => t.restarted), [true, true]);
    const alone = await c.call('POST', '/connectors/sys/restart?include_tasks=false&only_failed=false');
    assert.equal(alone.status, 202);
    assert.deepEqual((alone.body as { connector: unknown }).connector, { restarted: true, state: 'RESTARTING' });
  });

  it('answers restart errors in the connect/v1 shape', async () => {
    expectError(await c.call('POST', '/connectors/usr/restart?only_failed=maybe'), 400, /only_failed must be true or false/);
    expectError(await c.call('POST', '/connectors/nobody/restart'), 404, /not found/);
    // Stored but not yet in the engine (the reconciler has not run).
    await c.call('POST', '/connectors', { name: 'fresh', config: datagenConfig(api.bootstrap, 'fresh') });
    expectError(await c.call('POST', '/connectors/fresh/restart'), 409, /not in the engine yet/);
    engine.setUnreachable('http://connect.test');
    expectError(await c.call('POST', '/connectors/usr/restart'), 503, /cannot be reached/);
    engine.setUnreachable('http://connect.test', false);
  });

  it('keeps the history of every mutation: who, when, what changed (secrets masked), the outcome; paged', async () => {
    const b = api.bootstrap;
    const put = await c.call('PUT', '/connectors/sys/config', datagenConfig(b, 'sys', { 'tasks.max': '2', 'max.interval': '500', 'kafka.api.secret': b.kafka_api_secret }));
    assert.equal(put.status, 200, put.text);
    await c.call('PUT', '/connectors/sys/pause');
    const answer = await c.call('GET', '/connectors/sys/operations');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.text.includes(b.kafka_api_secret), false, 'no secret in the history');
    const body = answer.body as { kind: string; data: { operation: string; actor: string; outcome: string; changes: { key: string; change: string; before?: string; after?: string }[]; detail: Record<string, unknown> }[] };
    assert.equal(body.kind, 'ConnectorOperationList');
    const ops = body.data.map((o) => o.operation);
    assert.deepEqual(ops.slice(0, 3), ['connect.connector.pause', 'connect.connector.update', 'connect.connector.restart']);
    assert.ok(ops.includes('connect.connector.auto_restart') && ops.at(-1) === 'connect.connector.create', ops.join());
    const update = body.data[1]!;
    assert.ok(update.actor && update.actor !== 'system', 'the caller is recorded');
    assert.equal(update.outcome, 'accepted');
    assert.deepEqual(update.changes, [{ key: 'max.interval', change: 'changed', before: '1000', after: '500' }]);
    assert.equal(body.data.find((o) => o.operation === 'connect.connector.auto_restart')!.actor, 'system');
    const created = body.data.at(-1)!;
    assert.deepEqual(created.changes.find((ch) => ch.key === 'kafka.api.secret'), { key: 'kafka.api.secret', change: 'added', after: '****************' });
    const first = await c.call('GET', '/connectors/sys/operations?page_size=2');
    const page = first.body as { data: unknown[]; metadata: { next?: string } };
    assert.equal(page.data.length, 2);
    const second = await fetch(page.metadata.next!, { headers: { authorization: basicAuth(b.cloud_api_key, b.cloud_api_secret) } });
    assert.deepEqual(((await second.json()) as { data: { operation: string }[] }).data[0]!.operation, 'connect.connector.restart');
    expectError(await c.call('GET', '/connectors/sys/operations?page_size=0'), 400, /page_size/);
    expectError(await c.call('GET', '/connectors/nobody/operations'), 404, /not found/);
  });

  it('shows the connector\'s lines from its pool\'s log, newest first, filtered, bounded, secrets masked', async () => {
    const id = await idOf('sys');
    const other = await idOf('usr');
    const secret = api.bootstrap.kafka_api_secret;
    const file = path.join(api.home, 'connect-pool.log');
    fs.writeFileSync(file, [
      `[2026-12-01 10:00:00,000] INFO [${id}|worker] Starting connector (org.apache.kafka.connect.runtime.WorkerConnector)`,
      `[2026-12-01 10:00:01,000] INFO [${other}|task-0] Another connector's line (org.x.Y)`,
      `[2026-12-01 10:00:02,000] INFO Finished creating connector ${id} (org.apache.kafka.connect.runtime.Worker)`,
      `[2026-12-01 10:00:03,000] WARN [${id}|task-0] Retrying with password ${secret} (org.x.Sink)`,
      `[2026-12-01 10:00:04,000] ERROR [${id}|task-1] Task threw an uncaught exception (org.apache.kafka.connect.runtime.WorkerTask)`,
      'java.net.ConnectException: Connection refused',
      '\tat x.y(Z.java:1)',
      '',
    ].join('\n'));
    api.dataPlane.logFiles[api.bootstrap.connect_pool_id] = file;
    const answer = await c.call('GET', '/connectors/sys/logs');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.text.includes(secret), false, 'the secret is masked');
    const body = answer.body as { id: string; data: { level: string; context: string | null; message: string; logger: string }[] };
    assert.equal(body.id, id);
    assert.deepEqual(body.data.map((e) => [e.level, e.context]), [['ERROR', 'task-1'], ['WARN', 'task-0'], ['INFO', null], ['INFO', 'worker']]);
    assert.match(body.data[0]!.message, /uncaught exception\njava.net.ConnectException: Connection refused\n\tat x.y/);
    assert.equal(body.data[0]!.logger, 'org.apache.kafka.connect.runtime.WorkerTask');
    assert.match(body.data[1]!.message, /password \*{16}/);
    const logs = async (q: string) => ((await c.call('GET', `/connectors/sys/logs?${q}`)).body as { data: { level: string }[] }).data;
    assert.deepEqual((await logs('level=warn')).map((e) => e.level), ['ERROR', 'WARN']);
    assert.equal((await logs('search=STARTING')).length, 1);
    assert.equal((await logs('limit=1')).length, 1);
    assert.equal((await logs(`since=${encodeURIComponent(new Date('2026-12-01T10:00:02').toISOString())}`)).length, 3);
    expectError(await c.call('GET', '/connectors/sys/logs?level=LOUD'), 400, /level must be one of/);
    expectError(await c.call('GET', '/connectors/sys/logs?limit=5000'), 400, /limit must be an integer from 1 to 1000/);
    expectError(await c.call('GET', '/connectors/sys/logs?since=yesterday'), 400, /since/);
    delete api.dataPlane.logFiles[api.bootstrap.connect_pool_id];
    assert.deepEqual(((await c.call('GET', '/connectors/sys/logs')).body as { data: unknown[] }).data, [], 'a pool without a log here: no lines');
  });

  it('authorizes as the other connector routes: operate to restart, read for history and logs', async () => {
    const b = api.bootstrap;
    const crn = `crn://confluent.cloud/organization=${b.organization_id}/environment=${b.environment_id}/cloud-cluster=${b.kafka_cluster_id}`;
    const operator = new ConnectV1Client(api.url, (await keyWithRole(api, 'Operator', crn)).auth, b.environment_id, b.kafka_cluster_id);
    expectError(await operator.call('POST', '/connectors/sys/restart'), 403, /./);
    expectError(await operator.call('GET', '/connectors/sys/operations'), 403, /./);
    expectError(await operator.call('GET', '/connectors/sys/logs'), 403, /./);
    const manager = new ConnectV1Client(api.url, (await keyWithRole(api, 'ConnectManager', crn)).auth, b.environment_id, b.kafka_cluster_id);
    assert.equal((await manager.call('POST', '/connectors/sys/restart')).status, 202);
    assert.equal((await manager.call('GET', '/connectors/sys/operations')).status, 200);
    const anonymous = new ConnectV1Client(api.url, basicAuth('nobody', 'nothing'), b.environment_id, b.kafka_cluster_id);
    expectError(await anonymous.call('POST', '/connectors/sys/restart'), 401, /Unauthorized/);
  });
});
