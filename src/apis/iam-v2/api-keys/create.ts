// iam/v2 API keys: create.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../../operations.ts';
import { actorOf, callerOf } from '../../caller.ts';
import { type V2Deps } from '../../v2/context.ts';
import { nullableText, reference } from '../../v2/schemas.ts';
import { PATH, toWireApiKey } from './wire.ts';

// Without `resource` the key is a cloud key: Terraform's confluent_api_key sends none for one.
const body = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['owner'],
      properties: { display_name: nullableText, description: nullableText, owner: reference, resource: { ...reference, type: ['object', 'null'] } },
    },
  },
} as const;

interface Body {
  spec: { display_name?: string | null; description?: string | null; owner: { id: string }; resource?: { id: string } | null };
}

export default async function createApiKeys(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.post<{ Body: Body }>(PATH, { config: { operation: OPERATIONS.apiKeyCreate }, schema: { body } }, async (request, reply) => {
    const { spec } = request.body;
    const { secret, ...created } = await deps.apiKeys.create(callerOf(request).organizationId, {
      ownerId: spec.owner.id, resource: spec.resource?.id ?? 'cloud',
      displayName: spec.display_name ?? undefined, description: spec.description ?? undefined,
    }, actorOf(request));
    const wire = toWireApiKey(request, created, secret);
    reply.code(202).header('Location', wire.metadata.self);
    return wire;
  });
}
