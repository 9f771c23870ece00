// Kafka clusters (cmk/v2) and the Connect pools that run their connectors.

/** The ports of an embedded cluster's own broker. */
export interface BrokerPorts {
  broker: number;
  controller: number;
}

export interface KafkaCluster {
  id: string;
  environmentId: string;
  displayName: string;
  /** `embedded`: a broker the data plane runs; `external`: registered with spec.cirrus. */
  kind: 'embedded' | 'external';
  /** External clusters only. */
  bootstrapServers: string | undefined;
  cloud: string;
  region: string;
  connectPoolId: string;
  availability: string;
  configKind: string;
  cku: number | null;
  maxEcku: number | null;
  /** An embedded cluster's own broker; undefined: the installation's own (the settings). */
  brokerPorts: BrokerPorts | undefined;
  createdAt: string;
  updatedAt: string;
}

/**
 * `managed`: a cluster's pool for managed connectors, started by the data plane; `external`: a
 * Connect cluster someone else runs; `custom`: one plugin version's pool for one cluster, whose
 * plugin.path holds only that plugin, started by the data plane while connectors use it.
 */
export type PoolKind = 'managed' | 'external' | 'custom';

/** A Kafka Connect group: its workers, group id and internal topics. */
export interface ConnectPool {
  id: string;
  kind: PoolKind;
  /** External pools: where Cirrus calls them. */
  restUrl: string | undefined;
  /** Managed and custom pools: their REST port; undefined: the installation's own (the settings). */
  port: number | undefined;
  /** Custom pools: the plugin version they run and the cluster whose broker they use. */
  pluginVersionId: string | undefined;
  kafkaClusterId: string | undefined;
  createdAt: string;
}
