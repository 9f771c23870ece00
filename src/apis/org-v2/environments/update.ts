// org/v2 environments: update (display name, Stream Governance package).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams, text } from '../../v2/schemas.ts';
import { PATH, streamGovernanceConfig, toWire } from './wire.ts';

const body = { type: 'object', properties: { display_name: text, stream_governance_config: streamGovernanceConfig } } as const;

interface Body {
  display_name?: string;
  stream_governance_config?: { package: string };
}

export default async function updateEnvironments(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.patch<{ Params: { id: string }; Body: Body }>(`${PATH}/:id`, { config: { operation: OPERATIONS.environmentUpdate }, schema: { params: idParams, body } }, async (request) => {
    const { display_name, stream_governance_config } = request.body;
    const row = await deps.environments.update(callerOf(request).organizationId, request.params.id, {
      displayName: display_name, streamGovernancePackage: stream_governance_config?.package,
    }, actorOf(request));
    return toWire(request, row);
  });
}
