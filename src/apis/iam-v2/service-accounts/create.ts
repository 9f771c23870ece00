// iam/v2 service accounts: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, bodyOf, callerOf, type V2Deps } from '../../v2/context.ts';
import { nullableText, text } from '../../v2/schemas.ts';
import { PATH, toWireServiceAccount } from './wire.ts';

const body = { type: 'object', required: ['display_name'], properties: { display_name: text, description: nullableText } } as const;

export default async function createServiceAccounts(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post(PATH, { config: { operation: OPERATIONS.serviceAccountCreate }, schema: { body } }, async (request, reply) => {
    const body = bodyOf(request);
    const row = await deps.serviceAccounts.create(callerOf(request).organizationId, { displayName: body.display_name, description: body.description }, actorOf(request));
    const wire = toWireServiceAccount(request, row);
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });
}
