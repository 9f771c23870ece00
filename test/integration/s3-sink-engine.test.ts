// Our S3 sink (jvm/s3-sink) on a real Kafka Connect pool, writing to moto's S3: created straight
// over Connect's REST API (the catalog translation of Confluent's S3_SINK keys comes separately).
// Record timestamps are fixed, so the object keys, their boundaries and contents are exact.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Producer, stringSerializers } from '@platformatic/kafka';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { createTopic } from '../harness/kafka.ts';
import { startMoto, type MotoServer } from '../harness/moto.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const S3_SINK = 'dev.cirrus.connect.s3.S3SinkConnector';
const BUCKET = 'cirrus-s3-sink-test';
const CREDENTIALS = { accessKeyId: 'AKIDCIRRUSTEST', secretAccessKey: 'moto-does-not-check' };

interface OrderValue { id: number; item: string }

describe('S3 sink connector on a real Kafka Connect pool', () => {
  let stack: StackInfo;
  let moto: MotoServer;
  let s3: S3Client;
  const name = `s3-sink-${randomUUID().slice(0, 8)}`;
  const topic = `orders-${name}`;
  const refused = `s3-refused-${randomUUID().slice(0, 8)}`;

  before(async () => {
    [moto, stack] = await Promise.all([startMoto(), sharedStack()]);
    s3 = new S3Client({ region: 'us-east-1', endpoint: moto.url, forcePathStyle: true, credentials: CREDENTIALS });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await createTopic(stack.bootstrapServers, topic);
  });
  after(async () => {
    if (stack) for (const n of [name, refused]) await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${n}`);
    s3?.destroy();
    await moto?.stop();
    await stopOwnStack();
  });

  async function produce(from: number, to: number, timestamp: string, into = topic): Promise<void> {
    const producer = new Producer({ clientId: 'cirrus-test', bootstrapBrokers: stack.bootstrapServers.split(','), serializers: stringSerializers });
    try {
      const messages = [];
      for (let id = from; id < to; id++) {
        messages.push({ topic: into, key: String(id), value: JSON.stringify({ id, item: `item-${id}` }), timestamp: BigInt(Date.parse(timestamp)) });
      }
      await producer.send({ messages });
    } finally {
      await producer.close();
    }
  }

  async function objects(of = topic): Promise<Map<string, OrderValue[]>> {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `topics/${of}/` }));
    const found = new Map<string, OrderValue[]>();
    for (const { Key } of listed.Contents ?? []) {
      const body = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToString();
      found.set(Key!, body.trimEnd().split('\n').map((line) => JSON.parse(line) as OrderValue));
    }
    return found;
  }

  const waitForKeys = (keys: string[]) => eventually(`objects ${keys.join(', ')}`, async () => {
    const found = await objects();
    return keys.every((k) => found.has(k)) ? found : undefined;
  }, { timeoutMs: 60_000, intervalMs: 500 });

  const config = (overrides: Record<string, string>) => ({
    'connector.class': S3_SINK,
    'tasks.max': '1',
    topics: topic,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
    's3.bucket.name': BUCKET,
    's3.region': 'us-east-1',
    'aws.access.key.id': CREDENTIALS.accessKeyId,
    'aws.secret.access.key': CREDENTIALS.secretAccessKey,
    'store.url': moto.url,
    'cirrus.egress.loopback': 'true', // moto listens on this host's loopback
    'flush.size': '3',
    ...overrides,
  });

  const day = (d: string) => `topics/${topic}/year=2024/month=03/day=${d}`;
  const file = (offset: number) => `${topic}+0+${String(offset).padStart(10, '0')}.json`;
  const ids = (values: OrderValue[] | undefined) => (values ?? []).map((v) => v.id);

  it('is offered by the pool as a sink plugin and validates its config', async () => {
    const { json } = await connectRequest(stack.connectUrl, 'GET', '/connector-plugins');
    assert.equal((json as { class: string; type: string }[]).find((p) => p.class === S3_SINK)?.type, 'sink', 'the S3 sink plugin is missing from the pool');
    const res = await connectRequest(stack.connectUrl, 'PUT', '/connector-plugins/S3SinkConnector/config/validate', {
      'connector.class': S3_SINK, topics: 't', name: 'x', 'flush.size': '1',
    });
    const body = res.json as { configs: { value: { name: string; errors: string[] } }[] };
    assert.equal(res.status, 200);
    assert.ok(body.configs.find((c) => c.value.name === 's3.bucket.name')!.value.errors.length > 0, 'a missing bucket is reported');
  });

  it('writes HOURLY objects of flush.size records, then DAILY ones after a config PUT, losing and duplicating nothing', async () => {
    // Hour 07: ids 0-4; hour 08: ids 5-9. flush.size 3 → files at 0 (0-2), 3 (3-4, cut by the hour), 5 (5-7);
    // 8-9 stay buffered, so the committed offset is 8.
    await produce(0, 5, '2024-03-05T07:10:00Z');
    await produce(5, 10, '2024-03-05T08:10:00Z');
    const created = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`, config({}));
    assert.equal(created.status, 201, JSON.stringify(created.json));
    await waitUntilRunning(stack.connectUrl, name, 1);

    const hourly = [`${day('05')}/hour=07/${file(0)}`, `${day('05')}/hour=07/${file(3)}`, `${day('05')}/hour=08/${file(5)}`];
    const first = await waitForKeys(hourly);
    assert.deepEqual([...first.keys()].sort(), [...hourly].sort(), 'records 8-9 are still buffered, not in S3');
    assert.deepEqual(hourly.map((k) => ids(first.get(k))), [[0, 1, 2], [3, 4], [5, 6, 7]]);
    assert.deepEqual(first.get(hourly[0]!)![0], { id: 0, item: 'item-0' });

    // The config change restarts the task: it resumes at the committed offset 8 and re-reads 8-9,
    // now DAILY. The old task never uploads 8-9, so seeing them DAILY (uploaded by the new task's
    // wall-clock rotation) proves the restart; only then come 10-12, which the old task must not see.
    const updated = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`,
      config({ 'time.interval': 'DAILY', 'rotate.schedule.interval.ms': '2000' }));
    assert.equal(updated.status, 200, JSON.stringify(updated.json));
    await waitForKeys([`${day('05')}/${file(8)}`]);
    await produce(10, 13, '2024-03-06T09:00:00Z');

    const daily = [`${day('05')}/${file(8)}`, `${day('06')}/${file(10)}`];
    const all = await waitForKeys(daily);
    assert.deepEqual(daily.map((k) => ids(all.get(k))), [[8, 9], [10, 11, 12]]);
    assert.deepEqual([...all.keys()].sort(), [...hourly, ...daily].sort());
    const written = [...all.values()].flatMap(ids).sort((a, b) => a - b);
    assert.deepEqual(written, [...Array(13).keys()], 'every record exactly once');
  });

  it('refuses this host\'s loopback unless allowed: the task fails with the reason and writes no object', async () => {
    const refusedTopic = `orders-${refused}`;
    await createTopic(stack.bootstrapServers, refusedTopic);
    await produce(0, 3, '2024-03-05T07:10:00Z', refusedTopic);
    // A store name that passed validation and resolves to loopback later looks to the engine just
    // like this one: the S3 client's requests are judged at each request, not at validation.
    const res = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${refused}/config`, config({
      topics: refusedTopic, 'store.url': moto.url.replace('127.0.0.1', 'localhost'), 'cirrus.egress.loopback': 'false',
    }));
    assert.equal(res.status, 201, JSON.stringify(res.json));
    const trace = await eventually('the task to fail', async () => {
      const { json } = await connectRequest(stack.connectUrl, 'GET', `/connectors/${refused}/status`);
      const task = (json as { tasks?: { state: string; trace?: string }[] }).tasks?.[0];
      return task?.state === 'FAILED' ? task.trace ?? '' : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    assert.match(trace, /Refusing to send to localhost: it resolves to .*loopback, which is not allowed/);
    assert.doesNotMatch(trace, /gave up after/, 'failed at once, not retried as a network failure (s3.part.retries)');
    assert.doesNotMatch(trace, new RegExp(CREDENTIALS.secretAccessKey), 'the secret stays out of the trace');
    assert.deepEqual([...(await objects(refusedTopic)).keys()], [], 'no object was written');
  });
});
