// iam/v2 service accounts: list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { pageQuery, repeatable } from '../../v2/schemas.ts';
import { PATH, toWireServiceAccount } from './wire.ts';

// display_name filters by exact name and may be repeated (any of them matches).
const querystring = { type: 'object', properties: { display_name: repeatable, ...pageQuery } } as const;

export default async function listServiceAccounts(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Querystring: { display_name?: string | string[] } }>(PATH, { config: { operation: OPERATIONS.serviceAccountList }, schema: { querystring } }, async (request) => {
    const names = request.query.display_name;
    const rows = await deps.serviceAccounts.list(callerOf(request).organizationId, names === undefined ? [] : [names].flat());
    return listEnvelope(request, 'iam/v2', 'ServiceAccount', rows.map((r) => toWireServiceAccount(request, r)), parsePage(request.query));
  });
}
