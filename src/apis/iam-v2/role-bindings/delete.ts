// iam/v2 role bindings: delete.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

export default async function deleteRoleBindings(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.roleBindingDelete }, schema: { params: idParams } }, async (request) =>
    toWire(request, await deps.roleBindings.delete(callerOf(request).organizationId, request.params.id, actorOf(request))));
}
