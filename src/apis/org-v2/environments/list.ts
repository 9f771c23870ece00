// org/v2 environments: list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { pageQuery } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const querystring = { type: 'object', properties: pageQuery } as const;

export default async function listEnvironments(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get(PATH, { config: { operation: OPERATIONS.environmentList }, schema: { querystring } }, async (request) => {
    const caller = callerOf(request);
    const all = await deps.environments.list(caller.organizationId);
    const rows = await deps.authorizer.visible(caller, all, (e) => ({ kind: 'environment', environmentId: e.id }));
    return listEnvelope(request, 'org/v2', 'Environment', rows.map((r) => toWire(request, r)), parsePage(request.query));
  });
}
