// cmk/v2 clusters: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf, specOf, type V2Deps } from '../../v2/context.ts';
import { PATH, toWire } from './wire.ts';

export default async function createClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
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
}
