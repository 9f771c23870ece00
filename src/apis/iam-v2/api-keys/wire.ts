// /iam/v2/api-keys: list (spec.owner / spec.resource filters), create (202, the secret shown
// this once), read, update (display name, description), delete (204: revoked at once).
import type { FastifyRequest } from 'fastify';
import { objectMetadata } from '../../v2/paging.ts';
import { callerOf, type V2Deps } from '../../v2/context.ts';
import { organizationCrn } from '../../../core/rbac.ts';
import type { ApiKeyRow } from '../../../store/schema.ts';

export const PATH = '/api-keys';

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

/** The wire form of a key, with its cluster's environment looked up. */
export async function apiKeyBody(deps: V2Deps, request: FastifyRequest, row: ApiKeyRow, secret?: string) {
  const cluster = row.resource_id ? await deps.topology.findCluster(row.resource_id) : undefined;
  return toWireApiKey(request, row, callerOf(request).organizationId, () => cluster?.environment_id, secret);
}
