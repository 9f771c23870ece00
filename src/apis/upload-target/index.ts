// Cirrus' own upload target (issue 9, CONTRACT §2.2; in no spec): S3's browser-form POST, and a
// PUT of the file, at `/cirrus/uploads/<bucket>/<key>` (path-style, as S3). Outside the JSON
// families: no API key (the signed policy authenticates), bodies read as streams (never parsed,
// never buffered), S3's XML errors. Rate-limited and audited like every route (app.ts).
import type { FastifyInstance } from 'fastify';
import { useS3Errors } from '../../http/errors/s3.ts';
import type { UploadTarget } from '../../services/upload-target.ts';
import postUpload from './post.ts';
import putUpload from './put.ts';

export interface UploadTargetDeps {
  target: UploadTarget;
}

export function uploadTarget(deps: UploadTargetDeps) {
  return async function family(context: FastifyInstance): Promise<void> {
    useS3Errors(context);
    // The root's JSON parser would buffer the body: here every body stays a stream for the handler.
    context.removeAllContentTypeParsers();
    context.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    await postUpload(context, deps);
    await putUpload(context, deps);
  };
}
