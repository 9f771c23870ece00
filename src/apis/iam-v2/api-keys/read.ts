// iam/v2 API keys: read.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams } from '../../v2/schemas.ts';
import { PATH, toWireApiKey } from './wire.ts';

export default async function readApiKeys(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.apiKeyRead }, schema: { params: idParams } }, async (request) =>
    toWireApiKey(request, await deps.apiKeys.get(callerOf(request).organizationId, request.params.id)));
}
