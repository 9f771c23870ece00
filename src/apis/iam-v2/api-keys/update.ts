// iam/v2 API keys: update.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams, nullableText, objectOf } from '../../v2/schemas.ts';
import { PATH, toWireApiKey } from './wire.ts';

// Only the name and description of a key change; owner and resource are fixed at create.
const body = { type: 'object', required: ['spec'], properties: { spec: objectOf({ display_name: nullableText, description: nullableText }) } } as const;

export default async function updateApiKeys(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.patch<{ Params: { id: string }; Body: { spec: { display_name?: string | null; description?: string | null } } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.apiKeyUpdate }, schema: { params: idParams, body } }, async (request) => {
    const { spec } = request.body;
    const updated = await deps.apiKeys.update(callerOf(request).organizationId, request.params.id, {
      displayName: spec.display_name ?? undefined, description: spec.description ?? undefined,
    }, actorOf(request));
    return toWireApiKey(request, updated);
  });
}
