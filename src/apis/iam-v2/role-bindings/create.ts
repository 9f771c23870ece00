// iam/v2 role bindings: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { text } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const body = { type: 'object', required: ['principal', 'role_name', 'crn_pattern'], properties: { principal: text, role_name: text, crn_pattern: text } } as const;

export default async function createRoleBindings(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post<{ Body: { principal: string; role_name: string; crn_pattern: string } }>(PATH, { config: { operation: OPERATIONS.roleBindingCreate }, schema: { body } }, async (request, reply) => {
    const { principal, role_name: roleName, crn_pattern: crnPattern } = request.body;
    const wire = toWire(request, await deps.roleBindings.create(callerOf(request).organizationId, { principal, roleName, crnPattern }, actorOf(request)));
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });
}
