// Record formats of managed connectors: the Cloud format keys (`output.data.format`,
// `input.data.format`, their `.key.` twins) and the converters they become. AVRO, JSON_SR,
// PROTOBUF (and PARQUET files, written from their schemas) need a Schema Registry, which
// Cirrus does not have yet: validate says so on the key, rather than running another format.
import type { ConfigKeyDefinition } from './types.ts';

export type RecordFormat = 'JSON' | 'STRING' | 'BYTES' | 'AVRO' | 'JSON_SR' | 'PROTOBUF' | 'PARQUET';

const REGISTRY_FORMATS = new Set(['AVRO', 'JSON_SR', 'PROTOBUF', 'PARQUET']);

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
const BYTES_CONVERTER = 'org.apache.kafka.connect.converters.ByteArrayConverter';

export function registryFormatProblem(value: string): string | undefined {
  return REGISTRY_FORMATS.has(value.trim().toUpperCase())
    ? `${value.trim().toUpperCase()} needs a Schema Registry, which Cirrus does not have yet; use JSON, STRING or BYTES`
    : undefined;
}

export interface FormatKeyOptions {
  name: string;
  group: string;
  displayName: string;
  documentation: string;
  /** The formats offered; the registry ones are listed (as Confluent does) but refused. */
  choices: RecordFormat[];
  defaultValue: RecordFormat;
  required?: boolean;
}

export function formatKey(o: FormatKeyOptions): ConfigKeyDefinition {
  return {
    name: o.name, type: 'STRING', required: o.required ?? false, defaultValue: o.defaultValue, importance: 'HIGH', width: 'NONE', group: o.group,
    displayName: o.displayName, documentation: o.documentation, choices: o.choices, choicesOnly: true, check: registryFormatProblem,
  };
}

/**
 * The converter settings for one side (`key` or `value`) of a format. `schemas`: JSON carries
 * Kafka Connect's schema envelope, for connectors that need a schema (CDC rows into JDBC
 * tables) while no registry holds one.
 */
export function converterConfig(side: 'key' | 'value', format: string | undefined, schemas = false): Record<string, string> {
  const prefix = `${side}.converter`;
  switch ((format ?? 'JSON').toUpperCase()) {
    case 'STRING': return { [prefix]: STRING_CONVERTER };
    case 'BYTES': return { [prefix]: BYTES_CONVERTER };
    default: return { [prefix]: JSON_CONVERTER, [`${prefix}.schemas.enable`]: String(schemas) };
  }
}
