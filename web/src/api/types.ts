// The wire shapes the console reads (CONTRACT.md §1–4), only the fields it uses.
export type ConnectorState = 'NONE' | 'PROVISIONING' | 'RUNNING' | 'DEGRADED' | 'FAILED' | 'PAUSED' | 'DELETED';

export interface ConnectorStatus {
  name: string;
  type: 'sink' | 'source';
  connector: { state: ConnectorState; worker_id: string; trace?: string };
  tasks?: { id: number; state: string; worker_id: string; msg?: string }[];
}

export interface ConnectorWire {
  name: string;
  type?: 'sink' | 'source';
  config: Record<string, string>;
  tasks?: { connector: string; task: number }[];
}

export interface ConnectorExpansion {
  id?: { id: string; id_type: string };
  info?: ConnectorWire;
  status?: ConnectorStatus;
}

export interface ManagedPlugin {
  class: string;
  type: 'sink' | 'source';
  version?: string;
}

export interface CustomPlugin {
  id: string;
  display_name: string;
  connector_class: string;
  connector_type: 'SOURCE' | 'SINK';
  sensitive_config_properties?: string[];
}

export interface ConfigDefinition {
  name: string;
  type: 'NONE' | 'BOOLEAN' | 'INT' | 'SHORT' | 'LONG' | 'DOUBLE' | 'STRING' | 'LIST' | 'ENUM' | 'PASSWORD';
  required: boolean;
  default_value: string;
  importance: string;
  documentation: string;
  group: string;
  display_name: string;
  dependents: string[];
  order: number;
}

export interface ConfigValue {
  name: string;
  value: string;
  recommended_values: string[];
  errors: string[];
  visible: boolean;
}

export interface ValidationResult {
  name: string;
  groups: string[];
  error_count: number;
  configs: { definition: ConfigDefinition; value: ConfigValue }[];
}

export interface Environment {
  id: string;
  display_name: string;
}
export interface EnvironmentList {
  data: Environment[];
}
export interface Cluster {
  id: string;
  spec: { display_name: string; environment?: { id: string } };
}
export interface ClusterList {
  data: Cluster[];
}

export interface MetricPoint {
  timestamp: string;
  value: number;
}

export interface PresignedUrl {
  upload_id: string;
  upload_url: string;
  upload_form_data: Record<string, string>;
}

export interface Offset {
  partition: Record<string, unknown>;
  offset: Record<string, unknown>;
}
export interface OffsetsWire {
  name: string;
  id: string;
  offsets: Offset[];
  metadata: { observed_at: string };
}
export interface OffsetsRequestStatus {
  request: { id: string; name: string; type: 'PATCH' | 'DELETE'; offsets?: Offset[]; requested_at: string };
  status: { phase: 'PENDING' | 'APPLIED' | 'FAILED'; message?: string };
  previous_offsets?: Offset[];
  applied_at: string | null;
}

export interface OperationEntry {
  id: string;
  operation: string;
  actor: string;
  at: string;
  outcome: string;
  changes: { key: string; change: string; before?: string; after?: string }[];
}

export interface LogLine {
  timestamp: string;
  level: string;
  context: string | null;
  message: string;
  logger: string;
}

export interface ServiceAccount {
  id: string;
  display_name: string;
  description?: string;
}
export interface ApiKey {
  id: string;
  spec: { display_name?: string; description?: string; secret?: string; owner: { id: string }; resource?: { id: string; kind?: string } };
}
export interface RoleBinding {
  id: string;
  principal: string;
  role_name: string;
  crn_pattern: string;
}
export interface Organization {
  id: string;
  display_name: string;
}
