// org/v2 organizations: read.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

export default async function readOrganizations(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.organizationRead }, schema: { params: idParams } }, async (request) =>
    toWire(request, await deps.organizations.get(callerOf(request).organizationId, request.params.id)));
}
