// ccpm/v1 plugins: read (environment required).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { callerOf } from '../../caller.ts';
import { idParams } from '../../v2/schemas.ts';
import { environmentQuery, type CcpmV1Deps } from '../context.ts';
import { PATH, toWireCcpmPlugin } from './wire.ts';

const querystring = { type: 'object', required: ['environment'], properties: environmentQuery } as const;

export default async function readCcpmPlugin(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: { environment: string } }>(`${PATH}/:id`, {
    config: { operation: OPERATIONS.ccpmPluginRead }, schema: { params: idParams, querystring },
  }, async (request) => toWireCcpmPlugin(request, await deps.ccpm.get(callerOf(request).organizationId, request.query.environment, request.params.id)));
}
