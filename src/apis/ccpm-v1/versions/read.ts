// ccpm/v1 plugin versions: read (environment required); the status shows the inspection's outcome.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { environmentQuery, type CcpmV1Deps } from '../context.ts';
import { PATH, toWireVersion, versionParams } from './wire.ts';

const querystring = { type: 'object', required: ['environment'], properties: environmentQuery } as const;

export default async function readVersion(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.get<{ Params: { plugin_id: string; id: string }; Querystring: { environment: string } }>(`${PATH}/:id`, {
    config: { operation: OPERATIONS.ccpmVersionRead }, schema: { params: versionParams, querystring },
  }, async (request) => {
    const { environment } = request.query;
    return toWireVersion(request, environment, await deps.ccpm.getVersion(callerOf(request).organizationId, environment, request.params.plugin_id, request.params.id));
  });
}
