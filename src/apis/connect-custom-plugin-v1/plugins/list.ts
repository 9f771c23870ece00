// connect/v1 custom connector plugins: list (the `cloud` filter is an exact match, Q17 aside).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { pageQuery, single } from '../../v2/schemas.ts';
import type { CustomPluginV1Deps } from '../context.ts';
import { PATH, toWirePlugin } from './wire.ts';

const querystring = { type: 'object', properties: { cloud: single, ...pageQuery } } as const;

export default async function listCustomPlugins(app: FastifyInstance, deps: CustomPluginV1Deps): Promise<void> {
  app.get<{ Querystring: { cloud?: string } }>(PATH, { config: { operation: OPERATIONS.customPluginList }, schema: { querystring } }, async (request) => {
    const plugins = await deps.customPlugins.list(callerOf(request).organizationId, request.query.cloud);
    return listEnvelope(request, 'connect/v1', 'CustomConnectorPlugin', plugins.map((p) => toWirePlugin(request, p)), parsePage(request.query));
  });
}
