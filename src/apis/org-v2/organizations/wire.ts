// /org/v2/organizations: list (the caller's own), read, update (display_name). Terraform's
// confluent_organization data source reads these.
import type { FastifyRequest } from 'fastify';
import { objectMetadata } from '../../v2/paging.ts';
import { organizationCrn } from '../../../core/rbac.ts';
import type { Organization } from '../../../core/organization.ts';

export const PATH = '/organizations';

export function toWire(request: FastifyRequest, org: Organization) {
  return {
    api_version: 'org/v2', kind: 'Organization', id: org.id,
    metadata: objectMetadata(request, `/org/v2${PATH}/${org.id}`, organizationCrn(org.id), org),
    display_name: org.displayName,
    jit_enabled: false,
  };
}
