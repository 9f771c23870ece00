// What the ccpm/v1 routes get: the plugin service, and the environment reference every answer
// carries (`{id, related, resource_name}`).
import type { FastifyRequest } from 'fastify';
import { environmentCrn } from '../../core/rbac.ts';
import type { CcpmPluginService } from '../../services/ccpm-plugins.ts';
import { callerOf } from '../caller.ts';
import { baseUrl } from '../v2/paging.ts';

export interface CcpmDeps {
  ccpm: CcpmPluginService;
}

export function environmentRef(request: FastifyRequest, environmentId: string) {
  return { id: environmentId, related: `${baseUrl(request)}/org/v2/environments/${environmentId}`, resource_name: environmentCrn(callerOf(request).organizationId, environmentId) };
}

/** `?environment=` (required on every route but create and PATCH, CONTRACT Q29). */
export const environmentQuery = { environment: { type: 'string', minLength: 1 } } as const;
