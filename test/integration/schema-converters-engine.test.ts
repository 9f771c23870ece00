// Our AvroConverter (jvm/schema-converters, issue 14) on the real pool: loaded from its plugin.path
// folder by a Datagen source and our HTTP sink created straight over Kafka Connect's REST API. The
// source registers its schema and writes Confluent's wire format; the sink reads the schema back by
// id and delivers the same values. The registry here is a stand-in that speaks the four routes the
// converters call (Basic auth, path prefix, Confluent's error shape); Cirrus's own registry is
// proven against the same converters where it is served.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { readTopic } from '../harness/kafka.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const AVRO_CONVERTER = 'dev.cirrus.connect.schema.AvroConverter';
const PREFIX = '/schema-registry/lsrc-engine';
const USER_INFO = 'SRKEY:engine-registry-secret';

interface RegistryStub { url: string; calls: { method: string; path: string; authorization?: string }[]; close(): Promise<void> }

async function startRegistry(): Promise<RegistryStub> {
  const calls: RegistryStub['calls'] = [];
  const schemas: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://registry').pathname.slice(PREFIX.length);
      calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization });
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Basic ${Buffer.from(USER_INFO).toString('base64')}`) return send(401, { error_code: 40101, message: 'Unauthorized' });
      const byId = /^\/schemas\/ids\/(\d+)$/.exec(path);
      if (req.method === 'GET' && byId && schemas[Number(byId[1]) - 1]) return send(200, { schema: schemas[Number(byId[1]) - 1] });
      if (req.method === 'POST' && /^\/subjects\/[^/]+\/versions$/.test(path)) {
        const { schema } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { schema: string };
        if (!schemas.includes(schema)) schemas.push(schema);
        return send(200, { id: schemas.indexOf(schema) + 1 });
      }
      return send(404, { error_code: 40401, message: 'Subject not found.' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`, calls,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function startReceiver(): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { bodies.push(Buffer.concat(chunks).toString('utf8')); res.writeHead(200).end('ok'); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('AvroConverter on a real Kafka Connect pool', () => {
  let stack: StackInfo;
  let registry: RegistryStub;
  const created: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  before(async () => {
    stack = await sharedStack();
    registry = await startRegistry();
    closers.push(registry.close);
  });
  after(async () => {
    for (const name of created) await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${name}`);
    for (const close of closers) await close();
    await stopOwnStack();
  });

  const avroValues = () => ({
    'value.converter': AVRO_CONVERTER,
    'value.converter.schema.registry.url': registry.url,
    'value.converter.basic.auth.credentials.source': 'USER_INFO',
    'value.converter.basic.auth.user.info': USER_INFO,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
  });

  async function create(name: string, config: Record<string, string>): Promise<void> {
    const res = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`, { 'tasks.max': '1', ...avroValues(), ...config });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    created.push(name);
  }

  it('carries Datagen records as Avro in the wire format from a source to a sink', async () => {
    const id = randomUUID().slice(0, 8);
    const topic = `avro-pageviews-${id}`;
    await create(`avro-source-${id}`, {
      'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector', 'kafka.topic': topic,
      quickstart: 'pageviews', 'max.interval': '10', iterations: '30',
    });
    await waitUntilRunning(stack.connectUrl, `avro-source-${id}`, 1);
    const records = await readTopic(stack.bootstrapServers, topic, { atLeast: 30 });
    for (const record of records) {
      // Magic byte 0 and schema id 1, big-endian, before the Avro body.
      assert.deepEqual([...record.value.slice(0, 5)].map((c) => c.charCodeAt(0)), [0, 0, 0, 0, 1]);
    }
    const registered = registry.calls.filter((c) => c.method === 'POST');
    assert.deepEqual([...new Set(registered.map((c) => c.path))], [`/subjects/${topic}-value/versions`]);

    const receiver = await startReceiver();
    closers.push(receiver.close);
    await create(`avro-sink-${id}`, {
      'connector.class': 'dev.cirrus.connect.http.HttpSinkConnector', topics: topic,
      'http.api.url': `${receiver.url}/ingest`, 'batch.max.size': '10', 'batch.json.as.array': 'true',
    });
    await waitUntilRunning(stack.connectUrl, `avro-sink-${id}`, 1);
    const values = await eventually('30 pageviews at the receiver', async () => {
      const got = receiver.bodies.flatMap((b) => JSON.parse(b) as Record<string, unknown>[]);
      return got.length >= 30 ? got : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250 });
    for (const value of values) {
      assert.deepEqual(Object.keys(value).sort(), ['pageid', 'userid', 'viewtime']);
      assert.match(String(value.userid), /^User_[1-9]$/);
      assert.equal(typeof value.viewtime, 'number');
    }
    // Per-process caches: one lookup of id 1 for every record the sink read.
    assert.equal(registry.calls.filter((c) => c.method === 'GET' && c.path === '/schemas/ids/1').length, 1);
    assert.ok(registry.calls.every((c) => c.authorization?.startsWith('Basic ')));
  });
});
