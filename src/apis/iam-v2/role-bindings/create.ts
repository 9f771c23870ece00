// iam/v2 role bindings: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, bodyOf, callerOf, type V2Deps } from '../../v2/context.ts';
import { text } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const body = { type: 'object', required: ['principal', 'role_name', 'crn_pattern'], properties: { principal: text, role_name: text, crn_pattern: text } } as const;

export default async function createRoleBindings(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post(PATH, { config: { operation: OPERATIONS.roleBindingCreate }, schema: { body } }, async (request, reply) => {
    const body = bodyOf(request);
    const row = await deps.roleBindings.create(callerOf(request).organizationId, { principal: body.principal, roleName: body.role_name, crnPattern: body.crn_pattern }, actorOf(request));
    const wire = toWire(request, row);
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });
}
