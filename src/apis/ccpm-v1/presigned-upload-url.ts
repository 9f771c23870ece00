// POST /ccpm/v1/presigned-upload-url → 201 PresignedUrl + Location (CONTRACT §2.3): a one-hour
// grant to upload one plugin archive into an environment. All three fields required.
import type { FastifyInstance } from 'fastify';
import { actorOf, callerOf } from '../caller.ts';
import { OPERATIONS } from '../operations.ts';
import { baseUrl } from '../v2/paging.ts';
import { presignedUrlBody, toWirePresignedUrl } from '../v2/presigned-url.ts';
import { reference, text } from '../v2/schemas.ts';
import type { CcpmV1Deps } from './context.ts';

const body = {
  type: 'object', required: ['content_format', 'cloud', 'environment'],
  properties: { content_format: text, cloud: text, environment: reference },
} as const;

interface Body {
  content_format: string;
  cloud: string;
  environment: { id: string };
}

export default async function presignedUploadUrl(app: FastifyInstance, deps: CcpmV1Deps): Promise<void> {
  app.post<{ Body: Body }>('/presigned-upload-url', {
    config: { operation: OPERATIONS.ccpmPresignedUploadUrl },
    schema: { body, response: { 201: presignedUrlBody } },
  }, async (request, reply) => {
    const grant = await deps.uploads.createGrant({
      scope: { api: 'ccpm/v1', organizationId: callerOf(request).organizationId, environmentId: request.body.environment.id },
      contentFormat: request.body.content_format, cloud: request.body.cloud,
    }, actorOf(request));
    reply.code(201).header('Location', `${baseUrl(request)}/ccpm/v1/presigned-upload-url/${grant.upload.id}`);
    return toWirePresignedUrl(request, grant);
  });
}
