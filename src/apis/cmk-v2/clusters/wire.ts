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

export function toWire(request: FastifyRequest, deps: V2Deps, row: KafkaCluster) {
  const org = callerOf(request).organizationId;
  const bootstrap = deps.topology.bootstrapServers(row);
  return {
    api_version: 'cmk/v2', kind: 'Cluster', id: row.id,
    metadata: objectMetadata(request, `/cmk/v2${PATH}/${row.id}`, clusterCrn(org, row.environment_id, row.id), row),
    spec: {
      display_name: row.display_name, availability: row.availability, cloud: row.cloud.toUpperCase(), region: row.region,
      config: { kind: row.config_kind },
      kafka_bootstrap_endpoint: `PLAINTEXT://${bootstrap.split(',')[0]}`,
      http_endpoint: baseUrl(request),
      api_endpoint: baseUrl(request),
      environment: { id: row.environment_id, related: `${baseUrl(request)}/org/v2/environments/${row.environment_id}`, resource_name: environmentCrn(org, row.environment_id) },
    },
    status: { phase: deps.clusters.phase(row) },
  };
}
