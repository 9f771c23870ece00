// iam/v2 API keys: delete.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams } from '../../v2/schemas.ts';
import { PATH } from './wire.ts';

export default async function deleteApiKeys(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.apiKeyDelete }, schema: { params: idParams } }, async (request, reply) => {
    await deps.apiKeys.revoke(callerOf(request).organizationId, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
