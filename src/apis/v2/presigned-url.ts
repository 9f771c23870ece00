// The PresignedUrl body both presigned-upload-url routes answer (CONTRACT §2.2), connect/v1's and
// ccpm/v1's, with the schema that serializes it (C1, C5: form values are an open map of strings).
import type { FastifyRequest } from 'fastify';
import { environmentCrn } from '../../core/rbac.ts';
import type { UploadGrant } from '../../services/uploads.ts';
import { text } from './schemas.ts';
import { baseUrl } from './paging.ts';

const formData = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const presignedUrlBody = {
  type: 'object',
  required: ['api_version', 'kind', 'content_format', 'cloud', 'upload_id', 'upload_url', 'upload_form_data'],
  properties: {
    api_version: text, kind: text, content_format: text, cloud: text, upload_id: text, upload_url: text, upload_form_data: formData,
    environment: { type: 'object', properties: { id: text, related: text, resource_name: text } },
  },
} as const;

export function toWirePresignedUrl(request: FastifyRequest, grant: UploadGrant) {
  const { upload } = grant;
  const base = baseUrl(request);
  return {
    api_version: upload.api, kind: 'PresignedUrl', content_format: upload.contentFormat, cloud: upload.cloud, upload_id: upload.id,
    // The local store's target is a path on this API: absolute on the base the client called.
    upload_url: new URL(grant.uploadUrl, base).href,
    upload_form_data: grant.formData,
    ...(upload.environmentId === null ? {} : {
      environment: {
        id: upload.environmentId, related: `${base}/org/v2/environments/${upload.environmentId}`,
        resource_name: environmentCrn(upload.organizationId, upload.environmentId),
      },
    }),
  };
}
