// cmk/v2 clusters: update.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams, reference, text } from '../../v2/schemas.ts';
import { configInput, PATH, toWire, type ConfigInput } from './wire.ts';

// The environment travels in the body on PATCH (CONTRACT §4.3). display_name, availability,
// config and deletion_protection may change (ClusterSpecUpdate); cloud, region, network and byok
// are declared so that sending them changed is a 400 rather than silently ignored.
const body = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['environment'],
      properties: {
        display_name: text, availability: text, config: configInput, deletion_protection: { type: 'boolean' }, environment: reference,
        cloud: text, region: text, network: { type: ['object', 'null'] }, byok: { type: ['object', 'null'] },
      },
    },
  },
} as const;

interface Body {
  spec: {
    display_name?: string; availability?: string; config?: ConfigInput; deletion_protection?: boolean; environment: { id: string };
    cloud?: string; region?: string; network?: object | null; byok?: object | null;
  };
}

export default async function updateClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.patch<{ Params: { id: string }; Body: Body }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterUpdate }, schema: { params: idParams, body } }, async (request) => {
    const { spec } = request.body;
    const row = await deps.clusters.update(callerOf(request).organizationId, spec.environment.id, request.params.id, {
      displayName: spec.display_name, availability: spec.availability, config: spec.config, deletionProtection: spec.deletion_protection,
      cloud: spec.cloud, region: spec.region, network: spec.network, byok: spec.byok,
    }, actorOf(request));
    return toWire(request, deps, row);
  });
}
