// A custom connector's engine config (core/custom-connector.ts): the user's keys minus Cloud-only
// ones, secrets as placeholders, and with confluent.custom.schema.registry.auto=true the registry
// converters pointed at the environment's registry (issue 14).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customEngineConfig } from '../../src/core/custom-connector.ts';

const context = {
  connectorId: 'lcc-abc123', connectorClass: 'com.example.Source', secretKeys: new Set(['db.password']),
  secret: (v: string) => `\${cirrus:/s:${v.length}}`,
  schemaRegistry: { url: 'http://127.0.0.1:8080/schema-registry/lsrc-abc123', userInfo: 'cirrus-connectors:xyz' },
};

describe('customEngineConfig', () => {
  it('drops Cloud-only keys and seals secrets', () => {
    const engine = customEngineConfig({ name: 'x', 'confluent.connector.type': 'CUSTOM', 'kafka.api.key': 'K', 'db.password': 'pw', topic: 't' }, context);
    assert.deepEqual(engine, { name: 'lcc-abc123', 'db.password': '${cirrus:/s:2}', topic: 't', 'connector.class': 'com.example.Source' });
  });

  it('schema.registry.auto: Confluent\'s converter names become ours, with the registry and the connectors\' credential as a placeholder', () => {
    const engine = customEngineConfig({
      'confluent.custom.schema.registry.auto': 'TRUE', 'value.converter': 'io.confluent.connect.avro.AvroConverter',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    }, context);
    assert.equal(engine['value.converter'], 'dev.cirrus.connect.schema.AvroConverter');
    assert.equal(engine['value.converter.schema.registry.url'], context.schemaRegistry.url);
    assert.equal(engine['value.converter.basic.auth.credentials.source'], 'USER_INFO');
    assert.equal(engine['value.converter.basic.auth.user.info'], context.secret(context.schemaRegistry.userInfo));
    assert.equal(engine['key.converter'], 'org.apache.kafka.connect.storage.StringConverter', 'a converter without a registry is left alone');
    assert.equal(engine['key.converter.schema.registry.url'], undefined);
    assert.ok(!JSON.stringify(engine).includes('xyz'), 'the credential only as a placeholder');
  });

  it('schema.registry.auto maps Confluent\'s JSON Schema and Protobuf converters too', () => {
    const engine = customEngineConfig({
      'confluent.custom.schema.registry.auto': 'true', 'value.converter': 'io.confluent.connect.protobuf.ProtobufConverter',
      'key.converter': 'io.confluent.connect.json.JsonSchemaConverter',
    }, context);
    assert.equal(engine['value.converter'], 'dev.cirrus.connect.schema.ProtobufConverter');
    assert.equal(engine['value.converter.schema.registry.url'], context.schemaRegistry.url);
    assert.equal(engine['key.converter'], 'dev.cirrus.connect.schema.JsonSchemaConverter');
  });

  it('without auto, converters are the user\'s own business', () => {
    const engine = customEngineConfig({ 'value.converter': 'io.confluent.connect.avro.AvroConverter', 'value.converter.schema.registry.url': 'http://elsewhere' }, context);
    assert.equal(engine['value.converter'], 'io.confluent.connect.avro.AvroConverter');
    assert.equal(engine['value.converter.schema.registry.url'], 'http://elsewhere');
  });
});
