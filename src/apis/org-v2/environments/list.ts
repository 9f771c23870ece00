// org/v2 environments: list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { callerOf, type V2Deps } from '../../v2/context.ts';
import { environmentCrn } from '../../../core/rbac.ts';
import { pageQuery } from '../../v2/schemas.ts';
import { PATH, toWire, visibleTo } from './wire.ts';

const querystring = { type: 'object', properties: pageQuery } as const;

export default async function listEnvironments(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get(PATH, { config: { operation: OPERATIONS.environmentList }, schema: { querystring } }, async (request) => {
    const caller = callerOf(request);
    const patterns = await deps.authorizer.patterns(caller);
    const rows = (await deps.environments.list(caller.organizationId)).filter((e) => visibleTo(patterns, environmentCrn(e.organization_id, e.id)));
    return listEnvelope(request, 'org/v2', 'Environment', rows.map((r) => toWire(request, r)), parsePage(request.query));
  });
}
