// iam/v2 service accounts: read.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams } from '../../v2/schemas.ts';
import { PATH, toWireServiceAccount } from './wire.ts';

export default async function readServiceAccounts(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.serviceAccountRead }, schema: { params: idParams } }, async (request) =>
    toWireServiceAccount(request, await deps.serviceAccounts.get(callerOf(request).organizationId, request.params.id)));
}
