// org/v2 environments: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, bodyOf, callerOf, type V2Deps } from '../../v2/context.ts';
import { text } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const body = { type: 'object', required: ['display_name'], properties: { display_name: text } } as const;

export default async function createEnvironments(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post(PATH, { config: { operation: OPERATIONS.environmentCreate }, schema: { body } }, async (request, reply) => {
    const row = await deps.environments.create(callerOf(request).organizationId, { displayName: bodyOf(request).display_name }, actorOf(request));
    const wire = toWire(request, row);
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });
}
