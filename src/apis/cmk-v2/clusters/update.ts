// cmk/v2 clusters: update.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf, type V2Deps } from '../../v2/context.ts';
import { idParams, reference, text } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

// The environment travels in the body on PATCH (CONTRACT §4.3).
const body = {
  type: 'object',
  required: ['spec'],
  properties: { spec: { type: 'object', required: ['environment'], properties: { display_name: text, environment: reference } } },
} as const;

interface Body {
  spec: { display_name?: string; environment: { id: string } };
}

export default async function updateClusters(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.patch<{ Params: { id: string }; Body: Body }>(`${PATH}/:id`, { config: { operation: OPERATIONS.clusterUpdate }, schema: { params: idParams, body } }, async (request) => {
    const { spec } = request.body;
    const row = await deps.clusters.update(callerOf(request).organizationId, spec.environment.id, request.params.id, { displayName: spec.display_name }, actorOf(request));
    return toWire(request, deps, row);
  });
}
