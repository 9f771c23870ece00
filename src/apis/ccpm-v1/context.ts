// What the ccpm/v1 handlers get (ccpm-v1.yaml, CONTRACT §2.3): uploads for the presigned URL, the
// plugin service; and the environment reference every answer carries (`{id, related, resource_name}`).
import type { FastifyRequest } from 'fastify';
import { environmentCrn } from '../../core/rbac.ts';
import type { CcpmPluginService } from '../../services/ccpm-plugins.ts';
import type { UploadService } from '../../services/uploads.ts';
import { callerOf } from '../caller.ts';
import { baseUrl } from '../v2/paging.ts';

export interface CcpmV1Deps {
  uploads: UploadService;
  ccpm: CcpmPluginService;
}

export function environmentRef(request: FastifyRequest, environmentId: string) {
  return { id: environmentId, related: `${baseUrl(request)}/org/v2/environments/${environmentId}`, resource_name: environmentCrn(callerOf(request).organizationId, environmentId) };
}

/** `?environment=` (required on every route but create and PATCH, CONTRACT Q29). */
export const environmentQuery = { environment: { type: 'string', minLength: 1 } } as const;
