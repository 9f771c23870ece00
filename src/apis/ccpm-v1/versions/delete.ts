// ccpm/v1 plugin versions: delete (204; 409 while a connector runs it).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { environmentQuery, type CcpmV1Deps } from '../context.ts';
import { PATH, versionParams } from './wire.ts';

const querystring = { type: 'object', required: ['environment'], properties: environmentQuery } as const;

export default async function deleteVersion(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.delete<{ Params: { plugin_id: string; id: string }; Querystring: { environment: string } }>(`${PATH}/:id`, {
    config: { operation: OPERATIONS.ccpmVersionDelete }, schema: { params: versionParams, querystring },
  }, async (request, reply) => {
    await deps.ccpm.deleteVersion(callerOf(request).organizationId, request.query.environment, request.params.plugin_id, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
