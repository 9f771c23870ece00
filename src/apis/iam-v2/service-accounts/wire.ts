// /iam/v2/service-accounts: list (display_name filter, paged), create (201), read, update, delete (204).
import type { FastifyRequest } from 'fastify';
import { objectMetadata } from '../../v2/paging.ts';
import { principalCrn } from '../../../core/rbac.ts';
import type { Principal } from '../../../core/iam.ts';

export const PATH = '/service-accounts';

export function toWireServiceAccount(request: FastifyRequest, account: Principal) {
  return {
    api_version: 'iam/v2', kind: 'ServiceAccount', id: account.id,
    metadata: objectMetadata(request, `/iam/v2${PATH}/${account.id}`, principalCrn(account.organizationId, account.id), account),
    display_name: account.displayName, description: account.description,
  };
}
