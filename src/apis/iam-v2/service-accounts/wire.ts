// /iam/v2/service-accounts: list (display_name filter, paged), create (201), read, update, delete (204).
import type { FastifyRequest } from 'fastify';
import { objectMetadata } from '../../v2/paging.ts';
import { organizationCrn } from '../../../core/rbac.ts';
import type { PrincipalRow } from '../../../services/service-accounts.ts';

export const PATH = '/service-accounts';

export function toWireServiceAccount(request: FastifyRequest, row: PrincipalRow) {
  return {
    api_version: 'iam/v2', kind: 'ServiceAccount', id: row.id,
    metadata: objectMetadata(request, `/iam/v2${PATH}/${row.id}`, `${organizationCrn(row.organization_id)}/service-account=${row.id}`, row),
    display_name: row.display_name, description: row.description,
  };
}
