// org/v2 organizations: list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { pageQuery } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const querystring = { type: 'object', properties: pageQuery } as const;

export default async function listOrganizations(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get(PATH, { config: { operation: OPERATIONS.organizationList }, schema: { querystring } }, async (request) => {
    const rows = await deps.organizations.list(callerOf(request).organizationId);
    return listEnvelope(request, 'org/v2', 'Organization', rows.map((r) => toWire(request, r)), parsePage(request.query));
  });
}
