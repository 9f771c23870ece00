// iam/v2 role bindings: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, bodyOf, callerOf, type V2Deps } from '../../v2/context.ts';
import { PATH, toWire } from './wire.ts';

export default async function createRoleBindings(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post(PATH, { config: { operation: OPERATIONS.roleBindingCreate } }, async (request, reply) => {
    const body = bodyOf(request);
    const row = await deps.roleBindings.create(callerOf(request).organizationId, { principal: body.principal, roleName: body.role_name, crnPattern: body.crn_pattern }, actorOf(request));
    const wire = toWire(request, row);
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });
}
