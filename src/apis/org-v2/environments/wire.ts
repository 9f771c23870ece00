// /org/v2/environments: list (only those the caller may see), create (201), read, update, delete
// (204; 409 while it holds clusters).
import type { FastifyRequest } from 'fastify';
import { objectMetadata } from '../../v2/paging.ts';
import { environmentCrn } from '../../../core/rbac.ts';
import type { Environment } from '../../../core/organization.ts';

export const PATH = '/environments';

/** `{package}` as create and PATCH take it; its values are checked by the service. */
export const streamGovernanceConfig = { type: 'object', required: ['package'], properties: { package: { type: 'string' } } } as const;

export function toWire(request: FastifyRequest, env: Environment) {
  return {
    api_version: 'org/v2', kind: 'Environment', id: env.id,
    metadata: objectMetadata(request, `/org/v2${PATH}/${env.id}`, environmentCrn(env.organizationId, env.id), env),
    display_name: env.displayName,
    stream_governance_config: { package: env.streamGovernancePackage },
  };
}
