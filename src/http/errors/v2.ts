// The v2 error envelope used by iam/v2, org/v2, cmk/v2, ccpm/v1 and the custom-plugin routes
// (CONTRACT §5.3): {"errors":[{"id","status":"404","code","title","detail","source"?}]}.
import { classifyError, STATUS_BY_KIND, type WireErrorKind } from './classify.ts';
import type { RenderedError } from './render.ts';

const CODE_BY_KIND: Record<WireErrorKind, string> = {
  invalid_request: 'bad_request',
  invalid_config: 'invalid_configuration',
  unauthenticated: 'user_unauthenticated',
  forbidden: 'user_unauthorized',
  not_found: 'not_found',
  method_not_allowed: 'method_not_allowed',
  already_exists: 'resource_already_exists',
  conflict: 'conflict',
  quota_exceeded: 'quota_exceeded',
  payload_too_large: 'payload_too_large',
  unsupported_media_type: 'unsupported_media_type',
  rate_limited: 'too_many_requests',
  unavailable: 'service_unavailable',
  internal: 'internal_server_error',
};

const TITLE_BY_STATUS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function renderV2Error(err: unknown, requestId: string): RenderedError {
  const classified = classifyError(err);
  const status = STATUS_BY_KIND[classified.kind];
  const detail = status === 401 ? 'The API Key is invalid' : classified.message;
  const item: Record<string, unknown> = {
    id: requestId,
    status: String(status),
    code: CODE_BY_KIND[classified.kind],
    title: TITLE_BY_STATUS[status] ?? 'Error',
    detail,
  };
  if (classified.pointer) item.source = { pointer: classified.pointer };
  else if (classified.parameter) item.source = { parameter: classified.parameter };
  return { status, body: { errors: [item] }, classified };
}
