// iam/v2 API keys: list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { pageQuery, single } from '../../v2/schemas.ts';
import { PATH, toWireApiKey } from './wire.ts';

const querystring = { type: 'object', properties: { 'spec.owner': single, 'spec.resource': single, ...pageQuery } } as const;

export default async function listApiKeys(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Querystring: Record<string, string | undefined> }>(PATH, { config: { operation: OPERATIONS.apiKeyList }, schema: { querystring } }, async (request) => {
    const q = request.query;
    const rows = await deps.apiKeys.list(callerOf(request).organizationId, { owner: q['spec.owner'], resource: q['spec.resource'] });
    return listEnvelope(request, 'iam/v2', 'ApiKey', rows.map((r) => toWireApiKey(request, r)), parsePage(request.query));
  });
}
