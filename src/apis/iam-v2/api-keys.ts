// /iam/v2/api-keys: list (spec.owner / spec.resource filters), create (202, the secret shown
// this once), read, update (display name, description), delete (204: revoked at once).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { organizationCrn } from '../../core/rbac.ts';
import type { ApiKeyRow } from '../../store/schema.ts';
import { OPERATIONS } from '../operations.ts';
import { listEnvelope, objectMetadata, parsePage } from '../v2/paging.ts';
import { actorOf, callerOf, specOf, type V2Deps } from '../v2/context.ts';

const PATH = '/api-keys';

export function toWireApiKey(request: FastifyRequest, row: ApiKeyRow, organizationId: string, environmentOf: (clusterId: string) => string | undefined, secret?: string) {
  const org = organizationCrn(organizationId);
  const ownerKind = row.owner_id.startsWith('sa-') ? 'ServiceAccount' : 'User';
  const ownerCrn = `${org}/${ownerKind === 'User' ? 'user' : 'service-account'}=${row.owner_id}`;
  const resource = row.resource_kind === 'cloud'
    ? { id: 'cloud', kind: 'Cloud', api_version: 'iam/v2', related: 'cloud', resource_name: 'cloud' }
    : {
      id: row.resource_id, kind: 'Cluster', api_version: 'cmk/v2', environment: environmentOf(row.resource_id!) ?? '',
      related: `${request.protocol}://${request.host}/cmk/v2/clusters/${row.resource_id}`,
      resource_name: `${org}/environment=${environmentOf(row.resource_id!) ?? ''}/cloud-cluster=${row.resource_id}`,
    };
  return {
    api_version: 'iam/v2', kind: 'ApiKey', id: row.id,
    metadata: objectMetadata(request, `/iam/v2${PATH}/${row.id}`, `${org}/api-key=${row.id}`, row),
    spec: {
      display_name: row.display_name, description: row.description, secret: secret ?? '',
      owner: { id: row.owner_id, kind: ownerKind, api_version: 'iam/v2', related: '', resource_name: ownerCrn },
      resource,
    },
  };
}

export default async function apiKeys(app: FastifyInstance, deps: V2Deps): Promise<void> {
  const wire = async (request: FastifyRequest, row: ApiKeyRow, secret?: string) => {
    const cluster = row.resource_id ? await deps.topology.findCluster(row.resource_id) : undefined;
    return toWireApiKey(request, row, callerOf(request).organizationId, () => cluster?.environment_id, secret);
  };

  app.get(PATH, { config: { operation: OPERATIONS.apiKeyList } }, async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const rows = await deps.apiKeys.list(callerOf(request).organizationId, { owner: q['spec.owner'], resource: q['spec.resource'] });
    return listEnvelope(request, 'iam/v2', 'ApiKey', await Promise.all(rows.map((r) => wire(request, r))), parsePage(request.query));
  });

  app.post(PATH, { config: { operation: OPERATIONS.apiKeyCreate } }, async (request, reply) => {
    const spec = specOf(request);
    const owner = (spec.owner ?? {}) as { id?: unknown };
    const resource = (spec.resource ?? {}) as { id?: unknown };
    const { row, secret } = await deps.apiKeys.create(callerOf(request).organizationId, {
      ownerId: String(owner.id ?? ''), resource: String(resource.id ?? ''),
      displayName: typeof spec.display_name === 'string' ? spec.display_name : undefined,
      description: typeof spec.description === 'string' ? spec.description : undefined,
    }, actorOf(request));
    const body = await wire(request, row, secret);
    reply.code(202).header('Location', body.metadata.self);
    return body;
  });

  app.get<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.apiKeyRead } }, async (request) =>
    wire(request, await deps.apiKeys.get(callerOf(request).organizationId, request.params.id)));

  app.patch<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.apiKeyUpdate } }, async (request) => {
    const spec = specOf(request);
    const row = await deps.apiKeys.update(callerOf(request).organizationId, request.params.id, {
      displayName: typeof spec.display_name === 'string' ? spec.display_name : undefined,
      description: typeof spec.description === 'string' ? spec.description : undefined,
    }, actorOf(request));
    return wire(request, row);
  });

  app.delete<{ Params: { id: string } }>(`${PATH}/:id`, { config: { operation: OPERATIONS.apiKeyDelete } }, async (request, reply) => {
    await deps.apiKeys.revoke(callerOf(request).organizationId, request.params.id, actorOf(request));
    return reply.code(204).send();
  });
}
