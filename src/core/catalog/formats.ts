// Record formats of managed connectors: the Cloud format keys (`output.data.format`,
// `input.data.format`, their `.key.` twins) and the converters they become. AVRO, JSON_SR and
// PROTOBUF go through our converters (jvm/schema-converters) and the environment's Schema
// Registry, which Cirrus serves itself.
import type { ConfigKeyDefinition, EngineContext } from './types.ts';

export type RecordFormat = 'JSON' | 'STRING' | 'BYTES' | 'AVRO' | 'JSON_SR' | 'PROTOBUF' | 'PARQUET';

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
const BYTES_CONVERTER = 'org.apache.kafka.connect.converters.ByteArrayConverter';

/** The converters of jvm/schema-converters, each speaking Confluent's wire format with the registry. */
export const REGISTRY_CONVERTERS: Partial<Record<RecordFormat, string>> = {
  AVRO: 'dev.cirrus.connect.schema.AvroConverter',
  JSON_SR: 'dev.cirrus.connect.schema.JsonSchemaConverter',
  PROTOBUF: 'dev.cirrus.connect.schema.ProtobufConverter',
};

/** Whether records of this format carry a registry schema id (so the converter needs the registry). */
export function usesRegistry(format: string | undefined): boolean {
  return REGISTRY_CONVERTERS[(format ?? '').trim().toUpperCase() as RecordFormat] !== undefined;
}

export interface FormatKeyOptions {
  name: string;
  group: string;
  displayName: string;
  documentation: string;
  /** The formats offered. */
  choices: RecordFormat[];
  defaultValue: RecordFormat;
  required?: boolean;
  /** A check of the plugin's own (e.g. which formats it can write to files). */
  check?: (value: string, config: Readonly<Record<string, string>>) => string | undefined;
}

export function formatKey(o: FormatKeyOptions): ConfigKeyDefinition {
  return {
    name: o.name, type: 'STRING', required: o.required ?? false, defaultValue: o.defaultValue, importance: 'HIGH', width: 'NONE', group: o.group,
    displayName: o.displayName, documentation: o.documentation, choices: o.choices, choicesOnly: true, recordFormat: true,
    // A registry the connector could not reach (or that refuses its key) is said on the key.
    check: (value, config, context) => (usesRegistry(value) ? context?.registryProblem : undefined) ?? o.check?.(value, config),
  };
}

/** Whether any record format key of the config names a format that needs the registry. */
export function namesRegistryFormat(definitions: readonly ConfigKeyDefinition[], config: Readonly<Record<string, string>>): boolean {
  return definitions.some((d) => d.recordFormat && usesRegistry(config[d.name] ?? d.defaultValue));
}

/**
 * The converter settings for one side (`key` or `value`) of a format. `schemas`: JSON carries
 * Kafka Connect's schema envelope, for connectors that need a schema (CDC rows into JDBC
 * tables) while no registry holds one. AVRO, JSON_SR and PROTOBUF: the registry converter, pointed at
 * the environment's registry with the connectors' own credential (a secret, so a placeholder).
 */
export function converterConfig(side: 'key' | 'value', format: string | undefined, context: EngineContext, schemas = false): Record<string, string> {
  const prefix = `${side}.converter`;
  const upper = (format ?? 'JSON').trim().toUpperCase() as RecordFormat;
  const registryConverter = REGISTRY_CONVERTERS[upper];
  if (registryConverter) {
    if (!context.schemaRegistry) throw new Error(`${upper} needs the environment's Schema Registry, which the engine context lacks`);
    return {
      [prefix]: registryConverter,
      [`${prefix}.schema.registry.url`]: context.schemaRegistry.url,
      [`${prefix}.basic.auth.credentials.source`]: 'USER_INFO',
      [`${prefix}.basic.auth.user.info`]: context.secret(context.schemaRegistry.userInfo),
    };
  }
  switch (upper) {
    case 'STRING': return { [prefix]: STRING_CONVERTER };
    case 'BYTES': return { [prefix]: BYTES_CONVERTER };
    default: return { [prefix]: JSON_CONVERTER, [`${prefix}.schemas.enable`]: String(schemas) };
  }
}
