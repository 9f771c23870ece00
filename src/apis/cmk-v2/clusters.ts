// /cmk/v2/clusters: list (?environment= required; only visible clusters), create (202), read,
// update (spec.environment in the body), delete (204; 409 while connectors remain).
// Cirrus extension on create: `spec.cirrus: {kafka_bootstrap_servers, connect_url}` registers an
// existing Kafka cluster and Kafka Connect pool instead of a new cluster on the embedded broker.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clusterCrn, environmentCrn } from '../../core/rbac.ts';
import type { KafkaCluster } from '../../store/schema.ts';
import { visibleTo } from '../org-v2/environments.ts';
import { OPERATIONS } from '../operations.ts';
import { baseUrl, listEnvelope, objectMetadata, parsePage } from '../v2/paging.ts';
import { actorOf, callerOf, specOf, type V2Deps } from '../v2/context.ts';

const PATH = '/clusters';

function toWire(request: FastifyRequest, deps: V2Deps, row: KafkaCluster) {
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

export default async function clusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get(PATH, { config: { operation: OPERATIONS.clusterList } }, async (request) => {
    const caller = callerOf(request);
    const patterns = await deps.authorizer.patterns(caller);
    const rows = (await deps.clusters.list(caller.organizationId, (request.query as Record<string, unknown>).environment))
      .filter((c) => visibleTo(patterns, clusterCrn(caller.organizationId, c.environment_id, c.id)));
    return listEnvelope(request, 'cmk/v2', 'Cluster', rows.map((r) => toWire(request, deps, r)), parsePage(request.query));
  });

  app.post(PATH, { config: { operation: OPERATIONS.clusterCreate } }, async (request, reply) => {
    const spec = specOf(request);
    const cirrus = spec.cirrus as { kafka_bootstrap_servers?: unknown; connect_url?: unknown } | undefined;
    const row = await deps.clusters.create(callerOf(request).organizationId, (spec.environment as { id?: unknown } | undefined)?.id, {
      displayName: spec.display_name, availability: spec.availability, cloud: spec.cloud, region: spec.region,
      configKind: (spec.config as { kind?: unknown } | undefined)?.kind,
      external: cirrus && { kafkaBootstrapServers: cirrus.kafka_bootstrap_servers, connectUrl: cirrus.connect_url },
    }, actorOf(request));
    const wire = toWire(request, deps, row);
    reply.code(202).header('Location', wire.metadata.self);
    return wire;
  });

  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterRead } }, async (request) =>
    toWire(request, deps, await deps.clusters.get(callerOf(request).organizationId, (request.query as Record<string, unknown>).environment, request.params.id)));

  app.patch<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterUpdate } }, async (request) => {
    const spec = specOf(request);
    const row = await deps.clusters.update(callerOf(request).organizationId, (spec.environment as { id?: unknown } | undefined)?.id, request.params.id, { displayName: spec.display_name }, actorOf(request));
    return toWire(request, deps, row);
  });

  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterDelete } }, async (request, reply) => {
    await deps.clusters.delete(callerOf(request).organizationId, (request.query as Record<string, unknown>).environment, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
