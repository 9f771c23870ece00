// org/v2 environments: read.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

export default async function readEnvironments(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.environmentRead }, schema: { params: idParams } }, async (request) =>
    toWire(request, await deps.environments.get(callerOf(request).organizationId, request.params.id)));
}
