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

/** `managed`: started by the data plane; `external`: a Connect cluster someone else runs. */
export type PoolKind = 'managed' | 'external';

/** A Kafka Connect group: its workers, group id and internal topics. */
export interface ConnectPool {
  id: string;
  kind: PoolKind;
  /** External pools: where Cirrus calls them. */
  restUrl: string | undefined;
  /** Managed pools: their REST port; undefined: the installation's own (the settings). */
  port: number | undefined;
  createdAt: string;
}
