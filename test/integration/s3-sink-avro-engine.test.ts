// Our S3 sink (jvm/s3-sink) with format=AVRO on a real Kafka Connect pool, writing to moto's S3.
// Records arrive in Confluent's wire format (magic byte 0, schema id, Avro binary) written by avsc
// against the registry stub, are read by our AvroConverter, and must land as Avro container files
// that avsc reads back with the same values; a changed schema starts a new file.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Producer } from '@platformatic/kafka';
import avro from 'avsc';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { createTopic } from '../harness/kafka.ts';
import { startMoto, type MotoServer } from '../harness/moto.ts';
import { converterConfig, startRegistryStub, type RegistryStub } from '../harness/registry-stub.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const BUCKET = 'cirrus-s3-avro-test';
const CREDENTIALS = { accessKeyId: 'AKIDCIRRUSTEST', secretAccessKey: 'moto-does-not-check' };
const V1 = { type: 'record', name: 'Order', namespace: 'shop', fields: [
  { name: 'id', type: 'long' }, { name: 'item', type: ['null', 'string'], default: null },
  { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
] };
const V2 = { ...V1, fields: [...V1.fields, { name: 'qty', type: 'int', default: 1 }] };

interface Container { schema: { name?: string; fields?: { name: string }[] }; codec: string; values: Record<string, unknown>[] }

/** Reads an Avro object container file with avsc: its writer schema, codec and values. */
function readContainer(body: Uint8Array): Promise<Container> {
  return new Promise((resolve, reject) => {
    const decoder = new avro.streams.BlockDecoder();
    const found: Container = { schema: {}, codec: '', values: [] };
    decoder.on('metadata', (type: avro.Type, codec: string) => { found.schema = type.schema() as Container['schema']; found.codec = codec; });
    decoder.on('data', (value: Record<string, unknown>) => found.values.push({ ...value }));
    decoder.on('end', () => resolve(found));
    decoder.on('error', reject);
    decoder.end(Buffer.from(body));
  });
}

describe('S3 sink writing AVRO files on a real Kafka Connect pool', () => {
  let stack: StackInfo;
  let moto: MotoServer;
  let registry: RegistryStub;
  let s3: S3Client;
  const name = `s3-avro-${randomUUID().slice(0, 8)}`;
  const topic = `orders-${name}`;

  before(async () => {
    [moto, stack, registry] = await Promise.all([startMoto(), sharedStack(), startRegistryStub()]);
    s3 = new S3Client({ region: 'us-east-1', endpoint: moto.url, forcePathStyle: true, credentials: CREDENTIALS });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await createTopic(stack.bootstrapServers, topic);
  });
  after(async () => {
    if (stack) await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${name}`);
    s3?.destroy();
    await registry?.close();
    await moto?.stop();
    await stopOwnStack();
  });

  async function register(schema: object): Promise<number> {
    const res = await fetch(`${registry.url}/subjects/${topic}-value/versions`, {
      method: 'POST', body: JSON.stringify({ schema: JSON.stringify(schema) }),
      headers: { authorization: `Basic ${Buffer.from(registry.userInfo).toString('base64')}`, 'content-type': 'application/json' },
    });
    return ((await res.json()) as { id: number }).id;
  }

  /** Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), then Avro binary. */
  async function produce(schema: object, values: Record<string, unknown>[], timestamp: string): Promise<void> {
    const id = await register(schema);
    const type = avro.Type.forSchema(schema as avro.Schema);
    const header = Buffer.alloc(5);
    header.writeUInt32BE(id, 1);
    const producer = new Producer({ clientId: 'cirrus-test', bootstrapBrokers: stack.bootstrapServers.split(',') });
    try {
      await producer.send({ messages: values.map((v) => ({ topic, value: Buffer.concat([header, type.toBuffer(v)]), timestamp: BigInt(Date.parse(timestamp)) })) });
    } finally {
      await producer.close();
    }
  }

  it('writes one .avro container per schema, readable with the Avro library, holding the values', async () => {
    const at = Date.parse('2024-03-05T07:00:00Z'); // timestamp-millis: avsc writes the long as is
    await produce(V1, [0, 1, 2].map((id) => ({ id, item: id === 1 ? null : `item-${id}`, at })), '2024-03-05T07:10:00Z');
    await produce(V2, [3, 4].map((id) => ({ id, item: `item-${id}`, at, qty: id * 10 })), '2024-03-05T07:20:00Z');
    const created = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`, {
      'connector.class': 'dev.cirrus.connect.s3.S3SinkConnector', 'tasks.max': '1', topics: topic,
      ...converterConfig('dev.cirrus.connect.schema.AvroConverter', registry),
      's3.bucket.name': BUCKET, 'aws.access.key.id': CREDENTIALS.accessKeyId, 'aws.secret.access.key': CREDENTIALS.secretAccessKey,
      'store.url': moto.url, format: 'AVRO', 'avro.codec': 'deflate', 'flush.size': '10', 'rotate.schedule.interval.ms': '2000',
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    await waitUntilRunning(stack.connectUrl, name, 1);

    // flush.size 10 is never reached: the schema change closes V1's file at offset 3, and the
    // scheduled rotation uploads V2's.
    const dir = `topics/${topic}/year=2024/month=03/day=05/hour=07/`;
    const keys = [`${dir}${topic}+0+0000000000.avro`, `${dir}${topic}+0+0000000003.avro`];
    const listed = await eventually('both AVRO objects', async () => {
      const found = (await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `topics/${topic}/` }))).Contents ?? [];
      return found.length >= 2 ? found.map((o) => o.Key).sort() : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    assert.deepEqual(listed, keys);

    const [first, second] = await Promise.all(keys.map(async (Key) =>
      readContainer(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToByteArray())));
    assert.equal(first!.codec, 'deflate');
    assert.equal(first!.schema.name, 'shop.Order');
    assert.deepEqual(first!.schema.fields?.map((f) => f.name), ['id', 'item', 'at']);
    assert.deepEqual(second!.schema.fields?.map((f) => f.name), ['id', 'item', 'at', 'qty']);
    assert.deepEqual(first!.values, [0, 1, 2].map((id) => ({ id, item: id === 1 ? null : `item-${id}`, at })));
    assert.deepEqual(second!.values, [3, 4].map((id) => ({ id, item: `item-${id}`, at, qty: id * 10 })));
  });
});
