// The Schema Registry's error body (issue 14), as Confluent's clients parse it:
// {"error_code": 40401, "message": "…"}. A RegistryError carries its own code; other kinds get
// the registry's generic ones (40101, 40301, 422, 50001, …).
import { RegistryError, registryStatus } from '../../core/schema-registry/errors.ts';
import { classifyError, STATUS_BY_KIND, type WireErrorKind } from './classify.ts';
import type { RenderedError } from './render.ts';

const CODE_BY_KIND: Partial<Record<WireErrorKind, number>> = {
  // Confluent's registry answers 422 for a body it cannot use (bad JSON, a wrong field type).
  invalid_request: 422,
  invalid_config: 422,
  unauthenticated: 40101,
  forbidden: 40301,
  not_found: 404,
  rate_limited: 42901,
  internal: 50001,
  unavailable: 50003,
};

export function renderSchemaRegistryError(err: unknown, _requestId: string): RenderedError {
  const classified = classifyError(err);
  if (err instanceof RegistryError) {
    return { status: registryStatus(err.errorCode), body: { error_code: err.errorCode, message: err.message }, classified };
  }
  // A query or path parameter at fault (given twice, say) is a bad request, as every registry
  // route declares; 422 is for a body the registry cannot use, and not every route declares it.
  const parameterAtFault = classified.kind === 'invalid_request' && classified.parameter !== undefined;
  const code = parameterAtFault ? 400 : CODE_BY_KIND[classified.kind] ?? STATUS_BY_KIND[classified.kind];
  const status = registryStatus(code);
  const message = status === 401 ? 'Unauthorized' : classified.message;
  return { status, body: { error_code: code, message }, classified };
}
