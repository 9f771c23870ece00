// PUT …/connector-plugins/{plugin}/config/validate: always 200 in Confluent's validate shape,
// errors in the body; the checks are the same ones create and PUT config enforce.
import assert from 'node:assert/strict';
import dns from 'node:dns/promises';
import os from 'node:os';
import { after, before, describe, it } from 'node:test';
import { MASK } from '../../src/core/connector-config.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, expectSpec, type Answer } from '../harness/connect-v1-client.ts';
import { COMPLETE_CONFIGS, datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { adminClient } from '../harness/principals.ts';

interface Validation {
  name: string;
  groups: string[];
  error_count: number;
  configs: { definition: { name: string; type: string; required: boolean; group: string }; value: { name: string; value: string; errors: string[]; recommended_values: string[]; visible: boolean } }[];
}

const errorsOf = (answer: Answer) => Object.fromEntries(
  (answer.body as Validation).configs.filter((cfg) => cfg.value.errors.length > 0).map((cfg) => [cfg.value.name, cfg.value.errors.join(' ')]),
);

describe('connect/v1 validate', () => {
  let api: ApiApp;
  let c: ConnectV1Client;
  const validate = (body: unknown, plugin = 'DatagenSource') => c.call('PUT', `/connector-plugins/${plugin}/config/validate`, body);

  before(async () => {
    api = await startApiApp();
    c = adminClient(api);
  });
  after(async () => api.close());

  it('finds nothing wrong with a good config, and never echoes a secret', async () => {
    const res = await validate(datagenConfig(api.bootstrap, 'good'));
    expectSpec(res, 'put', '/connector-plugins/{plugin_name}/config/validate', 200);
    const body = res.body as Validation;
    assert.equal(body.error_count, 0, JSON.stringify(errorsOf(res)));
    assert.equal(body.name, 'dev.cirrus.connect.datagen.DatagenSourceConnector');
    assert.ok(body.groups.includes('Kafka Cluster credentials'));
    const value = (key: string) => body.configs.find((cfg) => cfg.value.name === key)!.value;
    assert.equal(value('kafka.api.secret').value, MASK);
    assert.equal(value('kafka.api.key').value, MASK);
    assert.deepEqual(value('quickstart').recommended_values, ['PAGEVIEWS', 'USERS', 'ORDERS', 'STOCK_TRADES']);
    assert.doesNotMatch(res.text, new RegExp(api.bootstrap.kafka_api_secret.replace(/[+/]/g, '.')));
  });

  it('reports each missing required key, bad enum value and bad number, and counts them', async () => {
    const res = await validate({ 'connector.class': 'DatagenSource', quickstart: 'weather', 'max.interval': 'ten', 'tasks.max': '99' });
    expectSpec(res, 'put', '/connector-plugins/{plugin_name}/config/validate', 200);
    const errors = errorsOf(res);
    assert.deepEqual(Object.keys(errors).sort(), ['kafka.api.key', 'kafka.api.secret', 'kafka.topic', 'max.interval', 'name', 'quickstart', 'tasks.max']);
    assert.match(errors.name!, /"name" is required/);
    assert.match(errors.quickstart!, /must be one of PAGEVIEWS, USERS, ORDERS, STOCK_TRADES/);
    assert.match(errors['max.interval']!, /Not a number/);
    assert.match(errors['tasks.max']!, /no more than 10/);
    assert.equal((res.body as Validation).error_count, 7);
  });

  it('accepts enum values in any case', async () => {
    const res = await validate(datagenConfig(api.bootstrap, 'lower', { quickstart: 'stock_trades', 'output.data.format': 'string' }));
    assert.equal((res.body as Validation).error_count, 0, JSON.stringify(errorsOf(res)));
  });

  it('rejects Kafka credentials that are not a key + secret of this cluster', async () => {
    const b = api.bootstrap;
    const cases = [
      { 'kafka.api.secret': b.cloud_api_secret },
      { 'kafka.api.key': b.cloud_api_key, 'kafka.api.secret': b.cloud_api_secret },
      { 'kafka.api.key': 'AAAAAAAAAAAAAAAA' },
    ];
    for (const extra of cases) {
      const errors = errorsOf(await validate(datagenConfig(b, 'creds', extra)));
      assert.match(errors['kafka.api.key']!, new RegExp(`not valid for cluster ${b.kafka_cluster_id}`));
      assert.match(errors['kafka.api.secret']!, /not valid/);
    }
  });

  it('checks service-account mode against the service accounts', async () => {
    const errors = errorsOf(await validate(datagenConfig(api.bootstrap, 'sa', { 'kafka.auth.mode': 'SERVICE_ACCOUNT', 'kafka.service.account.id': 'sa-nope00' })));
    assert.match(errors['kafka.service.account.id']!, /does not exist/);
  });

  it('reports an illegal connector name', async () => {
    assert.match(errorsOf(await validate(datagenConfig(api.bootstrap, 'no/slash'))).name!, /may contain only/);
  });

  it('answers 404 for an unknown plugin, and 400 for a body that is not a flat object', async () => {
    expectError(await validate(datagenConfig(api.bootstrap, 'x'), 'NoSuchSink'), 404, /resource not found/);
    expectError(await validate({ nested: { a: 1 } }), 400, /"nested"/);
  });

  it('validates no body at all as an empty config: 200 with every required key reported (the body is optional)', async () => {
    const res = await validate(undefined);
    expectSpec(res, 'put', '/connector-plugins/{plugin_name}/config/validate', 200);
    const errors = errorsOf(res);
    for (const key of ['kafka.topic', 'quickstart']) assert.match(errors[key]!, /required/, key);
  });

  it('validates every managed plugin: a complete config has 0 errors; definitions a form can be built from; secrets never echoed (issue 10)', async () => {
    for (const [plugin, keys] of Object.entries(COMPLETE_CONFIGS)) {
      const res = await validate(managedConfig(api.bootstrap, plugin, `v-${plugin}`, keys), plugin);
      expectSpec(res, 'put', '/connector-plugins/{plugin_name}/config/validate', 200);
      const body = res.body as Validation & { configs: { definition: { display_name: string; order: number; importance: string } }[] };
      assert.equal(body.error_count, 0, `${plugin}: ${JSON.stringify(errorsOf(res))}`);
      for (const cfg of body.configs) {
        assert.ok(body.groups.includes(cfg.definition.group), `${plugin}: ${cfg.definition.name} in a listed group`);
        assert.ok(cfg.definition.display_name && cfg.definition.order >= 1, `${plugin}: ${cfg.definition.name} has a display name and order`);
        if (cfg.definition.type === 'PASSWORD' && cfg.value.value !== '') assert.equal(cfg.value.value, MASK, `${plugin}: ${cfg.definition.name} masked`);
      }
      for (const secret of Object.values(keys).filter((v) => /secret/.test(v))) assert.ok(!res.text.includes(secret), `${plugin} echoes a secret`);
    }
  });

  it('takes the page\'s AVRO S3 example and PROTOBUF input, refuses AVRO objects from schemaless records, and hides BASIC auth keys until BASIC is chosen (issues 10, 14)', async () => {
    const avro = await validate(managedConfig(api.bootstrap, 'S3_SINK', 's3', { ...COMPLETE_CONFIGS.S3_SINK, 'input.data.format': 'AVRO', 'output.data.format': 'AVRO' }), 'S3_SINK');
    assert.deepEqual(errorsOf(avro), {});
    const schemaless = await validate(managedConfig(api.bootstrap, 'S3_SINK', 's3', { ...COMPLETE_CONFIGS.S3_SINK, 'input.data.format': 'JSON', 'output.data.format': 'AVRO' }), 'S3_SINK');
    assert.match(errorsOf(schemaless)['output.data.format']!, /input\.data\.format must be AVRO, JSON_SR or PROTOBUF/);
    const protobuf = await validate(managedConfig(api.bootstrap, 'S3_SINK', 's3', { ...COMPLETE_CONFIGS.S3_SINK, 'input.data.format': 'PROTOBUF', 'output.data.format': 'PARQUET' }), 'S3_SINK');
    assert.deepEqual(errorsOf(protobuf), {});
    const none = await validate(managedConfig(api.bootstrap, 'HttpSink', 'h', { ...COMPLETE_CONFIGS.HttpSink, 'auth.type': 'NONE' }), 'HttpSink');
    const user = (none.body as Validation).configs.find((cfg) => cfg.definition.name === 'connection.user')!;
    assert.equal(user.value.visible, false);
  });

  it('refuses an HTTP endpoint whose name resolves to this host\'s loopback (this machine\'s own host name), on validate and on create', async (t) => {
    const name = os.hostname().toLowerCase();
    const addresses = await dns.lookup(name, { all: true }).catch(() => []);
    if (!addresses.some((a) => /^127\.|^::1$/.test(a.address))) {
      t.skip(`${name} does not resolve to loopback here`);
      return;
    }
    const config = managedConfig(api.bootstrap, 'HttpSink', 'h-dns', { ...COMPLETE_CONFIGS.HttpSink, 'http.api.url': `http://${name}:8083/connectors` });
    assert.match(errorsOf(await validate(config, 'HttpSink'))['http.api.url']!, new RegExp(`"${name}" resolves to this host's loopback`));
    expectError(await c.call('POST', '/connectors', { name: 'h-dns', config }), 400, /http\.api\.url.*resolves to this host's loopback/);
  });
});
