// /iam/v2/api-keys: list (spec.owner / spec.resource filters), create (202, the secret shown
// this once), read, update (display name, description), delete (204: revoked at once).
import type { FastifyRequest } from 'fastify';
import { objectMetadata, baseUrl } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { apiKeyCrn, clusterCrn, principalCrn, schemaRegistryCrn } from '../../../core/rbac.ts';
import type { ApiKeyWithEnvironment } from '../../../store/api-keys.ts';

export const PATH = '/api-keys';

export function toWireApiKey(request: FastifyRequest, { key, environmentId }: ApiKeyWithEnvironment, secret?: string) {
  const org = callerOf(request).organizationId;
  const ownerKind = key.ownerId.startsWith('sa-') ? 'ServiceAccount' : 'User';
  const resource = key.resourceKind === 'cloud' || !key.resourceId
    ? { id: 'cloud', kind: 'Cloud', api_version: 'iam/v2', related: 'cloud', resource_name: 'cloud' }
    : key.resourceKind === 'schema_registry'
      ? {
        id: key.resourceId, kind: 'SchemaRegistry', api_version: 'srcm/v3', environment: environmentId ?? '',
        related: `${baseUrl(request)}/srcm/v3/clusters/${key.resourceId}`,
        resource_name: schemaRegistryCrn(org, environmentId ?? '', key.resourceId),
      }
      : {
        id: key.resourceId, kind: 'Cluster', api_version: 'cmk/v2', environment: environmentId ?? '',
        related: `${baseUrl(request)}/cmk/v2/clusters/${key.resourceId}`,
        resource_name: clusterCrn(org, environmentId ?? '', key.resourceId),
      };
  return {
    api_version: 'iam/v2', kind: 'ApiKey', id: key.id,
    metadata: objectMetadata(request, `/iam/v2${PATH}/${key.id}`, apiKeyCrn(org, key.id), key),
    spec: {
      display_name: key.displayName, description: key.description, secret: secret ?? '',
      owner: { id: key.ownerId, kind: ownerKind, api_version: 'iam/v2', related: '', resource_name: principalCrn(org, key.ownerId) },
      resource,
    },
  };
}
