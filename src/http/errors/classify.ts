// Turns anything thrown in a request into a domain error kind and a message safe to show.
// Fastify's own errors (bad JSON, schema validation, body too large) are mapped here once, so
// the per-family renderers deal only in kinds. Everything unknown becomes an internal error
// whose message never reaches the client.
import { isCirrusError, type ErrorKind } from '../../core/errors.ts';
import { describeValidation } from './validation.ts';

export type WireErrorKind = ErrorKind | 'payload_too_large' | 'unsupported_media_type' | 'method_not_allowed' | 'internal';

/** A path that exists, asked with a method it does not have (HTTP only, so not a core kind). */
export class MethodNotAllowed extends Error {
  constructor(readonly method: string, readonly allow: string[]) {
    super(`${method} is not allowed on this path; it allows ${allow.join(', ')}`);
  }
}

export interface ClassifiedError {
  kind: WireErrorKind;
  message: string;
  retryAfterSeconds?: number;
  pointer?: string;
  parameter?: string;
  /** Methods the path has, for the Allow header of a 405. */
  allow?: string[];
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  validation?: unknown;
  validationContext?: string;
  message?: string;
}

export function classifyError(err: unknown): ClassifiedError {
  if (isCirrusError(err)) {
    const out: ClassifiedError = { kind: err.kind, message: err.message };
    if ('retryAfterSeconds' in err) out.retryAfterSeconds = err.retryAfterSeconds as number;
    if ('pointer' in err && typeof err.pointer === 'string') out.pointer = err.pointer;
    if ('parameter' in err && typeof err.parameter === 'string') out.parameter = err.parameter;
    return out;
  }
  if (err instanceof MethodNotAllowed) return { kind: 'method_not_allowed', message: err.message, allow: err.allow };
  const e = (err ?? {}) as FastifyLikeError;
  if (e.validation) return { kind: 'invalid_request', ...describeValidation(e.validation, e.validationContext) };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { kind: 'invalid_request', message: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { kind: 'payload_too_large', message: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { kind: 'unsupported_media_type', message: 'Unsupported content type' };
  }
  if (e.statusCode === 404) return { kind: 'not_found', message: 'resource not found' };
  if (e.statusCode === 400) return { kind: 'invalid_request', message: 'Bad request' };
  return { kind: 'internal', message: 'Internal Server Error' };
}

/** Status per kind; the same for every family (the bodies differ). */
export const STATUS_BY_KIND: Record<WireErrorKind, number> = {
  invalid_request: 400,
  invalid_config: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  already_exists: 409,
  conflict: 409,
  quota_exceeded: 402,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** RFC 7235 challenge sent with every 401 (CONTRACT §5.2). */
export const WWW_AUTHENTICATE = 'Basic error="invalid_key", error_description="The API Key is invalid"';
