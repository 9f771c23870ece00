// PUT /cirrus/uploads/<bucket>/<key>: the file itself, as clients PUT to a GCS or Azure signed
// URL. Terraform sends GCP/Azure uploads as a multipart envelope even so (with Content-Type
// application/zip or application/java-archive, CONTRACT §2.2): a body that starts as one is read
// as the form (its fields authenticate it, as a POST's do); a bare file is authenticated by the
// same signed fields in the query string, which GCP and Azure grants' upload_url carries. 200.
import type { FastifyInstance } from 'fastify';
import { multipartBoundaryOf, peekBody, readUploadForm, type UploadForm } from '../../http/upload-form.ts';
import { OPERATIONS } from '../operations.ts';
import type { UploadTargetDeps } from './index.ts';
import { objectOf, receive, type ObjectPath } from './receive.ts';

/** Enough for a multipart envelope's first line and part headers. */
const HEAD_BYTES = 1024;

export default async function putUpload(app: FastifyInstance, deps: UploadTargetDeps): Promise<void> {
  app.put<{ Params: ObjectPath; Querystring: Record<string, string | string[]> }>('/:bucket/*', { config: { operation: OPERATIONS.uploadPut } }, async (request, reply) => {
    const contentType = request.headers['content-type'] ?? '';
    let form: UploadForm;
    if (/^multipart\/form-data/i.test(contentType)) {
      form = await readUploadForm(request.raw, contentType);
    } else {
      const { head, body } = await peekBody(request.raw, HEAD_BYTES);
      const boundary = multipartBoundaryOf(head);
      form = boundary !== undefined
        ? await readUploadForm(body, `multipart/form-data; boundary=${boundary}`)
        : { fields: queryFields(request.query), file: body };
    }
    const { sha256 } = await receive(deps.target, objectOf(request.params), form);
    return reply.code(200).header('ETag', `"${sha256}"`).send();
  });
}

/** Query parameters as form fields: lowercase names, the first value of a repeated one. */
function queryFields(query: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(query ?? {}).map(([name, value]) => [name.toLowerCase(), [value].flat()[0] ?? '']));
}
