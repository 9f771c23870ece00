// Domain errors by kind (C8). Messages are safe to show to clients; HTTP status codes
// live only in http/ and apis/, which map kinds to statuses per API family.

export type ErrorKind =
  | 'invalid_request'
  | 'invalid_config'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'already_exists'
  | 'conflict'
  | 'quota_exceeded'
  | 'rate_limited'
  | 'unavailable';

export abstract class CirrusError extends Error {
  abstract readonly kind: ErrorKind;
}

/** The request itself is malformed: bad JSON, wrong types, bad path parameters. */
export class InvalidRequest extends CirrusError {
  readonly kind = 'invalid_request';
  /** `pointer`: the body field at fault (/spec/x); `parameter`: the query parameter. */
  constructor(message: string, readonly pointer?: string, readonly parameter?: string) {
    super(message);
  }
}

/** A configuration failed validation; `fields` maps a config key to its errors. */
export class InvalidConfig extends CirrusError {
  readonly kind = 'invalid_config';
  constructor(message: string, readonly fields: Record<string, string[]> = {}) {
    super(message);
  }
}

export class Unauthenticated extends CirrusError {
  readonly kind = 'unauthenticated';
  constructor(message = 'Unauthorized') {
    super(message);
  }
}

export class Forbidden extends CirrusError {
  readonly kind = 'forbidden';
  constructor(message = 'Forbidden Access') {
    super(message);
  }
}

export class NotFound extends CirrusError {
  readonly kind = 'not_found';
  constructor(message = 'resource not found') {
    super(message);
  }
}

export class AlreadyExists extends CirrusError {
  readonly kind = 'already_exists';
}

export class Conflict extends CirrusError {
  readonly kind = 'conflict';
}

export class QuotaExceeded extends CirrusError {
  readonly kind = 'quota_exceeded';
}

export class RateLimited extends CirrusError {
  readonly kind = 'rate_limited';
  constructor(readonly retryAfterSeconds: number, message = 'Too Many Requests') {
    super(message);
  }
}

export class Unavailable extends CirrusError {
  readonly kind = 'unavailable';
}

export function isCirrusError(err: unknown): err is CirrusError {
  return err instanceof CirrusError;
}
