// ccpm/v1 plugins: list (environment required; spec.cloud filter).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { pageQuery, single } from '../../v2/schemas.ts';
import { environmentQuery, type CcpmV1Deps } from '../context.ts';
import { PATH, toWireCcpmPlugin } from './wire.ts';

const querystring = { type: 'object', required: ['environment'], properties: { ...environmentQuery, 'spec.cloud': single, ...pageQuery } } as const;

export default async function listCcpmPlugins(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.get<{ Querystring: { environment: string; 'spec.cloud'?: string } }>(PATH, { config: { operation: OPERATIONS.ccpmPluginList }, schema: { querystring } }, async (request) => {
    const plugins = await deps.ccpm.list(callerOf(request).organizationId, request.query.environment, request.query['spec.cloud']);
    return listEnvelope(request, 'ccpm/v1', 'CustomConnectPlugin', plugins.map((p) => toWireCcpmPlugin(request, p)), parsePage(request.query));
  });
}
