// Issues 10 and 14, end to end through the HTTP API only: the docs page's S3_SINK example. As
// written (AVRO in, AVRO out), after a DatagenSource writing AVRO through the environment's own
// Schema Registry, it runs and writes .avro objects a reader Cirrus did not write (avsc) decodes
// into the generated values; the registry holds the topic's schema. With JSON, DatagenSource → topic →
// S3_SINK writes objects in Confluent's layout to an S3-compatible server (moto), every record
// once; a PUT config from HOURLY to DAILY, as the page does, takes effect; the AWS secret is
// masked and nowhere in plain text. compression.codec reaches the objects (AVRO blocks deflated).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { basicAuth, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { produce } from '../harness/kafka.ts';
import type { MotoServer } from '../harness/moto.ts';
import { readContainer } from '../harness/avro-files.ts';
import { assertSecretsNowhere } from '../harness/secret-leaks.ts';
import type { StackInfo } from '../harness/stack.ts';
import { terraformCreate } from '../harness/terraform-flow.ts';
import { s3ApiEnvironment } from '../harness/s3-api-environment.ts';
import { eventually } from '../harness/wait.ts';

const BUCKET = 'datagen-to-s3';
const AWS = { accessKeyId: 'AKIDCIRRUSCATALOG', secretAccessKey: `aws-secret-${Math.random().toString(36).slice(2)}` };
const TOPIC = 'topic-s3_pageviews';

describe('S3_SINK through the API (issue 10)', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  let moto: MotoServer;
  let s3: S3Client;

  const environment = s3ApiEnvironment(BUCKET, AWS);
  before(() => {
    ({ stack, api, c, moto, s3 } = environment());
  });

  /** The page's example, pointed at moto. */
  const pageConfig = (format: string, interval: string, topic = TOPIC, name = 'S3_SINKConnector_0') => managedConfig(api.bootstrap, 'S3_SINK', name, {
    topics: topic, 'input.data.format': format, 'output.data.format': format, 'aws.access.key.id': AWS.accessKeyId, 'aws.secret.access.key': AWS.secretAccessKey,
    's3.bucket.name': BUCKET, 'time.interval': interval, 'flush.size': '5', 'store.url': moto.url,
  });

  async function objects(topic = TOPIC): Promise<Map<string, number>> {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `topics/${topic}/` }));
    const found = new Map<string, number>();
    for (const { Key } of listed.Contents ?? []) {
      const body = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToString();
      found.set(Key!, body.trimEnd().split('\n').length);
    }
    return found;
  }

  it('runs the page\'s AVRO example: Datagen AVRO → S3 .avro objects holding the generated pageviews', async () => {
    const topic = 'topic-s3_avro';
    const source = await c.call('POST', '/connectors', { name: 's3-avro', config: datagenConfig(api.bootstrap, 's3-avro', { 'kafka.topic': topic, 'output.data.format': 'AVRO', 'max.interval': '10', iterations: '10' }) });
    expectSpec(source, 'post', '/connectors', 201);
    expectSpec(await c.call('POST', '/connectors', { name: 'S3_SINKConnector_avro', config: pageConfig('AVRO', 'HOURLY', topic, 'S3_SINKConnector_avro') }), 'post', '/connectors', 201);
    const keys = await eventually('10 records in .avro objects', async () => {
      const found = [...(await objects(topic)).keys()];
      return found.length >= 2 ? found : undefined;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    const values = [];
    for (const key of keys) {
      assert.match(key, /\.avro$/);
      const body = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray();
      values.push(...(await readContainer(body)).values);
    }
    assert.equal(values.length, 10, 'every record once');
    for (const v of values) {
      assert.deepEqual(Object.keys(v).sort(), ['pageid', 'userid', 'viewtime']);
      assert.match(String(v.userid), /^User_\d+$/);
    }
    // The schema is in the environment's registry, under the topic's value subject.
    const b = api.bootstrap;
    const versions = await fetch(`${b.schema_registry_endpoint}/subjects/${topic}-value/versions`, { headers: { authorization: basicAuth(b.schema_registry_api_key, b.schema_registry_api_secret) } });
    assert.deepEqual(await versions.json(), [1]);
  });

  it('compresses AVRO objects as compression.codec names it ("AVRO - deflate"), still readable by avsc', async () => {
    const topic = 'topic-s3_avro_deflate';
    const source = await c.call('POST', '/connectors', { name: 's3-deflate', config: datagenConfig(api.bootstrap, 's3-deflate', { 'kafka.topic': topic, 'output.data.format': 'AVRO', 'max.interval': '10', iterations: '5' }) });
    expectSpec(source, 'post', '/connectors', 201);
    const config = { ...pageConfig('AVRO', 'HOURLY', topic, 'S3_SINK_deflate'), 'compression.codec': 'AVRO - deflate' };
    expectSpec(await c.call('POST', '/connectors', { name: 'S3_SINK_deflate', config }), 'post', '/connectors', 201);
    const [key] = await eventually('5 records in an .avro object', async () => {
      const found = [...(await objects(topic)).keys()];
      return found.length >= 1 ? found : undefined;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    const container = await readContainer(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());
    assert.equal(container.codec, 'deflate');
    assert.equal(container.values.length, 5);
    expectError(await c.call('PUT', '/connectors/S3_SINK_deflate/config', { ...config, 'compression.codec': 'PARQUET - gzip' }), 400, /compression\.codec: PARQUET - gzip is for PARQUET objects/);
  });

  it('refuses AVRO objects from schemaless JSON records, naming the format key', async () => {
    const refused = await c.call('POST', '/connectors', { name: 's3-schemaless', config: { ...pageConfig('JSON', 'HOURLY', TOPIC, 's3-schemaless'), 'output.data.format': 'AVRO' } });
    expectError(refused, 400, /output\.data\.format: AVRO objects are written from the records' schemas/);
  });

  it('with JSON writes every record once, in Confluent\'s layout; HOURLY → DAILY takes effect; the secret is nowhere', async () => {
    const source = await c.call('POST', '/connectors', { name: 's3-pageviews', config: datagenConfig(api.bootstrap, 's3-pageviews', { 'max.interval': '10', iterations: '10' }) });
    expectSpec(source, 'post', '/connectors', 201);
    await terraformCreate(c, 'S3_SINKConnector_0', pageConfig('JSON', 'HOURLY'), ['kafka.api.key', 'kafka.api.secret', 'aws.access.key.id', 'aws.secret.access.key']);
    const hourly = await eventually('10 records in objects of 5', async () => {
      const found = await objects();
      return [...found.values()].reduce((a, b) => a + b, 0) >= 10 ? found : undefined;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    assert.equal([...hourly.values()].reduce((a, b) => a + b, 0), 10, 'every record once');
    const layout = new RegExp(`^topics/${TOPIC}/year=\\d{4}/month=\\d{2}/day=\\d{2}/hour=\\d{2}/${TOPIC}\\+0\\+\\d{10}\\.json$`);
    for (const [key, count] of hourly) {
      assert.match(key, layout);
      assert.equal(count, 5);
    }

    const read = await c.call('GET', '/connectors/S3_SINKConnector_0/config');
    const updated = await c.call('PUT', '/connectors/S3_SINKConnector_0/config', { ...read.body as Record<string, string>, 'time.interval': 'DAILY' });
    expectSpec(updated, 'put', '/connectors/{connector_name}/config', 200);
    // The restarted task picks the new layout up; records produced meanwhile may still go hourly.
    const daily = await eventually('an object in the DAILY layout', async () => {
      await produce(stack.bootstrapServers, TOPIC, Array.from({ length: 5 }, (_, i) => ({ key: String(i), value: JSON.stringify({ viewtime: i, userid: 'u', pageid: 'p' }) })));
      return [...(await objects()).keys()].find((k) => /\/day=\d{2}\/[^/]+\.json$/.test(k));
    }, { timeoutMs: 120_000, intervalMs: 2000 });
    assert.match(daily, new RegExp(`^topics/${TOPIC}/year=\\d{4}/month=\\d{2}/day=\\d{2}/${TOPIC}\\+0\\+\\d{10}\\.json$`));
    const ids = ((await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>);
    await assertSecretsNowhere(api, stack, ids.S3_SINKConnector_0!.id.id, [AWS.secretAccessKey]);
  });
});
