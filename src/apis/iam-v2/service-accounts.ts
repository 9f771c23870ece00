// /iam/v2/service-accounts: list (display_name filter, paged), create (201), read, update, delete (204).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { organizationCrn } from '../../core/rbac.ts';
import type { PrincipalRow } from '../../services/service-accounts.ts';
import { OPERATIONS } from '../operations.ts';
import { listEnvelope, objectMetadata, parsePage } from '../v2/paging.ts';
import { actorOf, bodyOf, callerOf, type V2Deps } from '../v2/context.ts';

const PATH = '/service-accounts';

export function toWireServiceAccount(request: FastifyRequest, row: PrincipalRow) {
  return {
    api_version: 'iam/v2', kind: 'ServiceAccount', id: row.id,
    metadata: objectMetadata(request, `/iam/v2${PATH}/${row.id}`, `${organizationCrn(row.organization_id)}/service-account=${row.id}`, row),
    display_name: row.display_name, description: row.description,
  };
}

export default async function serviceAccounts(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get(PATH, { config: { operation: OPERATIONS.serviceAccountList } }, async (request) => {
    const names = (request.query as { display_name?: string | string[] }).display_name;
    const rows = await deps.serviceAccounts.list(callerOf(request).organizationId, names === undefined ? [] : [names].flat());
    return listEnvelope(request, 'iam/v2', 'ServiceAccount', rows.map((r) => toWireServiceAccount(request, r)), parsePage(request.query));
  });

  app.post(PATH, { config: { operation: OPERATIONS.serviceAccountCreate } }, async (request, reply) => {
    const body = bodyOf(request);
    const row = await deps.serviceAccounts.create(callerOf(request).organizationId, { displayName: body.display_name, description: body.description }, actorOf(request));
    const wire = toWireServiceAccount(request, row);
    reply.code(201).header('Location', wire.metadata.self);
    return wire;
  });

  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.serviceAccountRead } }, async (request) =>
    toWireServiceAccount(request, await deps.serviceAccounts.get(callerOf(request).organizationId, request.params.id)));

  app.patch<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.serviceAccountUpdate } }, async (request) => {
    const body = bodyOf(request);
    const row = await deps.serviceAccounts.update(callerOf(request).organizationId, request.params.id, { displayName: body.display_name, description: body.description }, actorOf(request));
    return toWireServiceAccount(request, row);
  });

  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.serviceAccountDelete } }, async (request, reply) => {
    await deps.serviceAccounts.delete(callerOf(request).organizationId, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
