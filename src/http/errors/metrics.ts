// The Metrics API error envelope (CONTRACT §5.3): {"errors":[{"id","status":"400","code","detail"}]},
// without the v2 families' `title` and `source`.
import { classifyError, STATUS_BY_KIND, type WireErrorKind } from './classify.ts';
import type { RenderedError } from './render.ts';

const CODE_BY_KIND: Partial<Record<WireErrorKind, string>> = {
  invalid_request: 'bad_request',
  invalid_config: 'bad_request',
  unauthenticated: 'user_unauthenticated',
  forbidden: 'user_unauthorized',
  not_found: 'not_found',
  method_not_allowed: 'method_not_allowed',
  payload_too_large: 'payload_too_large',
  unsupported_media_type: 'unsupported_media_type',
  rate_limited: 'too_many_requests',
  unavailable: 'service_unavailable',
  internal: 'internal_server_error',
};

export function renderMetricsError(err: unknown, requestId: string): RenderedError {
  const classified = classifyError(err);
  const status = STATUS_BY_KIND[classified.kind];
  const detail = status === 401 ? 'The API Key is invalid' : classified.message;
  const item: Record<string, unknown> = { id: requestId, status: String(status), detail };
  const code = CODE_BY_KIND[classified.kind];
  if (code) item.code = code;
  return { status, body: { errors: [item] }, classified };
}
