// POST /cirrus/uploads/<bucket>/<key>: S3's browser-form upload. multipart/form-data, the grant's
// fields then a `file` part, no Authorization header. 204 with ETag, as S3 answers by default.
import type { FastifyInstance } from 'fastify';
import { UploadRefused } from '../../core/post-policy.ts';
import { readUploadForm } from '../../http/upload-form.ts';
import { OPERATIONS } from '../operations.ts';
import type { UploadTargetDeps } from './index.ts';
import { objectOf, receive, type ObjectPath } from './receive.ts';

export default async function postUpload(app: FastifyInstance, deps: UploadTargetDeps): Promise<void> {
  app.post<{ Params: ObjectPath }>('/:bucket/*', { config: { operation: OPERATIONS.uploadPost } }, async (request, reply) => {
    const contentType = request.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType)) {
      throw new UploadRefused('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
    }
    const form = await readUploadForm(request.raw, contentType);
    const { sha256 } = await receive(deps.target, objectOf(request.params), form);
    return reply.code(204).header('ETag', `"${sha256}"`).send();
  });
}
