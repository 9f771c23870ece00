// Rules for connector config maps: string-only values, the keys the server adds (§6.3) and
// the mask round trip for secrets (§6.2).
import { InvalidRequest } from './errors.ts';

export type ConnectorConfig = Record<string, string>;

/** Exactly 16 asterisks: what every sensitive value reads as. */
export const MASK = '****************';

/** Keys the server computes for every answer; sent by a client, they are dropped. */
export const SERVER_KEYS = ['cloud.environment', 'cloud.provider', 'kafka.endpoint', 'kafka.region', 'kafka.dedicated', 'schema.registry.url'] as const;

/**
 * Config values arrive as JSON: strings are kept, numbers and booleans become their text (curl
 * users write `"tasks.max": 1`); null, objects and arrays are refused.
 */
export function normalizeConfigInput(raw: unknown, where = 'config'): ConnectorConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidRequest(`${where} must be a JSON object of string values`);
  }
  const out: ConnectorConfig = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else throw new InvalidRequest(`The value of "${key}" in ${where} must be a string, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return out;
}

/** CONTRACT §6.4: MANAGED (the default) or CUSTOM, in any case. */
export const CONNECTOR_TYPE_KEY = 'confluent.connector.type';

/** Kafka's ConfigTransformer pattern: `${provider:[path:]key}`. */
const PROVIDER_REFERENCE = /\$\{[^}]*?:(?:[^}]*?:)?[^}]*?\}/;

/**
 * The keys whose values hold a config-provider reference. Kafka Connect resolves them in any
 * value when a task starts, and our pools' provider reads connector secrets
 * (engine/engine-secrets.ts): a reference of a user's could read another connector's secret.
 */
export function providerReferenceKeys(config: ConnectorConfig): string[] {
  return Object.keys(config).filter((key) => PROVIDER_REFERENCE.test(config[key]!));
}

export const PROVIDER_REFERENCE_ERROR = 'Config provider references (${provider:path:key}) are not allowed in connector configs';

export function withoutServerKeys(config: ConnectorConfig): ConnectorConfig {
  const out = { ...config };
  for (const key of SERVER_KEYS) delete out[key];
  return out;
}

export interface ClusterFacts {
  cloud: string;
  region: string;
  kafkaEndpoint: string;
  dedicated: boolean;
}

export function withServerKeys(config: ConnectorConfig, cluster: ClusterFacts): ConnectorConfig {
  return { ...config, ...serverKeys(cluster) };
}

export function serverKeys(cluster: ClusterFacts): ConnectorConfig {
  return {
    'cloud.environment': 'prod',
    'cloud.provider': cluster.cloud.toLowerCase(),
    'kafka.endpoint': cluster.kafkaEndpoint,
    'kafka.region': cluster.region,
    'kafka.dedicated': String(cluster.dedicated),
  };
}

export function maskConfig(config: ConnectorConfig, sensitive: ReadonlySet<string>): ConnectorConfig {
  const out: ConnectorConfig = {};
  for (const [key, value] of Object.entries(config)) out[key] = sensitive.has(key) ? MASK : value;
  return out;
}

/**
 * A mask sent back for a sensitive key means "keep what is stored" (the spec's own PUT example
 * sends masks); a mask with nothing stored is an error.
 */
export function unmaskConfig(incoming: ConnectorConfig, stored: ConnectorConfig | undefined, sensitive: ReadonlySet<string>): ConnectorConfig {
  const out = { ...incoming };
  for (const [key, value] of Object.entries(incoming)) {
    if (value !== MASK || !sensitive.has(key)) continue;
    const kept = stored?.[key];
    if (kept === undefined) throw new InvalidRequest(`"${key}" is masked but no value is stored for it; send the real value`);
    out[key] = kept;
  }
  return out;
}

/** Splits a config into its plain and its sensitive parts (the latter is stored encrypted). */
export function splitSecrets(config: ConnectorConfig, sensitive: ReadonlySet<string>): { plain: ConnectorConfig; secrets: ConnectorConfig } {
  const plain: ConnectorConfig = {};
  const secrets: ConnectorConfig = {};
  for (const [key, value] of Object.entries(config)) (sensitive.has(key) ? secrets : plain)[key] = value;
  return { plain, secrets };
}
