import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findManagedPlugin, sensitiveKeys } from '../../src/core/catalog/index.ts';
import { validateConfig } from '../../src/core/config-validation.ts';

const plugin = findManagedPlugin('DatagenSource')!;
const valid = {
  'connector.class': 'DatagenSource', name: 'n', 'kafka.api.key': 'K', 'kafka.api.secret': 'S',
  'kafka.topic': 't', quickstart: 'orders', 'tasks.max': '2',
};

describe('the DatagenSource catalog entry', () => {
  it('is found by alias and by the class names users know', () => {
    for (const name of ['DatagenSource', 'io.confluent.kafka.connect.datagen.DatagenConnector']) assert.equal(findManagedPlugin(name), plugin);
    assert.equal(findManagedPlugin('datagensource'), undefined);
  });

  it('marks the Kafka key and secret sensitive, and nothing else', () => {
    assert.deepEqual([...sensitiveKeys(plugin)].sort(), ['kafka.api.key', 'kafka.api.secret']);
  });

  it('translates to our Java class with converters for the format, and no Cloud-only key', () => {
    const engine = plugin.toEngineConfig({ ...valid, 'output.data.format': 'string', 'max.interval': '5', extra: 'x' }, { connectorId: 'lcc-1', kafkaBootstrapServers: 'b:1', secret: (v) => v });
    assert.deepEqual(engine, {
      'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector', name: 'lcc-1', 'tasks.max': '2', 'kafka.topic': 't',
      quickstart: 'ORDERS', 'max.interval': '5', iterations: '-1', 'output.data.format': 'STRING',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    });
    const json = plugin.toEngineConfig(valid, { connectorId: 'lcc-1', kafkaBootstrapServers: 'b:1', secret: (v) => v });
    assert.equal(json['value.converter'], 'org.apache.kafka.connect.json.JsonConverter');
    assert.equal(json['value.converter.schemas.enable'], 'false');
    for (const key of ['kafka.api.key', 'kafka.api.secret', 'kafka.auth.mode', 'cloud.provider', 'extra']) assert.equal(key in json, false, key);
  });

  it('validates numbers, ranges, choices and required keys', () => {
    const errors = (extra: Record<string, string>) => Object.fromEntries(
      validateConfig(plugin, { ...valid, ...extra }).keys.filter((k) => k.errors.length).map((k) => [k.definition.name, k.errors[0]]),
    );
    assert.deepEqual(errors({}), {});
    assert.match(errors({ iterations: '0' }).iterations!, /-1/);
    assert.match(errors({ iterations: '-2' }).iterations!, /at least -1/);
    assert.match(errors({ 'max.interval': '-1' })['max.interval']!, /at least 0/);
    assert.match(errors({ 'tasks.max': '1.5' })['tasks.max']!, /Not a number/);
    assert.match(errors({ 'kafka.topic': 'bad topic' })['kafka.topic']!, /Topic names/);
    // Issue 7 #9: internal topics (a pool's _cirrus-…-configs, __consumer_offsets) are out of reach.
    for (const internal of ['_cirrus-pool-abc123-configs', '__consumer_offsets', '_schemas']) {
      assert.match(errors({ 'kafka.topic': internal })['kafka.topic']!, /reserved for internal topics/, internal);
    }
    assert.match(errors({ transforms: 'x' }).transforms!, /"transforms\.x\.type" is required/);
    assert.match(errors({ 'kafka.auth.mode': 'OAUTH' })['kafka.auth.mode']!, /KAFKA_API_KEY, SERVICE_ACCOUNT/);
    assert.match(errors({ quickstart: '' }).quickstart!, /required/);
  });
});
