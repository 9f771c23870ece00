// /iam/v2/role-bindings: list (crn_pattern required), create (201), read, delete (200 + the
// deleted binding, as the upstream spec says).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { organizationCrn } from '../../core/rbac.ts';
import type { RoleBindingRow } from '../../services/role-bindings.ts';
import { OPERATIONS } from '../operations.ts';
import { listEnvelope, objectMetadata, parsePage } from '../v2/paging.ts';
import { actorOf, bodyOf, callerOf, type V2Deps } from '../v2/context.ts';

const PATH = '/role-bindings';

function toWire(request: FastifyRequest, row: RoleBindingRow) {
  const org = organizationCrn(callerOf(request).organizationId);
  return {
    api_version: 'iam/v2', kind: 'RoleBinding', id: row.id,
    metadata: objectMetadata(request, `/iam/v2${PATH}/${row.id}`, `${org}/role-binding=${row.id}`, { created_at: row.created_at, updated_at: row.created_at }),
    principal: `User:${row.principal_id}`, role_name: row.role_name, crn_pattern: row.crn_pattern,
  };
}

export default async function roleBindings(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get(PATH, { config: { operation: OPERATIONS.roleBindingList } }, async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const rows = await deps.roleBindings.list(callerOf(request).organizationId, { crnPattern: q.crn_pattern, principal: q.principal, roleName: q.role_name });
    return listEnvelope(request, 'iam/v2', 'RoleBinding', rows.map((r) => toWire(request, r)), parsePage(request.query));
  });

  app.post(PATH, { config: { operation: OPERATIONS.roleBindingCreate } }, async (request, reply) => {
    const body = bodyOf(request);
    const row = await deps.roleBindings.create(callerOf(request).organizationId, { principal: body.principal, roleName: body.role_name, crnPattern: body.crn_pattern }, actorOf(request));
    const wire = toWire(request, row);
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });

  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.roleBindingRead } }, async (request) =>
    toWire(request, await deps.roleBindings.get(callerOf(request).organizationId, request.params.id)));

  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.roleBindingDelete } }, async (request) =>
    toWire(request, await deps.roleBindings.delete(callerOf(request).organizationId, request.params.id, actorOf(request))));
}
