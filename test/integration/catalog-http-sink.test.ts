// Issue 10, end to end through the HTTP API only: DatagenSource → topic → HttpSink → a local
// receiver gets the records in batches, with the bearer token; a receiver answering 500 sends
// the records to the connector's dead letter queue after the retries, the error in headers.
// The token is nowhere: not in answers, the API log, the store, the engine's config or logs.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { readTopic } from '../harness/kafka.ts';
import { assertSecretsNowhere } from '../harness/secret-leaks.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { terraformCreate } from '../harness/terraform-flow.ts';
import { eventually } from '../harness/wait.ts';
import { adminClient } from '../harness/principals.ts';

const TOKEN = `tok-${Math.random().toString(36).slice(2)}-secret`;

interface Received { path: string; auth: string | undefined; body: string }

describe('HttpSink through the API (issue 10)', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Received[] = [];

  before(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      req.on('end', () => {
        received.push({ path: req.url ?? '', auth: req.headers.authorization, body });
        res.writeHead(req.url === '/fail' ? 500 : 200).end(req.url === '/fail' ? 'receiver down' : 'ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    stack = await sharedStack();
    api = await startApiApp({ stack, allowLoopbackEgress: true });
    const b = api.bootstrap;
    c = adminClient(api);
    const source = await c.call('POST', '/connectors', { name: 'http-src', config: datagenConfig(b, 'http-src', { 'max.interval': '10', iterations: '20' }) });
    expectSpec(source, 'post', '/connectors', 201);
  });
  after(async () => {
    await api?.close();
    receiver?.close();
    await stopOwnStack();
  });

  const idOf = async (name: string) => ((await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)[name]!.id.id;

  it('delivers the records in batches with the bearer token, which is masked and never stored or sent in plain text', async () => {
    const config = managedConfig(api.bootstrap, 'HttpSink', 'http-ok', {
      topics: 'topic-http_src', 'input.data.format': 'JSON', 'http.api.url': `${receiverUrl}/ok`, 'auth.type': 'BEARER', 'bearer.token': TOKEN,
      'batch.max.size': '5', 'batch.json.as.array': 'true',
    });
    await terraformCreate(c, 'http-ok', config, ['kafka.api.key', 'kafka.api.secret', 'bearer.token']);
    const batches = await eventually('20 records delivered', async () => {
      const ok = received.filter((r) => r.path === '/ok');
      return ok.flatMap((r) => JSON.parse(r.body) as unknown[]).length >= 20 ? ok : undefined;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    assert.ok(batches.every((r) => r.auth === `Bearer ${TOKEN}`), 'each request carries the token');
    const sizes = batches.map((r) => (JSON.parse(r.body) as unknown[]).length);
    assert.ok(sizes.every((n) => n >= 1 && n <= 5), `batches of at most 5: ${sizes.join(',')}`);
    const record = (JSON.parse(batches[0]!.body) as Record<string, unknown>[])[0]!;
    assert.deepEqual(Object.keys(record).sort(), ['pageid', 'userid', 'viewtime']);
    await assertSecretsNowhere(api, stack, await idOf('http-ok'), [TOKEN]);
  });

  it('sends what the receiver refuses to dlq-<connector id>, with the failure in headers, and keeps running', async () => {
    const config = managedConfig(api.bootstrap, 'HttpSink', 'http-fail', {
      topics: 'topic-http_src', 'input.data.format': 'JSON', 'http.api.url': `${receiverUrl}/fail`, 'max.retries': '1', 'retry.backoff.ms': '10',
    });
    expectSpec(await c.call('POST', '/connectors', { name: 'http-fail', config }), 'post', '/connectors', 201);
    const id = await idOf('http-fail');
    const dead = await readTopic(stack.bootstrapServers, `dlq-${id}`, { atLeast: 20, timeoutMs: 120_000 });
    const headers = dead[0]!.headers ?? {};
    assert.match(String(headers['__connect.errors.exception.message']), /HTTP 500/);
    assert.equal(String(headers['__connect.errors.topic']), 'topic-http_src');
    assert.ok(received.some((r) => r.path === '/fail'), 'the receiver was tried');
    const status = (await c.call('GET', '/connectors/http-fail/status')).body as { connector: { state: string } };
    assert.equal(status.connector.state, 'RUNNING');
  });
});
