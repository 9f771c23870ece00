// Issue 14, interoperability with a client Cirrus did not write, through the real engine:
// Confluent's Python client (AvroSerializer) registers its schema in the environment's Cirrus
// registry and its records, produced to Kafka as it wrote them, are read by a Cirrus S3_SINK
// (input AVRO) into .avro objects holding the same values; and a Cirrus DatagenSource with
// output.data.format=AVRO writes records the same client's AvroDeserializer decodes.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readContainer } from '../harness/avro-files.ts';
import type { ApiApp } from '../harness/api-app.ts';
import { confluentPython, runConfluentScript } from '../harness/confluent-python.ts';
import { ConnectV1Client, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { produceBytes, readTopic } from '../harness/kafka.ts';
import type { MotoServer } from '../harness/moto.ts';
import type { StackInfo } from '../harness/stack.ts';
import { s3ApiEnvironment } from '../harness/s3-api-environment.ts';
import { eventually } from '../harness/wait.ts';

const BUCKET = 'interop';
const AWS = { accessKeyId: 'AKIDCIRRUSINTEROP', secretAccessKey: 'interop-secret' };
const ORDERS = [{ id: 1, item: 'kettle', price: 19.5 }, { id: 2, item: 'teapot', price: 7.25 }, { id: 3, item: 'cup', price: 2 }];

describe('Confluent\'s Python client on either side of Cirrus connectors (issue 14)', { timeout: 900_000 }, () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  let moto: MotoServer;
  let s3: S3Client;
  const registryArgs = (topic: string) => {
    const b = api.bootstrap;
    return [b.schema_registry_endpoint, b.schema_registry_api_key, b.schema_registry_api_secret, topic];
  };

  const environment = s3ApiEnvironment(BUCKET, AWS);
  before(() => {
    confluentPython();
    ({ stack, api, c, moto, s3 } = environment());
  });

  it('AvroSerializer\'s records, read by a Cirrus S3_SINK, land in .avro objects with the same values', async () => {
    const topic = 'py-orders';
    const encoded = await runConfluentScript('interop.py', ['serialize', ...registryArgs(topic)], ORDERS) as string[];
    await produceBytes(stack.bootstrapServers, topic, encoded.map((e) => Buffer.from(e, 'base64')));
    const sink = await c.call('POST', '/connectors', { name: 'py-orders-s3', config: managedConfig(api.bootstrap, 'S3_SINK', 'py-orders-s3', {
      topics: topic, 'input.data.format': 'AVRO', 'output.data.format': 'AVRO', 'aws.access.key.id': AWS.accessKeyId, 'aws.secret.access.key': AWS.secretAccessKey,
      's3.bucket.name': BUCKET, 'time.interval': 'HOURLY', 'flush.size': '3', 'store.url': moto.url,
    }) });
    expectSpec(sink, 'post', '/connectors', 201);
    const key = await eventually('an .avro object', async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `topics/${topic}/` }));
      return listed.Contents?.[0]?.Key;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    const body = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray();
    const container = await readContainer(body);
    assert.deepEqual(container.values, ORDERS);
    assert.equal(container.schema.name, 'shop.Order', 'the producer\'s schema, through the registry');
  });

  it('a DatagenSource writing AVRO: AvroDeserializer decodes every record into a pageview', async () => {
    const topic = 'avro-pageviews';
    expectSpec(await c.call('POST', '/connectors', { name: 'avro-pageviews', config: datagenConfig(api.bootstrap, 'avro-pageviews', {
      'kafka.topic': topic, 'output.data.format': 'AVRO', 'max.interval': '10', iterations: '20',
    }) }), 'post', '/connectors', 201);
    const records = await readTopic(stack.bootstrapServers, topic, { atLeast: 20, timeoutMs: 120_000 });
    const decoded = await runConfluentScript('interop.py', ['deserialize', ...registryArgs(topic)], records.map((r) => r.bytes.toString('base64'))) as Record<string, unknown>[];
    assert.equal(decoded.length, 20);
    for (const pageview of decoded) {
      assert.deepEqual(Object.keys(pageview).sort(), ['pageid', 'userid', 'viewtime']);
      assert.match(String(pageview.userid), /^User_\d+$/);
      assert.equal(typeof pageview.viewtime, 'number');
    }
  });
});
