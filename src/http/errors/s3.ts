// The upload target's error shape: S3's XML (C9), so clients that speak S3's browser-form POST
// read our refusals as they read S3's: `<Error><Code>…</Code><Message>…</Message>…</Error>`,
// application/xml, S3's statuses. Unknown errors are logged and answered as InternalError.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCirrusError } from '../../core/errors.ts';
import { UploadRefused, type UploadErrorCode } from '../../core/post-policy.ts';
import { methodsAt } from '../plugins/route-catalog.ts';

type S3Code = UploadErrorCode | 'SlowDown' | 'MethodNotAllowed' | 'InternalError';

const STATUS: Record<S3Code, number> = {
  AccessDenied: 403, SignatureDoesNotMatch: 403, InvalidAccessKeyId: 403,
  InvalidArgument: 400, InvalidPolicyDocument: 400, MalformedPOSTRequest: 400, MaxPostPreDataLengthExceeded: 400,
  EntityTooLarge: 400, EntityTooSmall: 400, IncompleteBody: 400,
  NoSuchUpload: 404, MethodNotAllowed: 405, InternalError: 500, SlowDown: 503,
};

interface S3Error {
  code: S3Code;
  message: string;
  details: Record<string, string>;
  retryAfterSeconds?: number;
}

function classify(err: unknown): S3Error {
  if (err instanceof UploadRefused) return { code: err.code, message: err.message, details: err.details };
  if (isCirrusError(err) && err.kind === 'rate_limited') {
    const retryAfterSeconds = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
    return { code: 'SlowDown', message: 'Please reduce your request rate.', details: {}, retryAfterSeconds };
  }
  return { code: 'InternalError', message: 'We encountered an internal error. Please try again.', details: {} };
}

// Text content needs only these three; S3's messages keep their quotes as they are.
const escapeXml = (text: string) => text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);

export function s3ErrorXml(error: Pick<S3Error, 'code' | 'message' | 'details'>, requestId: string): string {
  const extra = Object.entries(error.details).map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>${extra}<RequestId>${escapeXml(requestId)}</RequestId></Error>`;
}

export function sendS3Error(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const error = classify(err);
  if (error.code === 'InternalError') request.log.error({ err }, 'upload failed');
  else request.log.info({ code: error.code }, 'upload refused');
  if (error.retryAfterSeconds !== undefined) reply.header('Retry-After', String(error.retryAfterSeconds));
  return reply.code(STATUS[error.code]).type('application/xml').send(s3ErrorXml(error, request.id));
}

/** S3's XML for every error and unknown path of the context (the upload target's). */
export function useS3Errors(context: FastifyInstance): void {
  context.setErrorHandler((err, request, reply) => sendS3Error(request, reply, err));
  context.setNotFoundHandler((request, reply) => {
    const allow = methodsAt(request.server, request.url);
    if (allow.length === 0) return sendS3Error(request, reply, new UploadRefused('NoSuchUpload', 'The specified upload does not exist.'));
    reply.header('Allow', allow.join(', '));
    return reply.code(405).type('application/xml')
      .send(s3ErrorXml({ code: 'MethodNotAllowed', message: 'The specified method is not allowed against this resource.', details: { Method: request.method } }, request.id));
  });
}
