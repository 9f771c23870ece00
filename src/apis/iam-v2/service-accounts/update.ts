// iam/v2 service accounts: update.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams, nullableText, text } from '../../v2/schemas.ts';
import { PATH, toWireServiceAccount } from './wire.ts';

const body = { type: 'object', properties: { display_name: text, description: nullableText } } as const;

export default async function updateServiceAccounts(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.patch<{ Params: { id: string }; Body: { display_name?: string; description?: string | null } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.serviceAccountUpdate }, schema: { params: idParams, body } }, async (request) => {
    const { display_name: displayName, description } = request.body;
    return toWireServiceAccount(request, await deps.serviceAccounts.update(callerOf(request).organizationId, request.params.id, { displayName, description }, actorOf(request)));
  });
}
