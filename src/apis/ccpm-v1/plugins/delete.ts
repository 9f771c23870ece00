// ccpm/v1 plugins: delete (204; 409 while a connector runs one of its versions).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { idParams } from '../../v2/schemas.ts';
import { environmentQuery, type CcpmV1Deps } from '../context.ts';
import { PATH } from './wire.ts';

const querystring = { type: 'object', required: ['environment'], properties: environmentQuery } as const;

export default async function deleteCcpmPlugin(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.delete<{ Params: { id: string }; Querystring: { environment: string } }>(`${PATH}/:id`, {
    config: { operation: OPERATIONS.ccpmPluginDelete }, schema: { params: idParams, querystring },
  }, async (request, reply) => {
    await deps.ccpm.delete(callerOf(request).organizationId, request.query.environment, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
