// cmk/v2 clusters: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { reference, text } from '../../v2/schemas.ts';
import { configInput, PATH, toWire, type ConfigInput } from './wire.ts';

const body = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['display_name', 'availability', 'cloud', 'region', 'config', 'environment'],
      properties: {
        display_name: text, availability: text, cloud: text, region: text,
        config: { ...configInput, required: ['kind'] },
        environment: reference,
        // Cirrus extension: an existing Kafka cluster and Kafka Connect to register.
        cirrus: { type: 'object', required: ['kafka_bootstrap_servers', 'connect_url'], properties: { kafka_bootstrap_servers: text, connect_url: text } },
      },
    },
  },
} as const;

interface Body {
  spec: {
    display_name: string; availability: string; cloud: string; region: string; config: ConfigInput & { kind: string }; environment: { id: string };
    cirrus?: { kafka_bootstrap_servers: string; connect_url: string };
  };
}

export default async function createClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post<{ Body: Body }>(PATH, { config: { operation: OPERATIONS.clusterCreate }, schema: { body } }, async (request, reply) => {
    const { spec } = request.body;
    const cirrus = spec.cirrus;
    const row = await deps.clusters.create(callerOf(request).organizationId, spec.environment.id, {
      displayName: spec.display_name, availability: spec.availability, cloud: spec.cloud, region: spec.region,
      configKind: spec.config.kind, cku: spec.config.cku, maxEcku: spec.config.max_ecku,
      external: cirrus && { kafkaBootstrapServers: cirrus.kafka_bootstrap_servers, connectUrl: cirrus.connect_url },
    }, actorOf(request));
    const wire = toWire(request, deps, row);
    reply.code(202).header('Location', wire.metadata.self);
    return wire;
  });
}
