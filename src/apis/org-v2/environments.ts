// /org/v2/environments: list (only those the caller may see), create (201), read, update, delete
// (204; 409 while it holds clusters).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { crnCovers, environmentCrn } from '../../core/rbac.ts';
import type { Environment } from '../../store/schema.ts';
import { OPERATIONS } from '../operations.ts';
import { listEnvelope, objectMetadata, parsePage } from '../v2/paging.ts';
import { actorOf, bodyOf, callerOf, type V2Deps } from '../v2/context.ts';

const PATH = '/environments';

function toWire(request: FastifyRequest, row: Environment) {
  return {
    api_version: 'org/v2', kind: 'Environment', id: row.id,
    metadata: objectMetadata(request, `/org/v2${PATH}/${row.id}`, environmentCrn(row.organization_id, row.id), row),
    display_name: row.display_name,
    stream_governance_config: { package: 'ESSENTIALS' },
  };
}

/** An environment is visible to whoever holds a role on it, above it or anywhere inside it. */
export function visibleTo(patterns: string[], crn: string): boolean {
  return patterns.some((p) => crnCovers(p, crn) || crnCovers(crn, p));
}

export default async function environments(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get(PATH, { config: { operation: OPERATIONS.environmentList } }, async (request) => {
    const caller = callerOf(request);
    const patterns = await deps.authorizer.patterns(caller);
    const rows = (await deps.environments.list(caller.organizationId)).filter((e) => visibleTo(patterns, environmentCrn(e.organization_id, e.id)));
    return listEnvelope(request, 'org/v2', 'Environment', rows.map((r) => toWire(request, r)), parsePage(request.query));
  });

  app.post(PATH, { config: { operation: OPERATIONS.environmentCreate } }, async (request, reply) => {
    const row = await deps.environments.create(callerOf(request).organizationId, { displayName: bodyOf(request).display_name }, actorOf(request));
    const wire = toWire(request, row);
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });

  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.environmentRead } }, async (request) =>
    toWire(request, await deps.environments.get(callerOf(request).organizationId, request.params.id)));

  app.patch<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.environmentUpdate } }, async (request) =>
    toWire(request, await deps.environments.update(callerOf(request).organizationId, request.params.id, { displayName: bodyOf(request).display_name }, actorOf(request))));

  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.environmentDelete } }, async (request, reply) => {
    await deps.environments.delete(callerOf(request).organizationId, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
