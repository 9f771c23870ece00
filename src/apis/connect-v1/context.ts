// What connect/v1 handlers get: the services, and helpers to read the path.
import type { ConnectorOffsetsService } from '../../services/connector-offsets.ts';
import type { ConnectorService, Scope } from '../../services/connectors.ts';
import type { ConnectorOperations } from '../../services/connector-operations.ts';
import type { Topology } from '../../services/topology.ts';

export interface ConnectV1Deps {
  connectors: ConnectorService;
  topology: Topology;
  offsets: ConnectorOffsetsService;
  /** Restart, history and logs (issue 11). */
  operate: ConnectorOperations;
}

export interface ClusterPath {
  environment_id: string;
  kafka_cluster_id: string;
}

export interface ConnectorPath extends ClusterPath {
  connector_name: string;
}

export function scopeOf(params: ClusterPath): Scope {
  return { environmentId: params.environment_id, clusterId: params.kafka_cluster_id };
}

export const PREFIX = '/environments/:environment_id/clusters/:kafka_cluster_id';
