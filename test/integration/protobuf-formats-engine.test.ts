// Issue 14, PROTOBUF end to end through the HTTP API and Cirrus's own registry: a DatagenSource
// with output.data.format=PROTOBUF registers `<topic>-value` as .proto text and writes Confluent's
// wire format (magic 0, the id, message index [0] as one byte 0, the message), which protobufjs
// (a reader Cirrus did not write) decodes with the registry's schema; an HttpSink with
// input.data.format=PROTOBUF reads the records back (through the registry's format=serialized
// descriptor) and delivers the same values, nested message included. Confluent's Python client
// (confluent-kafka, ProtobufSerializer / ProtobufDeserializer) on either side: its records, its
// schema registered its way (a base64 descriptor), read by an HttpSink; Datagen's records decoded by it.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import protobuf from 'protobufjs';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { confluentPython, runConfluentScript } from '../harness/confluent-python.ts';
import { produceBytes, readTopic } from '../harness/kafka.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';
import { adminClient } from '../harness/principals.ts';

const TOPIC = 'topic-pb_orders';
const RECORDS = 10;

interface Order { ordertime: number; orderid: number; itemid: string; orderunits: number; address: { city: string; state: string; zipcode: number } }

describe('PROTOBUF through the real engine and Cirrus\'s registry (issue 14)', { timeout: 900_000 }, () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  let receiver: http.Server;
  let receiverUrl: string;
  const bodies: { path: string; body: string }[] = [];
  const delivered = async <T>(path: string, count: number) => eventually(`${count} records at ${path}`, async () => {
    const got = bodies.filter((b) => b.path === path).flatMap((b) => JSON.parse(b.body) as T[]);
    return got.length >= count ? got : undefined;
  }, { timeoutMs: 120_000, intervalMs: 500 });
  const registryArgs = (topic: string) => {
    const b = api.bootstrap;
    return [b.schema_registry_endpoint, b.schema_registry_api_key, b.schema_registry_api_secret, topic];
  };

  before(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      req.on('end', () => { bodies.push({ path: req.url ?? '', body }); res.writeHead(200).end('ok'); });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    confluentPython();
    stack = await sharedStack();
    api = await startApiApp({ stack, allowLoopbackEgress: true });
    c = adminClient(api);
  });
  after(async () => {
    await api?.close();
    receiver?.closeAllConnections();
    receiver?.close();
    await stopOwnStack();
  });

  async function registry(path: string): Promise<Record<string, unknown>> {
    const b = api.bootstrap;
    const res = await fetch(`${b.schema_registry_endpoint}${path}`, { headers: { authorization: basicAuth(b.schema_registry_api_key, b.schema_registry_api_secret) } });
    assert.equal(res.status, 200, path);
    return await res.json() as Record<string, unknown>;
  }

  it('Datagen writes PROTOBUF that protobufjs decodes with the registered schema; an HttpSink reads the same values back', async () => {
    const source = await c.call('POST', '/connectors', {
      name: 'pb-orders', config: datagenConfig(api.bootstrap, 'pb-orders', { quickstart: 'ORDERS', 'kafka.topic': TOPIC, 'output.data.format': 'PROTOBUF', 'max.interval': '10', iterations: String(RECORDS) }),
    });
    expectSpec(source, 'post', '/connectors', 201);
    const records = await readTopic(stack.bootstrapServers, TOPIC, { atLeast: RECORDS });

    const latest = await registry(`/subjects/${TOPIC}-value/versions/latest`) as { id: number; schemaType: string; schema: string };
    assert.equal(latest.schemaType, 'PROTOBUF');
    assert.match(latest.schema, /message orders \{/);
    const type = protobuf.parse(latest.schema, { keepCase: true }).root.lookupType('ksql.orders');
    const written: Order[] = [];
    for (const { bytes } of records) {
      assert.deepEqual([bytes[0], bytes.readUInt32BE(1), bytes[5]], [0, latest.id, 0], 'magic byte, the registered id, message index [0]');
      // defaults: proto3 leaves zeros (orderid 0) off the wire; they read as 0.
      written.push(type.toObject(type.decode(bytes.subarray(6)), { longs: Number, defaults: true }) as Order);
    }
    assert.deepEqual(written.map((o) => o.orderid).sort((a, b) => a - b), Array.from({ length: RECORDS }, (_, i) => i));
    for (const order of written) {
      assert.match(order.itemid, /^Item_\d+$/);
      assert.match(order.address.city, /^City_\d+$/);
      assert.ok(order.address.zipcode >= 10_000 && order.address.zipcode < 100_000);
    }

    const sink = await c.call('POST', '/connectors', {
      name: 'pb-http', config: managedConfig(api.bootstrap, 'HttpSink', 'pb-http', {
        topics: TOPIC, 'input.data.format': 'PROTOBUF', 'http.api.url': `${receiverUrl}/orders`, 'auth.type': 'NONE',
        'batch.max.size': '5', 'batch.json.as.array': 'true',
      }),
    });
    expectSpec(sink, 'post', '/connectors', 201);
    const byId = (orders: Order[]) => [...orders].sort((a, b) => a.orderid - b.orderid);
    assert.deepEqual(byId(await delivered<Order>('/orders', RECORDS)), byId(written), 'the sink reads exactly what the source wrote');

    // The same records through Confluent's ProtobufDeserializer (int64 in protobuf's JSON mapping is a string).
    const decoded = await runConfluentScript('protobuf_interop.py', ['deserialize', ...registryArgs(TOPIC)], records.map((r) => r.bytes.toString('base64'))) as Record<string, unknown>[];
    const numeric = decoded.map((o) => {
      const address = o.address as Record<string, unknown>;
      return { ...o, ordertime: Number(o.ordertime), address: { ...address, zipcode: Number(address.zipcode) } } as unknown as Order;
    });
    assert.deepEqual(byId(numeric), byId(written));
  });

  it('ProtobufSerializer\'s records (its schema registered as a base64 descriptor, importing another file by reference) are read by an HttpSink with the same values', async () => {
    const topic = 'py-pb-orders';
    const orders = [
      { id: 1, item: 'kettle', price: 19.5, tags: ['steel'], total: { cents: 1950 } }, { id: 2, item: 'teapot', price: 7.25, tags: [], total: { cents: 725 } },
      { id: 0, item: '', price: 0, tags: ['a', 'b'], total: { cents: 0 } },
    ];
    const encoded = await runConfluentScript('protobuf_interop.py', ['serialize', ...registryArgs(topic)], orders) as string[];
    await produceBytes(stack.bootstrapServers, topic, encoded.map((e) => Buffer.from(e, 'base64')));
    const latest = await registry(`/subjects/${topic}-value/versions/latest`) as { schema: string };
    assert.match(latest.schema, /^syntax = "proto3";\npackage shop;\nimport "shop\/money\.proto";\nmessage Order \{/, 'kept as .proto text');
    assert.deepEqual((latest as unknown as { references: unknown }).references, [{ name: 'shop/money.proto', subject: 'shop/money.proto', version: 1 }]);
    const sink = await c.call('POST', '/connectors', {
      name: 'py-pb-http', config: managedConfig(api.bootstrap, 'HttpSink', 'py-pb-http', {
        topics: topic, 'input.data.format': 'PROTOBUF', 'http.api.url': `${receiverUrl}/py`, 'auth.type': 'NONE', 'batch.json.as.array': 'true',
      }),
    });
    expectSpec(sink, 'post', '/connectors', 201);
    const got = await delivered<{ id: number }>('/py', orders.length);
    assert.deepEqual([...got].sort((a, b) => a.id - b.id), [...orders].sort((a, b) => a.id - b.id));
  });
});
