// The managed-connector catalog: what a plugin accepts (definitions shown by validate), which
// keys are secret, and how a Cloud config becomes the engine's config. Data, not I/O.

export type ConfigType = 'BOOLEAN' | 'INT' | 'SHORT' | 'LONG' | 'DOUBLE' | 'STRING' | 'LIST' | 'PASSWORD';

export interface ConfigKeyDefinition {
  name: string;
  type: ConfigType;
  required: boolean;
  defaultValue: string;
  importance: 'HIGH' | 'MEDIUM' | 'LOW';
  documentation: string;
  group: string;
  width: 'NONE' | 'SHORT' | 'MEDIUM' | 'LONG';
  displayName: string;
  /** Shown as recommended_values; when `choicesOnly`, any other value is an error (case-insensitive). */
  choices?: string[];
  choicesOnly?: boolean;
  /** Inclusive numeric bounds for INT/LONG keys. */
  min?: number;
  max?: number;
  /** Extra rule; returns an error message or undefined. Sees the whole config for rules across keys. */
  check?: (value: string, config: Readonly<Record<string, string>>, context: ValidationContext) => string | undefined;
  /** Required only in some configs (e.g. the password of BASIC auth); `required` is the static part. */
  requiredWhen?: (config: Readonly<Record<string, string>>) => boolean;
  /** Whether a form shows the key for this config (validate's `visible`); always when absent. */
  visibleWhen?: (config: Readonly<Record<string, string>>) => boolean;
  /** Keys whose meaning depends on this one (validate's `dependents`). */
  dependents?: string[];
  /** Masked in every answer and encrypted at rest (PASSWORD keys always are). */
  sensitive?: boolean;
  /**
   * A place the connector will reach (a URL, or a bare host): the service resolves its name
   * before validation, so the check sees the addresses it stands for (ValidationContext.resolved).
   */
  egress?: 'url' | 'host';
}

/** What validation knows of the installation besides the config. */
export interface ValidationContext {
  /**
   * Whether a connector may call an HTTP endpoint on this host's loopback (CIRRUS_EGRESS_LOOPBACK):
   * off by default, since Cirrus's own listeners (its API, brokers, Connect REST) are there.
   */
  allowLoopbackEgress: boolean;
  /**
   * The addresses each host name of the config's egress keys resolved to, looked up just before
   * validation (names that do not resolve are absent). A name is only as safe as what it stands
   * for: `ip6-localhost`, or any name in DNS, can point at this host's loopback.
   */
  resolved?: ReadonlyMap<string, readonly string[]>;
}

/** A field of an offset's partition or offset map: a Kafka topic name, or a count/position (integer >= 0). */
export type OffsetField = 'topic' | 'position';

/** The maps a connector's offsets are made of (Kafka Connect's source partition and offset). */
export interface OffsetShape {
  partition: Readonly<Record<string, OffsetField>>;
  offset: Readonly<Record<string, OffsetField>>;
}

/** What the engine config is built from besides the user's config. */
export interface EngineContext {
  connectorId: string;
  kafkaBootstrapServers: string;
  /**
   * What the engine config holds for a secret value: a config-provider placeholder, so the
   * value never sits in Connect's config (engine/engine-secrets.ts). Every secret goes through it.
   */
  secret(value: string): string;
  /**
   * The environment's Schema Registry as the connector reaches it: its URL and the credential
   * Cirrus gives connectors there (`<user>:<secret>`, passed through `secret`). Absent where no
   * registry is served (an engine context without one refuses AVRO and JSON_SR).
   */
  schemaRegistry?: { url: string; userInfo: string };
  /**
   * Whether connectors may call this host's loopback (CIRRUS_EGRESS_LOOPBACK): validation judged
   * the address a name had then; the engine judges it again at each request (DNS rebinding).
   */
  allowLoopbackEgress?: boolean;
}

export interface ManagedPlugin {
  /** The alias used in `connector.class` and in plugin routes, e.g. `DatagenSource`. */
  alias: string;
  /** Other `connector.class` values users know for this plugin. */
  otherClassNames: string[];
  /** The Java class that runs in Kafka Connect. */
  engineClass: string;
  type: 'source' | 'sink';
  version: string;
  groups: string[];
  definitions: ConfigKeyDefinition[];
  /**
   * Source plugins: the partition and offset maps their tasks write, so starting offsets given
   * at create can be checked (sinks all share Kafka's, see connector-offsets.ts). A source
   * plugin without one takes no starting offsets.
   */
  sourceOffsets?: OffsetShape;
  /** Builds the engine config from a valid user config (secrets decrypted). */
  toEngineConfig(config: Record<string, string>, context: EngineContext): Record<string, string>;
}

export function isSensitive(definition: ConfigKeyDefinition): boolean {
  return definition.type === 'PASSWORD' || definition.sensitive === true;
}
