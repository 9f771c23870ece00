// Our AvroConverter and JsonSchemaConverter (jvm/schema-converters, issue 14) on the real pool: loaded from its plugin.path
// folder by a Datagen source and our HTTP sink created straight over Kafka Connect's REST API. The
// source registers its schema and writes Confluent's wire format; the sink reads the schema back by
// id and delivers the same values. The registry is test/harness/registry-stub.ts until Cirrus's own
// is served.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { readTopic } from '../harness/kafka.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { converterConfig, startRegistryStub, type RegistryStub } from '../harness/registry-stub.ts';
import { eventually } from '../harness/wait.ts';

const CONVERTERS = { AVRO: 'dev.cirrus.connect.schema.AvroConverter', JSON_SR: 'dev.cirrus.connect.schema.JsonSchemaConverter' };

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

describe('Schema Registry converters on a real Kafka Connect pool', () => {
  let stack: StackInfo;
  let registry: RegistryStub;
  const created: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  before(async () => {
    stack = await sharedStack();
    registry = await startRegistryStub();
    closers.push(registry.close);
  });
  after(async () => {
    for (const name of created) await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${name}`);
    for (const close of closers) await close();
    await stopOwnStack();
  });

  async function create(name: string, converter: string, config: Record<string, string>): Promise<void> {
    const res = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`, {
      'tasks.max': '1', ...converterConfig(converter, registry), 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', ...config,
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    created.push(name);
  }

  for (const [format, converter] of Object.entries(CONVERTERS)) {
    it(`carries Datagen records as ${format} in the wire format from a source to a sink`, async () => {
      const id = randomUUID().slice(0, 8);
      const topic = `${format.toLowerCase()}-pageviews-${id}`;
      await create(`source-${id}`, converter, {
        'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector', 'kafka.topic': topic,
        quickstart: 'pageviews', 'max.interval': '10', iterations: '30',
      });
      await waitUntilRunning(stack.connectUrl, `source-${id}`, 1);
      const records = await readTopic(stack.bootstrapServers, topic, { atLeast: 30 });
      const registered = registry.calls.filter((c) => c.method === 'POST' && c.path === `/subjects/${topic}-value/versions`);
      assert.equal(registered.length, 1, 'one registration for all records (per-process cache)');
      const headers = new Set(records.map((r) => [...r.value.slice(0, 5)].map((c) => c.charCodeAt(0)).join(',')));
      // Magic byte 0 and one 4-byte big-endian schema id before every payload.
      assert.equal(headers.size, 1);
      const [magic, ...idBytes] = [...headers].join('').split(',').map(Number);
      assert.equal(magic, 0);
      const schemaId = idBytes.reduce((n, b) => n * 256 + b, 0);

      const receiver = await startReceiver();
      closers.push(receiver.close);
      await create(`sink-${id}`, converter, {
        'connector.class': 'dev.cirrus.connect.http.HttpSinkConnector', topics: topic,
        'http.api.url': `${receiver.url}/ingest`, 'batch.max.size': '10', 'batch.json.as.array': 'true',
        'cirrus.egress.loopback': 'true', // the receiver is on this host's loopback
      });
      await waitUntilRunning(stack.connectUrl, `sink-${id}`, 1);
      const values = await eventually('30 pageviews at the receiver', async () => {
        const got = receiver.bodies.flatMap((b) => JSON.parse(b) as Record<string, unknown>[]);
        return got.length >= 30 ? got : undefined;
      }, { timeoutMs: 60_000, intervalMs: 250 });
      for (const value of values) {
        assert.deepEqual(Object.keys(value).sort(), ['pageid', 'userid', 'viewtime']);
        assert.match(String(value.userid), /^User_[1-9]$/);
        assert.equal(typeof value.viewtime, 'number');
      }
      assert.equal(registry.calls.filter((c) => c.method === 'GET' && c.path === `/schemas/ids/${schemaId}`).length, 1);
      assert.ok(registry.calls.every((c) => c.authorization === `Basic ${Buffer.from(registry.userInfo).toString('base64')}`));
      const logs = path.join(stack.home, 'logs');
      for (const file of fs.readdirSync(logs)) {
        assert.ok(!fs.readFileSync(path.join(logs, file), 'utf8').includes(registry.userInfo.split(':')[1] ?? '-'), `the registry secret is in ${file}`);
      }
    });
  }

  it("is checked by Connect's own validation: a missing registry URL is named, the registry key comes back masked", async () => {
    const { json } = await connectRequest(stack.connectUrl, 'PUT', '/connector-plugins/DatagenSourceConnector/config/validate', {
      'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector', 'kafka.topic': 'validate-only', quickstart: 'pageviews',
      'value.converter': CONVERTERS.AVRO, 'value.converter.basic.auth.credentials.source': 'USER_INFO',
      'value.converter.basic.auth.user.info': registry.userInfo,
    });
    const configs = (json as { configs: { value: { name: string; value: string | null; errors: string[] } }[] }).configs;
    const url = configs.find((c) => c.value.name === 'value.converter.schema.registry.url');
    assert.ok(url && url.value.errors.length > 0, JSON.stringify(url));
    const userInfo = configs.find((c) => c.value.name === 'value.converter.basic.auth.user.info');
    assert.notEqual(userInfo?.value.value, registry.userInfo);
    assert.ok(!JSON.stringify(json).includes(registry.userInfo.split(':')[1] ?? 'secret'), 'the secret never comes back');
  });
});
