// connect/v1 errors: one union body that satisfies all three shapes the spec and the clients
// use (CONTRACT §1.11): {"error":{"code","message"},"code","error_code","message"}.
import { classifyError, STATUS_BY_KIND, type ClassifiedError } from './classify.ts';
import type { RenderedError } from './render.ts';

export function connectV1Body(status: number, message: string): Record<string, unknown> {
  return { error: { code: status, message }, code: status, error_code: status, message };
}

export function renderConnectV1Error(err: unknown): RenderedError {
  const classified: ClassifiedError = classifyError(err);
  const status = STATUS_BY_KIND[classified.kind];
  // 429 carries no body in connect/v1, only Retry-After.
  const body = status === 429 ? undefined : connectV1Body(status, connectMessage(classified, status));
  return { status, body, classified };
}

function connectMessage(classified: ClassifiedError, status: number): string {
  return status === 401 ? 'Unauthorized' : classified.message;
}
