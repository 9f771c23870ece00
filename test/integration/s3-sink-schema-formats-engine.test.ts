// Our S3 sink (jvm/s3-sink) with format=AVRO and format=PARQUET on a real Kafka Connect pool,
// writing to moto's S3. Records arrive in Confluent's wire format (magic byte 0, schema id, Avro
// binary) written by avsc against the registry stub and are read by our AvroConverter. The objects
// are read back by readers Cirrus did not write (avsc for Avro container files, hyparquet for
// Parquet) and must hold the same values; a changed schema starts a new object.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Producer } from '@platformatic/kafka';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { createTopic } from '../harness/kafka.ts';
import avro from 'avsc';
import { readContainer } from '../harness/avro-files.ts';
import { startMoto, type MotoServer } from '../harness/moto.ts';
import { converterConfig, startRegistryStub, type RegistryStub } from '../harness/registry-stub.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const BUCKET = 'cirrus-s3-schema-formats-test';
const CREDENTIALS = { accessKeyId: 'AKIDCIRRUSTEST', secretAccessKey: 'moto-does-not-check' };
const V1 = { type: 'record', name: 'Order', namespace: 'shop', fields: [
  { name: 'id', type: 'long' }, { name: 'item', type: ['null', 'string'], default: null },
  { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
] };
const V2 = { ...V1, fields: [...V1.fields, { name: 'qty', type: 'int', default: 1 }] };
const AT = Date.parse('2024-03-05T07:00:00Z'); // timestamp-millis: avsc writes the long as is
const V1_VALUES = [0, 1, 2].map((id) => ({ id, item: id === 1 ? null : `item-${id}`, at: AT }));
const V2_VALUES = [3, 4].map((id) => ({ id, item: `item-${id}`, at: AT, qty: id * 10 }));

describe('S3 sink writing AVRO and PARQUET files on a real Kafka Connect pool', () => {
  let stack: StackInfo;
  let moto: MotoServer;
  let registry: RegistryStub;
  let s3: S3Client;
  const created: string[] = [];

  before(async () => {
    [moto, stack, registry] = await Promise.all([startMoto(), sharedStack(), startRegistryStub()]);
    s3 = new S3Client({ region: 'us-east-1', endpoint: moto.url, forcePathStyle: true, credentials: CREDENTIALS });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    for (const name of created) await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${name}`);
    s3?.destroy();
    await registry?.close();
    await moto?.stop();
    await stopOwnStack();
  });

  async function register(topic: string, schema: object): Promise<number> {
    const res = await fetch(`${registry.url}/subjects/${topic}-value/versions`, {
      method: 'POST', body: JSON.stringify({ schema: JSON.stringify(schema) }),
      headers: { authorization: `Basic ${Buffer.from(registry.userInfo).toString('base64')}`, 'content-type': 'application/json' },
    });
    return ((await res.json()) as { id: number }).id;
  }

  /** Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), then Avro binary. */
  async function produce(topic: string, schema: object, values: object[], timestamp: string): Promise<void> {
    const header = Buffer.alloc(5);
    header.writeUInt32BE(await register(topic, schema), 1);
    const type = avro.Type.forSchema(schema as avro.Schema);
    const producer = new Producer({ clientId: 'cirrus-test', bootstrapBrokers: stack.bootstrapServers.split(',') });
    try {
      await producer.send({ messages: values.map((v) => ({ topic, value: Buffer.concat([header, type.toBuffer(v)]), timestamp: BigInt(Date.parse(timestamp)) })) });
    } finally {
      await producer.close();
    }
  }

  /**
   * Three V1 records then two V2 records, one hour; flush.size 10 is never reached: the schema
   * change closes V1's object at offset 3, and the scheduled rotation uploads V2's. Returns both
   * objects' bodies, V1's first.
   */
  async function sinkTwoSchemas(format: string, settings: Record<string, string>, extension: string): Promise<Uint8Array[]> {
    const name = `s3-${format.toLowerCase()}-${randomUUID().slice(0, 8)}`;
    const topic = `orders-${name}`;
    await createTopic(stack.bootstrapServers, topic);
    await produce(topic, V1, V1_VALUES, '2024-03-05T07:10:00Z');
    await produce(topic, V2, V2_VALUES, '2024-03-05T07:20:00Z');
    const res = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`, {
      'connector.class': 'dev.cirrus.connect.s3.S3SinkConnector', 'tasks.max': '1', topics: topic,
      ...converterConfig('dev.cirrus.connect.schema.AvroConverter', registry),
      's3.bucket.name': BUCKET, 'aws.access.key.id': CREDENTIALS.accessKeyId, 'aws.secret.access.key': CREDENTIALS.secretAccessKey,
      // moto listens on this host's loopback, which the connector calls only when told it may.
      'store.url': moto.url, 'cirrus.egress.loopback': 'true', format, 'flush.size': '10', 'rotate.schedule.interval.ms': '2000', ...settings,
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    created.push(name);
    await waitUntilRunning(stack.connectUrl, name, 1);

    const dir = `topics/${topic}/year=2024/month=03/day=05/hour=07/`;
    const keys = [0, 3].map((offset) => `${dir}${topic}+0+${String(offset).padStart(10, '0')}.${extension}`);
    const listed = await eventually(`both ${format} objects`, async () => {
      const found = (await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `topics/${topic}/` }))).Contents ?? [];
      return found.length >= 2 ? found.map((o) => o.Key).sort() : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    assert.deepEqual(listed, keys);
    return Promise.all(keys.map(async (Key) => (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToByteArray()));
  }

  it('AVRO: one .avro container per schema (deflate), readable with avsc, holding the values', async () => {
    const [first, second] = await Promise.all((await sinkTwoSchemas('AVRO', { 'avro.codec': 'deflate' }, 'avro')).map(readContainer));
    assert.equal(first!.codec, 'deflate');
    assert.equal(first!.schema.name, 'shop.Order');
    assert.deepEqual(first!.schema.fields?.map((f) => f.name), ['id', 'item', 'at']);
    assert.deepEqual(second!.schema.fields?.map((f) => f.name), ['id', 'item', 'at', 'qty']);
    assert.deepEqual(first!.values, V1_VALUES);
    assert.deepEqual(second!.values, V2_VALUES);
  });

  it('PARQUET: one .snappy.parquet per schema (the default codec), readable with hyparquet, holding the values', async () => {
    const bodies = await sinkTwoSchemas('PARQUET', {}, 'snappy.parquet');
    const [first, second] = await Promise.all(bodies.map(async (body) => {
      const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
      const metadata = parquetMetadata(file);
      const rows = await parquetReadObjects({ file });
      return {
        codecs: new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec))),
        // int64 comes back as BigInt and timestamp-millis as Date: back to the numbers avsc wrote.
        rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) =>
          [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : v]))),
      };
    }));
    assert.deepEqual([...first!.codecs], ['SNAPPY']);
    assert.deepEqual(first!.rows, V1_VALUES);
    assert.deepEqual(second!.rows, V2_VALUES);
  });
});
