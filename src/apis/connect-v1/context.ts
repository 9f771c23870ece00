// What connect/v1 handlers get: the services, and helpers to read the path and the caller.
import type { FastifyRequest } from 'fastify';
import type { ConnectorService, Scope } from '../../services/connectors.ts';
import type { Topology } from '../../services/topology.ts';

export interface ConnectV1Deps {
  connectors: ConnectorService;
  topology: Topology;
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

/** Who did it, for the operation records: the principal and the key it used. */
export function actorOf(request: FastifyRequest): string {
  return request.caller ? `${request.caller.principalId}/${request.caller.apiKeyId}` : 'anonymous';
}

export const PREFIX = '/environments/:environment_id/clusters/:kafka_cluster_id';
