// org/v2 environments: update.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, bodyOf, callerOf, type V2Deps } from '../../v2/context.ts';
import { idParams, text } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const body = { type: 'object', properties: { display_name: text } } as const;

export default async function updateEnvironments(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.patch<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.environmentUpdate }, schema: { params: idParams, body } }, async (request) =>
    toWire(request, await deps.environments.update(callerOf(request).organizationId, request.params.id, { displayName: bodyOf(request).display_name }, actorOf(request))));
}
