// Table types of the store (C11). Times are RFC3339 strings so SQLite and PostgreSQL agree.
import type { Generated } from 'kysely';

export interface OrganizationTable {
  id: string;
  display_name: string;
  created_at: string;
  /** Null until first changed when created without it (bootstrap); read as created_at then. */
  updated_at: string | null;
}

export interface EnvironmentTable {
  id: string;
  organization_id: string;
  display_name: string;
  /** org/v2 `stream_governance_config.package`: ESSENTIALS (default) or ADVANCED. */
  stream_governance_package: Generated<string>;
  created_at: string;
  updated_at: string;
}

/** A Kafka Connect group. `managed` pools are started by our supervisor; `external` ones are only called. */
export interface ConnectPoolTable {
  id: string;
  kind: 'managed' | 'external' | 'custom';
  /** Only for external pools; a managed pool's URL follows the supervisor's settings. */
  rest_url: string | null;
  /** A managed or custom pool's REST port; null: the installation's own (CIRRUS_CONNECT_PORT). */
  port: number | null;
  /** Custom pools: the plugin version they run, and the cluster whose broker they use. */
  plugin_version_id: string | null;
  kafka_cluster_id: string | null;
  created_at: string;
}

export interface KafkaClusterTable {
  id: string;
  environment_id: string;
  display_name: string;
  /** `embedded`: the local broker, whose address follows the settings; else `bootstrap_servers`. */
  kind: 'embedded' | 'external';
  bootstrap_servers: string | null;
  cloud: string;
  region: string;
  connect_pool_id: string;
  /** cmk/v2 `spec.availability` and `spec.config.kind`. */
  availability: Generated<string>;
  config_kind: Generated<string>;
  /** `spec.config.cku` of Dedicated clusters; null for the other kinds. */
  cku: number | null;
  /** `spec.config.max_ecku` of the other kinds when set; null for Dedicated. */
  max_ecku: number | null;
  /** An embedded cluster's own broker; null: the installation's own ports (the settings). */
  broker_port: number | null;
  controller_port: number | null;
  created_at: string;
  updated_at: string;
}

/** Users (`u-…`) and service accounts (`sa-…`): whoever can own an API key. */
export interface PrincipalTable {
  id: string;
  organization_id: string;
  kind: 'user' | 'service_account';
  display_name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface ApiKeyTable {
  id: string;
  /** Keyed hash (HMAC-SHA256) of the secret; the secret itself is never stored. */
  secret_hash: string;
  owner_id: string;
  /** `cloud` keys reach the control-plane APIs; `kafka_cluster` keys belong in connector configs; `schema_registry` keys reach one registry. */
  resource_kind: 'cloud' | 'kafka_cluster' | 'schema_registry';
  resource_id: string | null;
  display_name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface RoleBindingTable {
  id: string;
  principal_id: string;
  role_name: string;
  crn_pattern: string;
  created_at: string;
}

export interface OperationTable {
  seq: Generated<number>;
  /** e.g. `identity.bootstrap`; every mutation commits with one of these (C11). */
  operation: string;
  resource_id: string;
  actor: string;
  detail: string;
  created_at: string;
}

export interface ConnectorTable {
  id: string;
  environment_id: string;
  kafka_cluster_id: string;
  name: string;
  /** The managed plugin's alias, e.g. `DatagenSource`. */
  plugin: string;
  connector_type: 'source' | 'sink';
  /** JSON of the non-sensitive keys, exactly as the client sent them. */
  config: string;
  /** The sensitive keys, encrypted (see services/config-cipher.ts). */
  secret_config: string;
  desired_state: 'RUNNING' | 'PAUSED';
  /** JSON array of starting offsets given at create. */
  initial_offsets: string;
  /** 1 while the starting offsets are not yet written to the engine: it must not run before. */
  offsets_pending: number;
  /** Custom connectors: the plugin version they run and the pool running it. */
  plugin_version_id: string | null;
  connect_pool_id: string | null;
  /** Bumped by every change of the desired state. */
  generation: number;
  created_at: string;
  updated_at: string;
  /** Set when deleted; the row goes once the engine no longer has the connector. */
  deleted_at: string | null;
}

/** What the reconciler last observed, and its retry schedule (C16, C17). */
export interface ConnectorStatusTable {
  connector_id: string;
  state: string;
  trace: string;
  /** JSON array of {id, state, msg}. */
  tasks: string;
  observed_at: string;
  last_error: string;
  attempts: number;
  next_attempt_at: string | null;
  /** 1 once the engine has run it: later transitions show the last stable state, not PROVISIONING. */
  has_run: number;
  /** The connector generation the retry schedule belongs to; a newer change is tried at once. */
  attempt_generation: number | null;
  /** Automatic restarts since last stable, the next one due, the last one, the failure's class. */
  restart_attempts: Generated<number>;
  next_restart_at: string | null;
  last_restart_at: string | null;
  failure_class: string | null;
}

export interface AuditEventTable {
  seq: Generated<number>;
  at: string;
  request_id: string;
  principal_id: string | null;
  /** The key id named in the request, even when it did not authenticate, if shaped like a key id (never a secret). */
  api_key_id: string | null;
  operation: string;
  method: string;
  path: string;
  status: number;
  outcome: 'ok' | 'denied' | 'failed';
  /** The client address (request.ip). */
  address: string | null;
  /**
   * How many requests this row stands for: 1, except for refusals (401, 429) aggregated per
   * address, minute and status, where `at` is the minute's start and fields that differed
   * between the requests read `*`.
   */
  count: number;
}

export interface CustomPluginTable {
  id: string;
  api: 'connect/v1' | 'ccpm/v1';
  organization_id: string;
  environment_id: string | null;
  display_name: string;
  description: string;
  cloud: string;
  runtime_language: string;
  created_at: string;
  updated_at: string;
}

export interface PluginVersionTable {
  id: string;
  plugin_id: string;
  version: string;
  /** JSON array of {className, type}. */
  connector_classes: string;
  /** JSON array of config keys. */
  sensitive_config_properties: string;
  documentation_link: string;
  content_format: string;
  archive_sha256: string | null;
  /** 1 when every plugin in the archive has a ServiceLoader manifest (its pool skips the scan). */
  service_manifests: number;
  phase: string;
  error_message: string;
  /** The upload the archive came from (kept while the version is being inspected). */
  upload_id: string;
  created_at: string;
  updated_at: string;
}

/** A presigned plugin upload (issue 9): granted, completed once the file arrived, used once. */
export interface UploadTable {
  /** UUIDv4, the `upload_id` clients pass to plugin create. */
  id: string;
  api: 'connect/v1' | 'ccpm/v1';
  organization_id: string;
  /** ccpm/v1 uploads belong to an environment; connect/v1 ones to the organization. */
  environment_id: string | null;
  content_format: 'ZIP' | 'JAR';
  cloud: 'AWS' | 'GCP' | 'AZURE';
  bucket: string;
  object_key: string;
  created_at: string;
  /** The grant's policy expires then; an upload finished before may be used later. */
  expires_at: string;
  completed_at: string | null;
  size: number | null;
  sha256: string | null;
  /** Set by the plugin that used it, in that plugin's transaction; an upload is used once. */
  consumed_at: string | null;
}

export interface DB {
  custom_plugins: CustomPluginTable;
  plugin_versions: PluginVersionTable;
  audit_events: AuditEventTable;
  connectors: ConnectorTable;
  connector_status: ConnectorStatusTable;
  organizations: OrganizationTable;
  environments: EnvironmentTable;
  connect_pools: ConnectPoolTable;
  kafka_clusters: KafkaClusterTable;
  principals: PrincipalTable;
  api_keys: ApiKeyTable;
  role_bindings: RoleBindingTable;
  operations: OperationTable;
  uploads: UploadTable;
  offsets_requests: OffsetsRequestTable;
  metric_points: MetricPointTable;
  metric_counters: MetricCounterTable;
  metric_states: MetricStateTable;
  schema_registry_counters: SchemaRegistryCounterTable;
  registry_schemas: RegistrySchemaTable;
  registry_subject_versions: RegistrySubjectVersionTable;
  registry_settings: RegistrySettingTable;
}

/** One minute of one metric of a connector (issue 12): a counter's increase, summed over its tasks. */
export interface MetricPointTable {
  connector_id: string;
  kafka_cluster_id: string;
  /** Confluent's name, e.g. `io.confluent.kafka.connect/sent_records`. */
  metric: string;
  /** Minutes since the epoch (UTC). */
  minute: number;
  value: number;
}

/** The last raw value scraped of one counter of a connector or one of its tasks. */
export interface MetricCounterTable {
  connector_id: string;
  /** `connector` or `task-<n>`. */
  source: string;
  metric: string;
  value: number;
  observed_at: string;
}

/** The state a connector (task '') or one of its tasks was seen in during one minute. */
export interface MetricStateTable {
  connector_id: string;
  kafka_cluster_id: string;
  metric: string;
  task: string;
  minute: number;
  status: string;
}

/** An offsets request and the job that applies it (core/offsets-request.ts). */
export interface OffsetsRequestTable {
  id: string;
  connector_id: string;
  request_type: 'PATCH' | 'DELETE';
  /** JSON array of {partition, offset}; [] for DELETE. */
  offsets: string;
  requested_at: string;
  phase: 'PENDING' | 'APPLIED' | 'FAILED';
  step: 'stop' | 'alter' | 'restore' | 'done';
  /** The engine state found before the job stopped the connector. */
  found_state: string | null;
  /** JSON array of the engine offsets read just before the alter. */
  previous_offsets: string | null;
  error: string | null;
  applied_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** Schema Registry (issue 14): the last global schema id given out per registry. */
export interface SchemaRegistryCounterTable {
  registry_id: string;
  last_schema_id: number;
}

export interface RegistrySchemaTable {
  registry_id: string;
  id: number;
  schema_type: string;
  fingerprint: string;
  schema_text: string;
  references_json: string;
  created_at: string;
}

export interface RegistrySubjectVersionTable {
  registry_id: string;
  subject: string;
  version: number;
  schema_id: number;
  deleted: Generated<number>;
  created_at: string;
}

/** subject '' is the registry-wide setting. */
export interface RegistrySettingTable {
  registry_id: string;
  subject: string;
  compatibility: string | null;
  mode: string | null;
  compatibility_group: string | null;
  /** 1 or 0; null when not set. */
  normalize: number | null;
  alias: string | null;
}
