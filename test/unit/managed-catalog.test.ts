// Issue 10: every managed plugin validates a complete config with no error, names each missing
// required key, and translates to its engine's keys with secrets only as placeholders and no
// Cloud-only key.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findManagedPlugin, MANAGED_PLUGINS, sensitiveKeys } from '../../src/core/catalog/index.ts';
import { egressHostNames } from '../../src/core/catalog/endpoints.ts';
import { DEFAULT_VALIDATION_CONTEXT, validateConfig } from '../../src/core/config-validation.ts';
import { COMPLETE_CONFIGS } from '../harness/connector-fixtures.ts';

const CREDENTIALS = { 'kafka.api.key': 'KEY', 'kafka.api.secret': 'SECRET', 'tasks.max': '1' };
const configOf = (alias: string, extra: Record<string, string> = {}): Record<string, string> => ({ 'connector.class': alias, name: `c-${alias}`, ...CREDENTIALS, ...COMPLETE_CONFIGS[alias], ...extra });
const errorsOf = (alias: string, config: Record<string, string>, allowLoopbackEgress = false) => Object.fromEntries(
  validateConfig(findManagedPlugin(alias)!, config, {}, { ...DEFAULT_VALIDATION_CONTEXT, allowLoopbackEgress }).keys.filter((k) => k.errors.length > 0).map((k) => [k.definition.name, k.errors.join(' ')]),
);
const context = { connectorId: 'lcc-abc123', kafkaBootstrapServers: 'b:9092', secret: (v: string) => `\${cirrus:/s/lcc-abc123:${v.length}}` };

describe('the managed catalog (issue 10)', () => {
  it('has a complete config for every plugin, which validates with no error', () => {
    assert.deepEqual(MANAGED_PLUGINS.map((p) => p.alias).sort(), Object.keys(COMPLETE_CONFIGS).sort());
    for (const plugin of MANAGED_PLUGINS) assert.deepEqual(errorsOf(plugin.alias, configOf(plugin.alias)), {}, plugin.alias);
  });

  it('names each required key that is missing, and only that key', () => {
    for (const plugin of MANAGED_PLUGINS) {
      const config = configOf(plugin.alias);
      for (const definition of plugin.definitions.filter((d) => d.required && d.defaultValue === '' && d.name !== 'kafka.api.key' && d.name !== 'kafka.api.secret')) {
        const without = { ...config };
        delete without[definition.name];
        assert.deepEqual(Object.keys(errorsOf(plugin.alias, without)), [definition.name], `${plugin.alias} without ${definition.name}`);
      }
    }
  });

  it('tells the HTTP and S3 sinks\' engines whether loopback is allowed, so they re-check each address (DNS rebinding)', () => {
    for (const [alias, extra] of [['HttpSink', {}], ['S3_SINK', { 'store.url': 'http://store.example.com:9000' }]] as const) {
      const engine = (allowLoopbackEgress?: boolean) => findManagedPlugin(alias)!.toEngineConfig(configOf(alias, extra), { ...context, allowLoopbackEgress });
      assert.equal(engine(true)['cirrus.egress.loopback'], 'true', alias);
      assert.equal(engine(false)['cirrus.egress.loopback'], undefined, `${alias}: the connector refuses loopback by default`);
      assert.equal(engine()['cirrus.egress.loopback'], undefined, alias);
    }
  });

  it('requires what a choice needs: BASIC auth its password, an AWS key its secret, deletes a record_key', () => {
    assert.match(errorsOf('HttpSink', configOf('HttpSink', { 'connection.password': '' }))['connection.password']!, /required/);
    assert.deepEqual(errorsOf('HttpSink', configOf('HttpSink', { 'auth.type': 'NONE', 'connection.password': '' })), {});
    assert.match(errorsOf('HttpSink', configOf('HttpSink', { 'auth.type': 'BEARER' }))['bearer.token']!, /required/);
    assert.match(errorsOf('S3_SINK', configOf('S3_SINK', { 'aws.secret.access.key': '' }))['aws.secret.access.key']!, /required/);
    assert.match(errorsOf('PostgresSink', configOf('PostgresSink', { 'delete.enabled': 'true', 'pk.mode': 'record_value' }))['pk.mode']!, /record_key/);
    assert.match(errorsOf('MySqlSink', configOf('MySqlSink', { 'pk.mode': 'none' }))['pk.mode']!, /needs a primary key/);
  });

  it('takes AVRO and JSON_SR through the registry converters, refuses PROTOBUF, and bad hosts, ports and URLs', () => {
    for (const format of ['AVRO', 'parquet']) {
      assert.match(errorsOf('S3_SINK', configOf('S3_SINK', { 'output.data.format': format, 'input.data.format': 'JSON' }))['output.data.format']!, /input\.data\.format must be AVRO or JSON_SR/);
      assert.equal(errorsOf('S3_SINK', configOf('S3_SINK', { 'output.data.format': format, 'input.data.format': 'AVRO' }))['output.data.format'], undefined);
    }
    for (const format of ['AVRO', 'JSON_SR']) assert.deepEqual(errorsOf('PostgresCdcSourceV2', configOf('PostgresCdcSourceV2', { 'output.data.format': format })), {});
    assert.match(errorsOf('PostgresCdcSourceV2', configOf('PostgresCdcSourceV2', { 'output.data.format': 'protobuf' }))['output.data.format']!, /PROTOBUF is not supported yet/);
    assert.match(errorsOf('DatagenSource', configOf('DatagenSource', { 'output.data.format': 'PROTOBUF' }))['output.data.format']!, /PROTOBUF/);
    const registry = { url: 'http://127.0.0.1:8080/schema-registry/lsrc-abc123', userInfo: 'cirrus-connectors:s3cr3t' };
    const avro = findManagedPlugin('DatagenSource')!.toEngineConfig(configOf('DatagenSource', { 'output.data.format': 'AVRO' }), { ...context, schemaRegistry: registry });
    assert.deepEqual(Object.fromEntries(Object.entries(avro).filter(([k]) => k.startsWith('value.converter') || k === 'output.data.format')), {
      'output.data.format': 'JSON', 'value.converter': 'dev.cirrus.connect.schema.AvroConverter', 'value.converter.schema.registry.url': registry.url,
      'value.converter.basic.auth.credentials.source': 'USER_INFO', 'value.converter.basic.auth.user.info': context.secret(registry.userInfo),
    }, 'structs through the AVRO converter, the credential as a placeholder only');
    const jsonSr = findManagedPlugin('HttpSink')!.toEngineConfig(configOf('HttpSink', { 'input.data.format': 'JSON_SR' }), { ...context, schemaRegistry: registry });
    assert.equal(jsonSr['value.converter'], 'dev.cirrus.connect.schema.JsonSchemaConverter');
    assert.throws(() => findManagedPlugin('HttpSink')!.toEngineConfig(configOf('HttpSink', { 'input.data.format': 'AVRO' }), context), /Schema Registry/);
    const s3 = findManagedPlugin('S3_SINK')!.toEngineConfig(configOf('S3_SINK', { 'input.data.format': 'AVRO', 'output.data.format': 'PARQUET' }), { ...context, schemaRegistry: registry });
    assert.equal(s3.format, 'PARQUET');
    assert.match(errorsOf('PostgresSink', configOf('PostgresSink', { 'connection.host': '169.254.169.254' }))['connection.host']!, /metadata/);
    assert.match(errorsOf('PostgresSink', configOf('PostgresSink', { 'connection.host': 'db host' }))['connection.host']!, /not a host/);
    assert.match(errorsOf('MySqlCdcSourceV2', configOf('MySqlCdcSourceV2', { 'database.port': '70000' }))['database.port']!, /port/);
    const url = (u: string, allow = false) => errorsOf('HttpSink', configOf('HttpSink', { 'http.api.url': u }), allow)['http.api.url'];
    assert.match(url('http://127.0.0.1:8083/connectors')!, /loopback/);
    assert.match(url('http://2130706433:8080/')!, /loopback/, 'a loopback address spelled as a number');
    assert.match(url('http://[::1]:8080/')!, /loopback/);
    assert.match(url('http://169.254.169.254/latest')!, /metadata/);
    assert.match(url('ftp://example.com/x')!, /http or https/);
    assert.match(url('https://user:pw@example.com/')!, /Credentials/);
    assert.equal(url('http://127.0.0.1:9999/hook', true), undefined, 'the operator may allow loopback');
  });

  it('judges a host name by the addresses it resolved to (ip6-localhost, a name in DNS), and the final dot of a name by nothing', () => {
    const withResolved = (alias: string, config: Record<string, string>, resolved: Record<string, string[]>) => Object.fromEntries(
      validateConfig(findManagedPlugin(alias)!, config, {}, { allowLoopbackEgress: false, resolved: new Map(Object.entries(resolved)) })
        .keys.filter((k) => k.errors.length > 0).map((k) => [k.definition.name, k.errors.join(' ')]),
    );
    const hook = (u: string, resolved: Record<string, string[]>) => withResolved('HttpSink', configOf('HttpSink', { 'http.api.url': u }), resolved)['http.api.url'];
    assert.match(hook('http://ip6-localhost:8083/connectors', { 'ip6-localhost': ['::1'] })!, /"ip6-localhost" resolves to this host's loopback/);
    assert.match(hook('http://hooks.example.com/', { 'hooks.example.com': ['93.184.216.34', '127.0.0.2'] })!, /loopback/, 'one loopback address among several');
    assert.match(hook('http://meta.example.com/', { 'meta.example.com': ['169.254.169.254'] })!, /resolves to 169\.254\.169\.254, a link-local address/);
    assert.match(hook('http://localhost.:8083/', {})!, /loopback/, 'a final dot');
    assert.equal(hook('http://hooks.example.com/', { 'hooks.example.com': ['93.184.216.34'] }), undefined);
    const store = withResolved('S3_SINK', configOf('S3_SINK', { 'store.url': 'http://minio.internal:9000' }), { 'minio.internal': ['fe80::1'] });
    assert.match(store['store.url']!, /link-local/);
    const db = (resolved: Record<string, string[]>) => withResolved('PostgresSink', configOf('PostgresSink', { 'connection.host': 'db.example.com' }), resolved)['connection.host'];
    assert.equal(db({ 'db.example.com': ['127.0.0.1'] }), undefined, 'a database on this host is fine');
    assert.match(db({ 'db.example.com': ['169.254.169.254'] })!, /link-local/);
    assert.deepEqual(egressHostNames(findManagedPlugin('HttpSink')!.definitions, configOf('HttpSink', { 'http.api.url': 'http://Hooks.Example.com./x' })), ['hooks.example.com']);
    assert.deepEqual(egressHostNames(findManagedPlugin('HttpSink')!.definitions, configOf('HttpSink', { 'http.api.url': 'http://10.0.0.1/x' })), [], 'an address is not looked up');
  });

  it('passes Kafka\'s own transforms through, after a CDC source\'s unwrap, and refuses others', () => {
    const smt = { transforms: 'route', 'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter', 'transforms.route.regex': '(.*)', 'transforms.route.replacement': 'copy-$1' };
    assert.deepEqual(errorsOf('PostgresCdcSourceV2', configOf('PostgresCdcSourceV2', smt)), {});
    const engine = findManagedPlugin('PostgresCdcSourceV2')!.toEngineConfig(configOf('PostgresCdcSourceV2', smt), context);
    assert.equal(engine.transforms, 'cirrusUnwrap,route');
    assert.equal(engine['transforms.route.replacement'], 'copy-$1');
    assert.equal(engine['transforms.cirrusUnwrap.type'], 'io.debezium.transforms.ExtractNewRecordState');
    const bad = (extra: Record<string, string>) => errorsOf('HttpSink', configOf('HttpSink', extra)).transforms;
    assert.match(bad({ transforms: 'x', 'transforms.x.type': 'io.confluent.connect.transforms.TombstoneHandler' })!, /not available/);
    assert.match(bad({ ...smt, 'transforms.route.replacement': '_cirrus-pool-configs' })!, /beginning with "_"/);
    assert.match(bad({ transforms: 'cirrusUnwrap', 'transforms.cirrusUnwrap.type': 'org.apache.kafka.connect.transforms.Filter' })!, /Cirrus's own/);
    assert.match(bad({ 'transforms.ghost.type': 'org.apache.kafka.connect.transforms.Filter' })!, /belong to no alias/);
  });

  it('translates to engine keys: secrets only as placeholders, no Cloud-only key, a DLQ for sinks', () => {
    for (const plugin of MANAGED_PLUGINS) {
      const config = configOf(plugin.alias);
      const engine = plugin.toEngineConfig(config, context);
      assert.equal(engine.name, 'lcc-abc123');
      assert.equal(engine['connector.class'], plugin.engineClass);
      for (const k of Object.keys(engine)) assert.ok(!k.startsWith('kafka.api.') && !k.startsWith('confluent.') && k !== 'input.data.format' && k !== 'output.data.format' || plugin.alias === 'DatagenSource', `${plugin.alias}: ${k}`);
      for (const secretKey of sensitiveKeys(plugin)) {
        const value = config[secretKey];
        if (value) assert.ok(!Object.values(engine).includes(value), `${plugin.alias}: ${secretKey} in plain text`);
      }
      if (plugin.type === 'sink') assert.equal(engine['errors.deadletterqueue.topic.name'], 'dlq-lcc-abc123');
    }
  });

  it('builds the JDBC URL and Debezium\'s settings from Confluent\'s sink keys', () => {
    const pg = findManagedPlugin('PostgresSink')!.toEngineConfig(configOf('PostgresSink'), context);
    assert.equal(pg['connection.url'], 'jdbc:postgresql://db.example.com:5432/copy?sslmode=prefer');
    assert.deepEqual([pg['insert.mode'], pg['primary.key.mode'], pg['schema.evolution'], pg['value.converter.schemas.enable']], ['upsert', 'record_key', 'basic', 'true']);
    const my = findManagedPlugin('MySqlSink')!.toEngineConfig(configOf('MySqlSink', { 'ssl.mode': 'require' }), context);
    assert.equal(my['connection.url'], 'jdbc:mysql://db.example.com:3306/copy?sslMode=REQUIRED');
    const cdc = findManagedPlugin('MySqlCdcSourceV2')!.toEngineConfig(configOf('MySqlCdcSourceV2'), context);
    assert.equal(cdc['schema.history.internal.kafka.bootstrap.servers'], 'b:9092');
    assert.equal(cdc['database.server.id'], findManagedPlugin('MySqlCdcSourceV2')!.toEngineConfig(configOf('MySqlCdcSourceV2'), context)['database.server.id'], 'stable');
  });
});
