// ccpm/v1 plugin versions: list (environment required; paged like every v2 list).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { listEnvelope, parsePage } from '../../v2/paging.ts';
import { pageQuery } from '../../v2/schemas.ts';
import { environmentQuery, type CcpmV1Deps } from '../context.ts';
import { PATH, pluginParams, toWireVersion } from './wire.ts';

const querystring = { type: 'object', required: ['environment'], properties: { ...environmentQuery, ...pageQuery } } as const;

export default async function listVersions(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.get<{ Params: { plugin_id: string }; Querystring: { environment: string } }>(PATH, {
    config: { operation: OPERATIONS.ccpmVersionList }, schema: { params: pluginParams, querystring },
  }, async (request) => {
    const { environment } = request.query;
    const versions = await deps.ccpm.listVersions(callerOf(request).organizationId, environment, request.params.plugin_id);
    return listEnvelope(request, 'ccpm/v1', 'CustomConnectPluginVersion', versions.map((v) => toWireVersion(request, environment, v)), parsePage(request.query));
  });
}
