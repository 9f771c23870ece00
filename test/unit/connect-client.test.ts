// The Connect REST client against a scripted HTTP server on a real socket: only rebalance 409s
// are retried; other errors and an unreachable pool surface at once.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConnectError, RestConnectClient } from '../../src/engine/connect-client.ts';

describe('Connect REST client', () => {
  let server: http.Server;
  let url: string;
  let script: { status: number; body: unknown; headers?: Record<string, string>; raw?: string }[] = [];
  let calls = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      calls += 1;
      req.resume();
      const next = script.shift() ?? { status: 200, body: {} };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.raw ?? JSON.stringify(next.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const client = new RestConnectClient({ attempts: 4, baseDelayMs: 1, maxDelayMs: 5 });
  const rebalancing = { status: 409, body: { error_code: 409, message: 'Cannot complete request momentarily due to stale configuration' } };

  it('retries 409s that say "Cannot complete request", then succeeds', async () => {
    script = [rebalancing, rebalancing, { status: 200, body: {} }];
    calls = 0;
    await client.pause(url, 'lcc-1');
    assert.equal(calls, 3);
  });

  it('gives up after the last attempt', async () => {
    script = [rebalancing, rebalancing, rebalancing, rebalancing];
    calls = 0;
    await assert.rejects(client.resume(url, 'lcc-1'), (err: unknown) => err instanceof ConnectError && err.status === 409);
    assert.equal(calls, 4);
  });

  it('does not retry other 409s (e.g. already exists) or 400s', async () => {
    for (const failure of [{ status: 409, body: { message: 'Connector lcc-1 already exists' } }, { status: 400, body: { message: 'bad config' } }]) {
      script = [failure];
      calls = 0;
      await assert.rejects(client.create(url, 'lcc-1', {}, 'RUNNING'), (err: unknown) => err instanceof ConnectError && err.status === failure.status);
      assert.equal(calls, 1);
    }
  });

  it('treats a 404 on delete as done', async () => {
    script = [{ status: 404, body: { message: 'Connector lcc-1 not found' } }];
    await client.delete(url, 'lcc-1');
  });

  it('reports an unreachable pool as status 0', async () => {
    await assert.rejects(client.list('http://127.0.0.1:9'), (err: unknown) => err instanceof ConnectError && err.unreachable);
  });

  it('lists connectors with config and status in one call', async () => {
    script = [{ status: 200, body: { 'lcc-1': { info: { config: { a: 'b' } }, status: { connector: { state: 'RUNNING' }, tasks: [] } } } }];
    const listed = await client.list(url);
    assert.deepEqual(listed.get('lcc-1'), { config: { a: 'b' }, status: { connector: { state: 'RUNNING' }, tasks: [] } });
  });

  // Issue 7 #4: what an arbitrary URL answers fails that pool's pass, and never travels far.
  it('refuses a malformed connector list instead of taking it for an empty pool', async () => {
    for (const body of [{ x: null }, [], 'text', { c: { info: { config: { a: 1 } } } }, { c: { status: { connector: {}, tasks: [] } } }]) {
      script = [{ status: 200, body }];
      await assert.rejects(client.list(url), (err: unknown) => err instanceof ConnectError && err.status === 502, JSON.stringify(body));
    }
  });

  it('never follows a redirect', async () => {
    script = [{ status: 302, body: {}, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }];
    await assert.rejects(client.list(url), (err: unknown) => err instanceof ConnectError && err.unreachable);
  });

  it("keeps only Connect's own error message, cut short; any other body is not repeated", async () => {
    script = [{ status: 404, body: undefined, raw: '<html>secret internal page</html>' }];
    await assert.rejects(client.pause(url, 'lcc-1'), (err: unknown) => err instanceof ConnectError && !err.message.includes('secret internal page'));
    script = [{ status: 400, body: { error_code: 400, message: 'x'.repeat(5000) } }];
    await assert.rejects(client.pause(url, 'lcc-1'), (err: unknown) => err instanceof ConnectError && err.message.length < 700);
  });
});
