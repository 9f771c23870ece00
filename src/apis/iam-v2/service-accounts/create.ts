// iam/v2 service accounts: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { nullableText, text } from '../../v2/schemas.ts';
import { PATH, toWireServiceAccount } from './wire.ts';

const body = { type: 'object', required: ['display_name'], properties: { display_name: text, description: nullableText } } as const;

export default async function createServiceAccounts(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post<{ Body: { display_name: string; description?: string | null } }>(PATH, { config: { operation: OPERATIONS.serviceAccountCreate }, schema: { body } }, async (request, reply) => {
    const { display_name: displayName, description } = request.body;
    const wire = toWireServiceAccount(request, await deps.serviceAccounts.create(callerOf(request).organizationId, { displayName, description }, actorOf(request)));
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });
}
