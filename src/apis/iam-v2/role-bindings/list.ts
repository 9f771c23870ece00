// iam/v2 role bindings: list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { pageQuery, single } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const querystring = { type: 'object', properties: { crn_pattern: single, principal: single, role_name: single, ...pageQuery } } as const;

export default async function listRoleBindings(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Querystring: Record<string, string | undefined> }>(PATH, { config: { operation: OPERATIONS.roleBindingList }, schema: { querystring } }, async (request) => {
    const q = request.query;
    const rows = await deps.roleBindings.list(callerOf(request).organizationId, { crnPattern: q.crn_pattern, principal: q.principal, roleName: q.role_name });
    return listEnvelope(request, 'iam/v2', 'RoleBinding', rows.map((r) => toWire(request, r)), parsePage(request.query));
  });
}
