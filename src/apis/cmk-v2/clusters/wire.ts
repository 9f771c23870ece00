// /cmk/v2/clusters: list (?environment= required; only visible clusters), create (202), read,
// update (spec.environment in the body), delete (204; 409 while connectors remain).
// Cirrus extension on create: `spec.cirrus: {kafka_bootstrap_servers, connect_url}` registers an
// existing Kafka cluster and Kafka Connect pool instead of a new cluster on the embedded broker.
import type { FastifyRequest } from 'fastify';
import { objectMetadata, baseUrl } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { clusterCrn, environmentCrn } from '../../../core/rbac.ts';
import type { KafkaCluster } from '../../../core/cluster.ts';

export const PATH = '/clusters';

/** `spec.config` as clients send it: the kind and its capacity; values checked by core/cluster-spec.ts. */
export const configInput = { type: 'object', properties: { kind: { type: 'string' }, cku: { type: 'integer' }, max_ecku: { type: 'integer' } } } as const;

export interface ConfigInput {
  kind?: string;
  cku?: number;
  max_ecku?: number;
}

function configOf(cluster: KafkaCluster) {
  if (cluster.configKind === 'Dedicated') return { kind: cluster.configKind, cku: cluster.cku };
  return { kind: cluster.configKind, ...(cluster.maxEcku !== null ? { max_ecku: cluster.maxEcku } : {}) };
}

export function toWire(request: FastifyRequest, deps: V2Deps, cluster: KafkaCluster) {
  const org = callerOf(request).organizationId;
  const env = cluster.environmentId;
  return {
    api_version: 'cmk/v2', kind: 'Cluster', id: cluster.id,
    metadata: objectMetadata(request, `/cmk/v2${PATH}/${cluster.id}`, clusterCrn(org, env, cluster.id), cluster),
    spec: {
      display_name: cluster.displayName, availability: cluster.availability, cloud: cluster.cloud.toUpperCase(), region: cluster.region,
      config: configOf(cluster),
      kafka_bootstrap_endpoint: deps.topology.addresses.kafkaEndpoint(cluster),
      http_endpoint: baseUrl(request),
      api_endpoint: baseUrl(request),
      environment: { id: env, related: `${baseUrl(request)}/org/v2/environments/${env}`, resource_name: environmentCrn(org, env) },
    },
    // The spec: status.cku is the CKUs a Dedicated cluster currently has.
    status: { phase: deps.clusters.phase(cluster), ...(cluster.configKind === 'Dedicated' ? { cku: cluster.cku } : {}) },
  };
}
