// Issue 11 with the real engine: an HttpSink whose receiver goes away (errors.tolerance=none)
// fails for a system reason, is restarted automatically with a growing wait and recovers once
// the receiver is back; its lines are in its logs by its id. A receiver refusing the token
// (401) is USER_ACTIONABLE_ERROR and never restarted; once it takes it, a manual restart brings
// the task back. A PostgresSink given a wrong password is a user error too, though the JDBC
// sink's task trace only says "Unable to determine Dialect without JDBC metadata": the refusal is
// in its WARN line, which Cirrus reads as evidence.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { startPostgres } from '../harness/postgres.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';
import { adminClient } from '../harness/principals.ts';

interface Status {
  connector: { state: string; error_code?: string; auto_restart?: { attempts: number; next_attempt_at: string | null } };
  tasks: { id: number; state: string; error_code?: string; msg: string }[];
}

describe('operating connectors on the real engine (issue 11)', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  let receiver: http.Server;
  let port = 0;
  let delivered = 0;
  let denying = false;
  const TOKEN = `tok-${Math.random().toString(36).slice(2)}-secret`;

  const status = async (name: string) => (await c.call('GET', `/connectors/${name}/status`)).body as Status;
  const until = (what: string, name: string, check: (s: Status) => boolean, timeoutMs = 120_000) =>
    eventually(what, async () => { const s = await status(name); return check(s) ? s : undefined; }, { timeoutMs, intervalMs: 500 });
  const openReceiver = () => new Promise<void>((resolve) => {
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (denying && req.url === '/deny') return void res.writeHead(401).end('unauthorized');
        delivered++;
        res.writeHead(200).end('ok');
      });
    });
    receiver.listen(port, '127.0.0.1', () => { port = (receiver.address() as AddressInfo).port; resolve(); });
  });
  const closeReceiver = () => new Promise<void>((resolve) => { receiver.close(() => resolve()); receiver.closeAllConnections(); });

  before(async () => {
    await openReceiver();
    stack = await sharedStack();
    api = await startApiApp({ stack, allowLoopbackEgress: true, autoRestart: { baseMs: 2000, maxMs: 4000 } });
    const b = api.bootstrap;
    c = adminClient(api);
    await c.call('POST', '/connectors', { name: 'op-src', config: datagenConfig(b, 'op-src', { 'max.interval': '100' }) });
  });
  after(async () => {
    await api?.close();
    receiver?.close();
    await stopOwnStack();
  });

  it('restarts an HttpSink whose receiver went away, with a growing wait, until it recovers', async () => {
    const config = managedConfig(api.bootstrap, 'HttpSink', 'op-http', {
      topics: 'topic-op_src', 'input.data.format': 'JSON', 'http.api.url': `http://127.0.0.1:${port}/in`,
      'errors.tolerance': 'none', 'max.retries': '1', 'retry.backoff.ms': '10', 'http.connect.timeout.ms': '1000',
    });
    expectSpec(await c.call('POST', '/connectors', { name: 'op-http', config }), 'post', '/connectors', 201);
    await until('op-http RUNNING', 'op-http', (s) => s.connector.state === 'RUNNING');
    await eventually('records delivered', async () => delivered > 0, { timeoutMs: 60_000 });
    await closeReceiver();
    const failing = await until('a system error', 'op-http', (s) => s.connector.error_code === 'SYSTEM_ERROR');
    assert.equal(failing.tasks[0]!.error_code, 'SYSTEM_ERROR', failing.tasks[0]!.msg);
    expectSpec(await c.call('GET', '/connectors/op-http/status'), 'get', '/connectors/{connector_name}/status', 200);
    // Restarted while the receiver is still away: it fails again and the next wait is longer.
    const twice = await until('two automatic restarts', 'op-http', (s) => (s.connector.auto_restart?.attempts ?? 0) >= 2, 60_000);
    assert.ok(twice.connector.auto_restart);
    const before = delivered;
    await openReceiver();
    await until('op-http RUNNING again', 'op-http', (s) => s.connector.state === 'RUNNING' && s.tasks.every((t) => t.state === 'RUNNING'), 60_000);
    await eventually('records delivered again', async () => delivered > before, { timeoutMs: 60_000 });
    const history = (await c.call('GET', '/connectors/op-http/operations?page_size=100')).body as { data: { operation: string; actor: string }[] };
    assert.ok(history.data.filter((o) => o.operation === 'connect.connector.auto_restart' && o.actor === 'system').length >= 2);
    // Its lines, by its id: the task's failure among them.
    const logs = (await c.call('GET', '/connectors/op-http/logs?level=ERROR&limit=50')).body as { data: { level: string; context: string | null; message: string }[] };
    assert.ok(logs.data.some((e) => e.context === 'task-0' && /ConnectException|HTTP request/.test(e.message)), JSON.stringify(logs.data.slice(0, 3)));
    assert.ok(logs.data.every((e) => e.level === 'ERROR'));
  });

  it('does not restart a receiver refusing the credentials (USER_ACTIONABLE_ERROR); a manual restart after the fix does', async () => {
    denying = true;
    const config = managedConfig(api.bootstrap, 'HttpSink', 'op-deny', {
      topics: 'topic-op_src', 'input.data.format': 'JSON', 'http.api.url': `http://127.0.0.1:${port}/deny`, 'auth.type': 'BEARER', 'bearer.token': TOKEN,
      'errors.tolerance': 'none', 'max.retries': '1', 'retry.backoff.ms': '10',
    });
    expectSpec(await c.call('POST', '/connectors', { name: 'op-deny', config }), 'post', '/connectors', 201);
    const failed = await until('a user error', 'op-deny', (s) => s.connector.error_code === 'USER_ACTIONABLE_ERROR');
    assert.equal(failed.tasks[0]!.error_code, 'USER_ACTIONABLE_ERROR', failed.tasks[0]!.msg);
    expectSpec(await c.call('GET', '/connectors/op-deny/status'), 'get', '/connectors/{connector_name}/status', 200);
    // Three times the longest automatic wait: still failed, never restarted.
    await new Promise((r) => setTimeout(r, 12_000));
    const still = await status('op-deny');
    assert.equal(still.tasks[0]!.state, 'FAILED');
    assert.equal(still.connector.auto_restart, undefined);
    const history = (await c.call('GET', '/connectors/op-deny/operations')).body as { data: { operation: string }[] };
    assert.equal(history.data.some((o) => o.operation === 'connect.connector.auto_restart'), false);
    const logs = await c.call('GET', '/connectors/op-deny/logs?limit=1000');
    assert.equal(logs.text.includes(TOKEN), false, 'the token is nowhere in the logs');

    // The user fixes the cause (the receiver now takes the token), then restarts.
    denying = false;
    const restarted = await c.call('POST', '/connectors/op-deny/restart');
    assert.equal(restarted.status, 202, restarted.text);
    assert.deepEqual((restarted.body as { tasks: { id: number; restarted: boolean }[] }).tasks, [{ id: 0, restarted: true, state: 'RESTARTING' }]);
    await until('op-deny RUNNING', 'op-deny', (s) => s.connector.state === 'RUNNING' && s.tasks.every((t) => t.state === 'RUNNING'));
  });

  it('does not restart a PostgresSink whose database refuses its password (USER_ACTIONABLE_ERROR, from its warning)', async () => {
    const pg = await startPostgres();
    try {
      const config = managedConfig(api.bootstrap, 'PostgresSink', 'op-pg', {
        topics: 'topic-op_src', 'input.data.format': 'JSON', 'connection.host': pg.host, 'connection.port': String(pg.port), 'connection.user': pg.user,
        'connection.password': 'not-the-password', 'db.name': pg.database, 'errors.tolerance': 'none',
      });
      expectSpec(await c.call('POST', '/connectors', { name: 'op-pg', config }), 'post', '/connectors', 201);
      const failed = await until('a user error', 'op-pg', (s) => s.connector.error_code === 'USER_ACTIONABLE_ERROR');
      assert.ok(failed.tasks.some((t) => t.state === 'FAILED' || failed.connector.state === 'FAILED'));
      await new Promise((r) => setTimeout(r, 12_000));
      const still = await status('op-pg');
      assert.equal(still.connector.error_code, 'USER_ACTIONABLE_ERROR');
      assert.equal(still.connector.auto_restart, undefined, 'never restarted');
    } finally {
      await c.call('DELETE', '/connectors/op-pg');
      await pg.stop();
    }
  });
});
