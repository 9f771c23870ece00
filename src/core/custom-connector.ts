// A custom connector's config (CONTRACT §6.4): it names its plugin with
// `confluent.custom.plugin.id`; `connector.class` comes from the plugin (if sent, it must be
// one of the plugin's); Cloud-only keys are recorded and echoed, never given to the engine.
import type { ConnectorConfig } from './connector-config.ts';
import type { ConnectorClassRef, PluginVersion } from './plugin.ts';

export const CUSTOM_KEYS = {
  type: 'confluent.connector.type',
  pluginId: 'confluent.custom.plugin.id',
  endpoints: 'confluent.custom.connection.endpoints',
  schemaRegistryAuto: 'confluent.custom.schema.registry.auto',
  runtime: 'confluent.custom.connect.plugin.runtime',
  /** The page also spells it without the prefix (Q33). */
  runtimeAlias: 'custom.connect.plugin.runtime',
  javaVersion: 'confluent.custom.connect.plugin.java.version',
} as const;

/** The runtime Cirrus runs custom connectors on: its own Kafka Connect. */
export const CUSTOM_RUNTIME = { name: '4.1.1', akVersion: '4.1.1', javaVersions: ['17'] } as const;

export type ConnectorKind = 'managed' | 'custom';

/** MANAGED (the default) or CUSTOM, in any case; anything else is undefined (a 400). */
export function connectorKindOf(config: ConnectorConfig): ConnectorKind | undefined {
  const type = (config[CUSTOM_KEYS.type] ?? 'MANAGED').toUpperCase();
  return type === 'MANAGED' ? 'managed' : type === 'CUSTOM' ? 'custom' : undefined;
}

/** The Kafka credentials every connector carries, secret whatever the plugin says. */
export const KAFKA_CREDENTIAL_KEYS = ['kafka.api.key', 'kafka.api.secret'] as const;

export function customSensitiveKeys(version: PluginVersion): ReadonlySet<string> {
  return new Set([...KAFKA_CREDENTIAL_KEYS, ...version.sensitiveConfigProperties]);
}

/** The class a custom connector runs: the one named in connector.class, else the plugin's only one. */
export function customConnectorClass(config: ConnectorConfig, version: PluginVersion): ConnectorClassRef | string {
  const named = config['connector.class'];
  if (named === undefined || named === '') {
    const [only, ...others] = version.connectorClasses;
    if (!only) return 'the plugin has no connector class';
    return others.length === 0 ? only : `connector.class must name one of the plugin's classes: ${version.connectorClasses.map((c) => c.className).join(', ')}`;
  }
  const found = version.connectorClasses.find((c) => c.className === named);
  return found ?? `connector.class "${named}" is not the plugin's (${version.connectorClasses.map((c) => c.className).join(', ')})`;
}

const ENDPOINT = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?:\d{1,5}(:TCP)?$/i;

/** Errors by key for what only custom connectors have; empty when fine. */
export function customConfigErrors(config: ConnectorConfig): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const endpoints = config[CUSTOM_KEYS.endpoints];
  if (endpoints !== undefined && endpoints.trim() !== '') {
    const bad = endpoints.split(/[;,]/).map((e) => e.trim()).filter((e) => !ENDPOINT.test(e) || Number(e.split(':')[1]) > 65535);
    if (bad.length > 0) errors[CUSTOM_KEYS.endpoints] = [`Endpoints are host:port or host:port:TCP, separated by ";" or ",": ${bad.join(', ')}`];
  }
  const auto = config[CUSTOM_KEYS.schemaRegistryAuto];
  if (auto !== undefined && !/^(true|false)$/i.test(auto)) errors[CUSTOM_KEYS.schemaRegistryAuto] = ['Must be TRUE or FALSE'];
  for (const key of [CUSTOM_KEYS.runtime, CUSTOM_KEYS.runtimeAlias]) {
    const runtime = config[key];
    if (runtime !== undefined && runtime !== CUSTOM_RUNTIME.name) errors[key] = [`The only runtime is ${CUSTOM_RUNTIME.name}`];
  }
  const java = config[CUSTOM_KEYS.javaVersion];
  if (java !== undefined && !(CUSTOM_RUNTIME.javaVersions as readonly string[]).includes(java)) {
    errors[CUSTOM_KEYS.javaVersion] = [`Supported Java versions: ${CUSTOM_RUNTIME.javaVersions.join(', ')}`];
  }
  return errors;
}

/** Keys of Confluent Cloud that no engine connector knows. */
function isCloudOnly(key: string): boolean {
  return key.startsWith('confluent.') || key === CUSTOM_KEYS.runtimeAlias
    || ['kafka.api.key', 'kafka.api.secret', 'kafka.auth.mode', 'kafka.service.account.id'].includes(key);
}

/** Confluent's registry converters → ours (jvm/schema-converters), which speak the same wire format. */
const CONFLUENT_CONVERTERS: Record<string, string> = {
  'io.confluent.connect.avro.AvroConverter': 'dev.cirrus.connect.schema.AvroConverter',
  'io.confluent.connect.json.JsonSchemaConverter': 'dev.cirrus.connect.schema.JsonSchemaConverter',
  'io.confluent.connect.protobuf.ProtobufConverter': 'dev.cirrus.connect.schema.ProtobufConverter',
};
const OUR_CONVERTERS = new Set(Object.values(CONFLUENT_CONVERTERS));

/**
 * `confluent.custom.schema.registry.auto=true`: each side whose converter is a registry
 * converter (Confluent's names become ours) is pointed at the environment's registry with the
 * connectors' credential, so the user's config names no registry URL or key.
 */
function registrySettings(config: ConnectorConfig, context: CustomEngineContext): Record<string, string> {
  if ((config[CUSTOM_KEYS.schemaRegistryAuto] ?? '').toLowerCase() !== 'true' || !context.schemaRegistry) return {};
  const out: Record<string, string> = {};
  for (const side of ['key', 'value']) {
    const prefix = `${side}.converter`;
    const given = config[prefix]?.trim() ?? '';
    const converter = CONFLUENT_CONVERTERS[given] ?? (OUR_CONVERTERS.has(given) ? given : undefined);
    if (!converter) continue;
    Object.assign(out, {
      [prefix]: converter, [`${prefix}.schema.registry.url`]: context.schemaRegistry.url,
      [`${prefix}.basic.auth.credentials.source`]: 'USER_INFO', [`${prefix}.basic.auth.user.info`]: context.secret(context.schemaRegistry.userInfo),
    });
  }
  return out;
}

export interface CustomEngineContext {
  connectorId: string;
  connectorClass: string;
  secretKeys: ReadonlySet<string>;
  secret(value: string): string;
  /** The environment's Schema Registry as connectors reach it (see EngineContext). */
  schemaRegistry?: { url: string; userInfo: string };
}

/** The engine's config of a custom connector: the user's keys but Cloud-only ones, named by id. */
export function customEngineConfig(config: ConnectorConfig, context: CustomEngineContext): Record<string, string> {
  const engine: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!isCloudOnly(key)) engine[key] = context.secretKeys.has(key) ? context.secret(value) : value;
  }
  return { ...engine, ...registrySettings(config, context), 'connector.class': context.connectorClass, name: context.connectorId };
}
