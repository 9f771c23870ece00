// org/v2 organizations: update (display_name; the spec's body is the Organization object, whose
// other fields are read-only but for jit_enabled).
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { idParams, text } from '../../v2/schemas.ts';
import { PATH, toWire } from './wire.ts';

const body = { type: 'object', properties: { display_name: text, jit_enabled: { type: 'boolean' } } } as const;

interface Body {
  display_name?: string;
  jit_enabled?: boolean;
}

export default async function updateOrganizations(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.patch<{ Params: { id: string }; Body: Body }>(`${PATH}/:id`, { config: { operation: OPERATIONS.organizationUpdate }, schema: { params: idParams, body } }, async (request) => {
    const row = await deps.organizations.update(callerOf(request).organizationId, request.params.id, {
      displayName: request.body.display_name, jitEnabled: request.body.jit_enabled,
    }, actorOf(request));
    return toWire(request, row);
  });
}
