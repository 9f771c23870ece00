// POST /connect/v1/presigned-upload-url → 200 PresignedUrl (CONTRACT §2.2): a one-hour grant to
// upload one plugin archive for the caller's organization. `content_format` in any case
// (Terraform sends `zip`), `cloud` optional (AWS).
import type { FastifyInstance } from 'fastify';
import { actorOf, callerOf } from '../caller.ts';
import { OPERATIONS } from '../operations.ts';
import { presignedUrlBody, toWirePresignedUrl } from '../v2/presigned-url.ts';
import { text } from '../v2/schemas.ts';
import type { CustomPluginV1Deps } from './context.ts';

const body = { type: 'object', required: ['content_format'], properties: { content_format: text, cloud: text } } as const;

interface Body {
  content_format: string;
  cloud?: string;
}

export default async function presignedUploadUrl(app: FastifyInstance, deps: CustomPluginV1Deps): Promise<void> {
  app.post<{ Body: Body }>('/presigned-upload-url', {
    config: { operation: OPERATIONS.connectPresignedUploadUrl },
    schema: { body, response: { 200: presignedUrlBody } },
  }, async (request) => {
    const grant = await deps.uploads.createGrant({
      scope: { api: 'connect/v1', organizationId: callerOf(request).organizationId },
      contentFormat: request.body.content_format, cloud: request.body.cloud,
    }, actorOf(request));
    return toWirePresignedUrl(request, grant);
  });
}
