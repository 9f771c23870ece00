// Our HTTP sink on the real pool: created straight over Kafka Connect's REST API, sending to a
// local Node receiver; failed batches go to a dead letter queue read back with a Kafka client.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { produce, readTopic } from '../harness/kafka.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const HTTP_SINK = 'dev.cirrus.connect.http.HttpSinkConnector';
const JSON_VALUES = {
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': 'false',
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
};

interface Received { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

/** A local HTTP endpoint that records every request and answers `status`. */
async function startReceiver(status: number): Promise<{ url: string; requests: Received[]; close: () => Promise<void> }> {
  const requests: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? 'receiver refuses: try later' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function orders(count: number): { key: string; value: string }[] {
  return Array.from({ length: count }, (_, i) => ({ key: `o${i}`, value: JSON.stringify({ orderid: i, item: `Item_${i}` }) }));
}

describe('HTTP sink on a real Kafka Connect pool', () => {
  let stack: StackInfo;
  const created: string[] = [];
  const receivers: { close: () => Promise<void> }[] = [];

  before(async () => {
    stack = await sharedStack();
  });
  after(async () => {
    for (const name of created) await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${name}`);
    for (const r of receivers) await r.close();
    await stopOwnStack();
  });

  async function create(name: string, config: Record<string, string>): Promise<void> {
    const res = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`, {
      // The receivers listen on loopback, which the connector calls only when told it may.
      'connector.class': HTTP_SINK, 'tasks.max': '1', ...JSON_VALUES, 'cirrus.egress.loopback': 'true', ...config,
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    created.push(name);
  }

  it('is offered by the pool as a sink plugin', async () => {
    const { json } = await connectRequest(stack.connectUrl, 'GET', '/connector-plugins');
    const plugin = (json as { class: string; type: string }[]).find((p) => p.class === HTTP_SINK);
    assert.equal(plugin?.type, 'sink', `${HTTP_SINK} is missing from the pool's plugins`);
  });

  /** A receiver answering `status`, and a topic of its own holding `count` orders. */
  const setUp = async (status: number, count: number) => {
    const receiver = await startReceiver(status);
    receivers.push(receiver);
    const name = `http-sink-${randomUUID().slice(0, 8)}`;
    const topic = `topic-${name}`;
    await produce(stack.bootstrapServers, topic, orders(count));
    return { receiver, name, topic };
  };

  it('sends every record, in JSON array batches of up to batch.max.size, with the bearer token', async () => {
    const { receiver, name, topic } = await setUp(200, 12);
    await create(name, {
      topics: topic, 'http.api.url': `${receiver.url}/ingest`, 'batch.max.size': '5', 'batch.json.as.array': 'true',
      'auth.type': 'BEARER', 'bearer.token': 'engine-token', headers: 'X-Source:cirrus',
    });
    await waitUntilRunning(stack.connectUrl, name, 1);
    const ids = await eventually('all 12 records at the receiver', async () => {
      const got = receiver.requests.flatMap((r) => JSON.parse(r.body) as { orderid: number }[]).map((o) => o.orderid);
      return new Set(got).size === 12 ? got : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250 });
    assert.deepEqual([...new Set(ids)].sort((a, b) => a - b), [...Array(12).keys()]);
    for (const r of receiver.requests) {
      assert.equal(r.method, 'POST');
      assert.equal(r.url, '/ingest');
      assert.equal(r.headers.authorization, 'Bearer engine-token');
      assert.equal(r.headers['x-source'], 'cirrus');
      assert.equal(r.headers['content-type'], 'application/json');
      const batch = JSON.parse(r.body) as unknown[];
      assert.ok(Array.isArray(batch) && batch.length >= 1 && batch.length <= 5, r.body);
    }
    assert.ok(receiver.requests.some((r) => (JSON.parse(r.body) as unknown[]).length > 1), 'records were batched');
  });

  it('sends a batch that still fails after its retries to the DLQ with error context headers', async () => {
    const { receiver, name, topic } = await setUp(500, 3);
    const dlq = `dlq-${name}`;
    await create(name, {
      topics: topic, 'http.api.url': `${receiver.url}/failing`, 'batch.max.size': '5',
      'max.retries': '1', 'retry.backoff.ms': '10',
      'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': dlq,
      'errors.deadletterqueue.topic.replication.factor': '1', 'errors.deadletterqueue.context.headers.enable': 'true',
    });
    await waitUntilRunning(stack.connectUrl, name, 1);
    const records = await readTopic(stack.bootstrapServers, dlq, { atLeast: 3, timeoutMs: 60_000 });
    assert.deepEqual(records.map((r) => r.key).sort(), ['o0', 'o1', 'o2']);
    for (const record of records) {
      const h = record.headers;
      assert.equal(h['__connect.errors.topic'], topic);
      assert.equal(h['__connect.errors.connector.name'], name);
      assert.equal(h['__connect.errors.exception.class.name'], 'dev.cirrus.connect.http.HttpDeliveryException');
      assert.match(h['__connect.errors.exception.message'] ?? '', /HTTP 500 .*after 2 attempts.*receiver refuses/);
      assert.deepEqual(JSON.parse(record.value), { orderid: Number(record.key.slice(1)), item: `Item_${record.key.slice(1)}` });
    }
    assert.ok(receiver.requests.length >= 2, 'the failing batch was retried');
    const { json } = await connectRequest(stack.connectUrl, 'GET', `/connectors/${name}/status`);
    assert.equal((json as { tasks: { state: string }[] }).tasks[0]?.state, 'RUNNING', 'the task goes on');
  });

  it('refuses this host\'s loopback unless allowed: the task fails, nothing is sent, nothing goes to the DLQ', async () => {
    const { receiver, name, topic } = await setUp(200, 2);
    // A name that passed validation and resolves to loopback later looks to the engine just like
    // this URL: the guard judges the address at each request.
    await create(name, {
      topics: topic, 'http.api.url': `${receiver.url.replace('127.0.0.1', 'localhost')}/ingest`, 'cirrus.egress.loopback': 'false',
      'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': `dlq-${name}`, 'errors.deadletterqueue.topic.replication.factor': '1',
    });
    const trace = await eventually('the task to fail', async () => {
      const { json } = await connectRequest(stack.connectUrl, 'GET', `/connectors/${name}/status`);
      const task = (json as { tasks?: { state: string; trace?: string }[] }).tasks?.[0];
      return task?.state === 'FAILED' ? task.trace ?? '' : undefined;
    });
    assert.match(trace, /Refusing to send to localhost: it resolves to .*loopback, which is not allowed/);
    assert.equal(receiver.requests.length, 0);
  });
});
