// /cmk/v2/clusters: list (?environment= required; only visible clusters), create (202), read,
// update (spec.environment in the body), delete (204; 409 while connectors remain).
// Cirrus extension on create: `spec.cirrus: {kafka_bootstrap_servers, connect_url}` registers an
// existing Kafka cluster and Kafka Connect pool instead of a new cluster on the embedded broker.
import type { FastifyRequest } from 'fastify';
import { objectMetadata, baseUrl } from '../../v2/paging.ts';
import { callerOf, type V2Deps } from '../../v2/context.ts';
import { clusterCrn, environmentCrn } from '../../../core/rbac.ts';
import type { KafkaCluster } from '../../../store/schema.ts';

export const PATH = '/clusters';

/** `spec.config` as clients send it: the kind and its capacity; values checked by core/cluster-spec.ts. */
export const configInput = { type: 'object', properties: { kind: { type: 'string' }, cku: { type: 'integer' }, max_ecku: { type: 'integer' } } } as const;

export interface ConfigInput {
  kind?: string;
  cku?: number;
  max_ecku?: number;
}

function configOf(row: KafkaCluster) {
  if (row.config_kind === 'Dedicated') return { kind: row.config_kind, cku: row.cku };
  return { kind: row.config_kind, ...(row.max_ecku !== null ? { max_ecku: row.max_ecku } : {}) };
}

export function toWire(request: FastifyRequest, deps: V2Deps, row: KafkaCluster) {
  const org = callerOf(request).organizationId;
  const bootstrap = deps.topology.bootstrapServers(row);
  return {
    api_version: 'cmk/v2', kind: 'Cluster', id: row.id,
    metadata: objectMetadata(request, `/cmk/v2${PATH}/${row.id}`, clusterCrn(org, row.environment_id, row.id), row),
    spec: {
      display_name: row.display_name, availability: row.availability, cloud: row.cloud.toUpperCase(), region: row.region,
      config: configOf(row),
      kafka_bootstrap_endpoint: `PLAINTEXT://${bootstrap.split(',')[0]}`,
      http_endpoint: baseUrl(request),
      api_endpoint: baseUrl(request),
      environment: { id: row.environment_id, related: `${baseUrl(request)}/org/v2/environments/${row.environment_id}`, resource_name: environmentCrn(org, row.environment_id) },
    },
    // The spec: status.cku is the CKUs a Dedicated cluster currently has.
    status: { phase: deps.clusters.phase(row), ...(row.config_kind === 'Dedicated' ? { cku: row.cku } : {}) },
  };
}
