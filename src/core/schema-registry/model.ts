// The Schema Registry's vocabulary: schema types, compatibility levels, modes, and the rules
// for subject names and version ids as its REST API takes them.
import { REGISTRY_CODES, RegistryError, registryErrors } from './errors.ts';

export const SCHEMA_TYPES = ['AVRO', 'JSON', 'PROTOBUF'] as const;
export type SchemaType = (typeof SCHEMA_TYPES)[number];

export const COMPATIBILITY_LEVELS = ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];
export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD';

// READONLY_OVERRIDE set registry-wide makes every subject read-only, whatever its own mode says.
// IMPORT (registering with given ids) is not offered.
export const MODES = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE'] as const;
export type Mode = (typeof MODES)[number];
export const DEFAULT_MODE: Mode = 'READWRITE';

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/** A schema as the registry keeps it: `schema` is its canonical text, the same for equal schemas. */
export interface RegisteredSchema {
  id: number;
  schemaType: SchemaType;
  schema: string;
  references: SchemaReference[];
}

export interface SubjectVersion {
  subject: string;
  version: number;
  schemaId: number;
  deleted: boolean;
}

export function schemaTypeOf(value: unknown): SchemaType {
  if (value === undefined || value === null || value === '') return 'AVRO';
  if (typeof value === 'string' && (SCHEMA_TYPES as readonly string[]).includes(value.toUpperCase())) return value.toUpperCase() as SchemaType;
  throw new RegistryError(REGISTRY_CODES.invalidSchema, `Invalid schema type ${String(value)}; it must be one of ${SCHEMA_TYPES.join(', ')}`);
}

export function compatibilityLevelOf(value: unknown): CompatibilityLevel {
  if (typeof value === 'string' && (COMPATIBILITY_LEVELS as readonly string[]).includes(value.toUpperCase())) return value.toUpperCase() as CompatibilityLevel;
  throw new RegistryError(REGISTRY_CODES.invalidCompatibilityLevel, `Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive`);
}

export function modeOf(value: unknown): Mode {
  if (typeof value === 'string' && (MODES as readonly string[]).includes(value.toUpperCase())) return value.toUpperCase() as Mode;
  throw new RegistryError(REGISTRY_CODES.invalidMode, `Invalid mode. Valid values are READWRITE, READONLY and READONLY_OVERRIDE (Cirrus has no IMPORT mode)`);
}

/** A subject name: non-empty, printable, at most 255 characters (Confluent Cloud's limit). */
export function checkSubjectName(subject: string): string {
  if (subject.length === 0 || subject.length > 255 || /[\u0000-\u001f]/.test(subject)) {
    throw new RegistryError(REGISTRY_CODES.unprocessable, `Invalid subject name '${subject.slice(0, 64)}'`);
  }
  return subject;
}

/** `latest` / `-1`, or a version number 1 … 2^31-1. */
export function parseVersion(value: string): number | 'latest' {
  if (value === 'latest' || value === '-1') return 'latest';
  const version = /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(version) || version < 1 || version > 2 ** 31 - 1) throw registryErrors.invalidVersion(value);
  return version;
}

/** Which earlier versions a level checks a new schema against, and in which directions. */
export function compatibilityPlan(level: CompatibilityLevel): { transitive: boolean; backward: boolean; forward: boolean } {
  return {
    transitive: level.endsWith('_TRANSITIVE'),
    backward: level.startsWith('BACKWARD') || level.startsWith('FULL'),
    forward: level.startsWith('FORWARD') || level.startsWith('FULL'),
  };
}
