// /iam/v2/role-bindings: list (crn_pattern required), create (201), read, delete (200 + the
// deleted binding, as the upstream spec says).
import type { FastifyRequest } from 'fastify';
import { objectMetadata } from '../../v2/paging.ts';
import { callerOf } from '../../v2/context.ts';
import { organizationCrn } from '../../../core/rbac.ts';
import type { RoleBindingRow } from '../../../services/role-bindings.ts';

export const PATH = '/role-bindings';

export function toWire(request: FastifyRequest, row: RoleBindingRow) {
  const org = organizationCrn(callerOf(request).organizationId);
  return {
    api_version: 'iam/v2', kind: 'RoleBinding', id: row.id,
    metadata: objectMetadata(request, `/iam/v2${PATH}/${row.id}`, `${org}/role-binding=${row.id}`, { created_at: row.created_at, updated_at: row.created_at }),
    principal: `User:${row.principal_id}`, role_name: row.role_name, crn_pattern: row.crn_pattern,
  };
}
