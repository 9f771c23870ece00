// S3_SINK `compression.codec` (issue 14): Confluent Cloud's "<FORMAT> - <codec>" values (or a bare
// codec) validate against output.data.format and reach our connector as avro.codec / parquet.codec.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findManagedPlugin } from '../../src/core/catalog/index.ts';
import { DEFAULT_VALIDATION_CONTEXT, validateConfig } from '../../src/core/config-validation.ts';
import { COMPLETE_CONFIGS } from '../harness/connector-fixtures.ts';

const s3 = findManagedPlugin('S3_SINK')!;
const configOf = (output: string, codec: string) => ({
  'connector.class': 'S3_SINK', name: 'c', 'kafka.api.key': 'KEY', 'kafka.api.secret': 'SECRET', 'tasks.max': '1',
  ...COMPLETE_CONFIGS.S3_SINK, 'input.data.format': 'AVRO', 'output.data.format': output, 'compression.codec': codec,
});
const registry = { url: 'http://127.0.0.1:8080/schema-registry/lsrc-abc123', userInfo: 'u:p' };
const context = { connectorId: 'lcc-abc123', kafkaBootstrapServers: 'b:9092', secret: (v: string) => `\${s:${v.length}}`, schemaRegistry: registry };
const codecError = (output: string, codec: string) => validateConfig(s3, configOf(output, codec), {}, DEFAULT_VALIDATION_CONTEXT).keys.find((k) => k.definition.name === 'compression.codec')!.errors;
const engineCodecs = (output: string, codec: string) => Object.fromEntries(Object.entries(s3.toEngineConfig(configOf(output, codec), context)).filter(([k]) => k.endsWith('.codec')));

describe('S3_SINK compression.codec (issue 14)', () => {
  it('maps each accepted value to the engine key of its format', () => {
    const cases: [string, string, Record<string, string>][] = [
      ['AVRO', 'AVRO - deflate', { 'avro.codec': 'deflate' }],
      ['AVRO', 'avro - SNAPPY', { 'avro.codec': 'snappy' }],
      ['AVRO', 'snappy', { 'avro.codec': 'snappy' }],
      ['AVRO', 'AVRO - none', { 'avro.codec': 'null' }],
      ['PARQUET', 'PARQUET - gzip', { 'parquet.codec': 'gzip' }],
      ['PARQUET', 'PARQUET - snappy', { 'parquet.codec': 'snappy' }],
      ['PARQUET', 'PARQUET - none', { 'parquet.codec': 'none' }],
      ['parquet', 'gzip', { 'parquet.codec': 'gzip' }],
      ['AVRO', '', {}],
      ['PARQUET', '  ', {}],
    ];
    for (const [output, codec, engine] of cases) {
      assert.deepEqual(codecError(output, codec), [], `${output} ${codec}`);
      assert.deepEqual(engineCodecs(output, codec), engine, `${output} ${codec}`);
    }
  });

  it('refuses, on the key, a codec of another format, one the connector lacks, and any for JSON or BYTES', () => {
    const cases: [string, string, RegExp][] = [
      ['PARQUET', 'AVRO - deflate', /AVRO - deflate is for AVRO objects; output.data.format is PARQUET/],
      ['AVRO', 'AVRO - bzip2', /AVRO objects take deflate or snappy \(or none\)/],
      ['AVRO', 'AVRO - xz', /deflate or snappy/],
      ['PARQUET', 'PARQUET - zstd', /PARQUET objects take gzip or snappy \(or none\)/],
      ['AVRO', 'gzip', /deflate or snappy/],
      ['JSON', 'JSON - gzip', /JSON objects are written uncompressed/],
      ['BYTES', 'gzip', /BYTES objects are written uncompressed/],
      ['AVRO', 'AVRO / deflate', /Use "<FORMAT> - <codec>"/],
    ];
    for (const [output, codec, problem] of cases) {
      const errors = codecError(output, codec);
      assert.equal(errors.length, 1, `${output} ${codec}`);
      assert.match(errors[0]!, problem, `${output} ${codec}`);
    }
  });

  it('shows Confluent\'s values as the form\'s recommended ones', () => {
    const definition = s3.definitions.find((d) => d.name === 'compression.codec')!;
    assert.deepEqual([definition.required, definition.choicesOnly ?? false], [false, false]);
    assert.ok(definition.choices!.includes('AVRO - deflate') && definition.choices!.includes('PARQUET - gzip'));
  });
});
