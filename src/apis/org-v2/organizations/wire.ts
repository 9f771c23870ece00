// /org/v2/organizations: list (the caller's own), read, update (display_name). Terraform's
// confluent_organization data source reads these.
import type { FastifyRequest } from 'fastify';
import { objectMetadata } from '../../v2/paging.ts';
import { organizationCrn } from '../../../core/rbac.ts';
import type { Organization } from '../../../store/schema.ts';

export const PATH = '/organizations';

export function toWire(request: FastifyRequest, row: Organization) {
  return {
    api_version: 'org/v2', kind: 'Organization', id: row.id,
    metadata: objectMetadata(request, `/org/v2${PATH}/${row.id}`, organizationCrn(row.id), { created_at: row.created_at, updated_at: row.updated_at ?? row.created_at }),
    display_name: row.display_name,
    jit_enabled: false,
  };
}
