// iam/v2 API keys: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf, specOf, type V2Deps } from '../../v2/context.ts';
import { PATH, apiKeyBody } from './wire.ts';

export default async function createApiKeys(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post(PATH, { config: { operation: OPERATIONS.apiKeyCreate } }, async (request, reply) => {
    const spec = specOf(request);
    const owner = (spec.owner ?? {}) as { id?: unknown };
    const resource = (spec.resource ?? {}) as { id?: unknown };
    const { row, secret } = await deps.apiKeys.create(callerOf(request).organizationId, {
      ownerId: String(owner.id ?? ''), resource: String(resource.id ?? ''),
      displayName: typeof spec.display_name === 'string' ? spec.display_name : undefined,
      description: typeof spec.description === 'string' ? spec.description : undefined,
    }, actorOf(request));
    const body = await apiKeyBody(deps, request, row, secret);
    reply.code(202).header('Location', body.metadata.self);
    return body;
  });
}
