// /iam/v2/role-bindings: list (crn_pattern required), create (201), read, delete (200 + the
// deleted binding, as the upstream spec says).
import type { FastifyRequest } from 'fastify';
import { objectMetadata } from '../../v2/paging.ts';
import { callerOf } from '../../caller.ts';
import { roleBindingCrn } from '../../../core/rbac.ts';
import type { RoleBinding } from '../../../core/iam.ts';

export const PATH = '/role-bindings';

export function toWire(request: FastifyRequest, binding: RoleBinding) {
  return {
    api_version: 'iam/v2', kind: 'RoleBinding', id: binding.id,
    metadata: objectMetadata(request, `/iam/v2${PATH}/${binding.id}`, roleBindingCrn(callerOf(request).organizationId, binding.id),
      { createdAt: binding.createdAt, updatedAt: binding.createdAt }),
    principal: `User:${binding.principalId}`, role_name: binding.roleName, crn_pattern: binding.crnPattern,
  };
}
