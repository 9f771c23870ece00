// org/v2 environments: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { text } from '../../v2/schemas.ts';
import { PATH, streamGovernanceConfig, toWire } from './wire.ts';

const body = { type: 'object', required: ['display_name'], properties: { display_name: text, stream_governance_config: streamGovernanceConfig } } as const;

interface Body {
  display_name: string;
  stream_governance_config?: { package: string };
}

export default async function createEnvironments(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post<{ Body: Body }>(PATH, { config: { operation: OPERATIONS.environmentCreate }, schema: { body } }, async (request, reply) => {
    const { display_name, stream_governance_config } = request.body;
    const row = await deps.environments.create(callerOf(request).organizationId, {
      displayName: display_name, streamGovernancePackage: stream_governance_config?.package,
    }, actorOf(request));
    const wire = toWire(request, row);
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });
}
