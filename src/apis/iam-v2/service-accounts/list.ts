// iam/v2 service accounts: list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { callerOf, type V2Deps } from '../../v2/context.ts';
import { PATH, toWireServiceAccount } from './wire.ts';

export default async function listServiceAccounts(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get(PATH, { config: { operation: OPERATIONS.serviceAccountList } }, async (request) => {
    const names = (request.query as { display_name?: string | string[] }).display_name;
    const rows = await deps.serviceAccounts.list(callerOf(request).organizationId, names === undefined ? [] : [names].flat());
    return listEnvelope(request, 'iam/v2', 'ServiceAccount', rows.map((r) => toWireServiceAccount(request, r)), parsePage(request.query));
  });
}
