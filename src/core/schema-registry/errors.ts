// The Schema Registry's own error codes (Confluent's: 40401 subject not found, 42201 invalid
// schema, …). The HTTP status is the code's first three digits; http/errors/schema-registry.ts
// renders `{error_code, message}`. The kind lets every other family's renderer read them too.
import { CirrusError, type ErrorKind } from '../errors.ts';

export const REGISTRY_CODES = {
  subjectNotFound: 40401,
  versionNotFound: 40402,
  schemaNotFound: 40403,
  subjectSoftDeleted: 40404,
  subjectNotSoftDeleted: 40405,
  versionSoftDeleted: 40406,
  versionNotSoftDeleted: 40407,
  subjectCompatibilityNotConfigured: 40408,
  subjectModeNotConfigured: 40409,
  incompatibleSchema: 409,
  invalidSchema: 42201,
  invalidVersion: 42202,
  invalidCompatibilityLevel: 42203,
  invalidMode: 42204,
  operationNotPermitted: 42205,
  referenceExists: 42206,
  unprocessable: 422,
} as const;

const KIND_BY_STATUS: Record<number, ErrorKind> = { 404: 'not_found', 409: 'conflict', 422: 'invalid_request' };

export class RegistryError extends CirrusError {
  readonly kind: ErrorKind;
  constructor(readonly errorCode: number, message: string) {
    super(message);
    this.kind = KIND_BY_STATUS[registryStatus(errorCode)] ?? 'invalid_request';
  }
}

/** 40401 → 404; a three-digit code is its own status. */
export function registryStatus(errorCode: number): number {
  return errorCode >= 1000 ? Math.floor(errorCode / 100) : errorCode;
}

export const registryErrors = {
  subjectNotFound: (subject: string) => new RegistryError(REGISTRY_CODES.subjectNotFound, `Subject '${subject}' not found.`),
  versionNotFound: (subject: string, version: string | number) => new RegistryError(REGISTRY_CODES.versionNotFound, `Version ${version} not found for subject '${subject}'.`),
  schemaNotFound: (what = 'Schema not found') => new RegistryError(REGISTRY_CODES.schemaNotFound, what),
  invalidSchema: (why: string) => new RegistryError(REGISTRY_CODES.invalidSchema, `Invalid schema: ${why}`),
  invalidVersion: (version: string) => new RegistryError(REGISTRY_CODES.invalidVersion, `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`),
  incompatible: (messages: string[]) => new RegistryError(REGISTRY_CODES.incompatibleSchema, `Schema being registered is incompatible with an earlier schema for subject; details: ${JSON.stringify(messages)}`),
};
