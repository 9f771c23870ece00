// Small value checks the v2 services share. Each names the field it checks by its JSON pointer
// (RFC 6901, `/spec/display_name`), which the v2 error carries as `source.pointer` (CONTRACT §5.3);
// messages name the field the way clients write it (`spec.display_name`).
import { InvalidRequest } from './errors.ts';

/** `/spec/display_name` → `spec.display_name`; array indexes read `offsets[0]`. */
export function fieldName(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function assertPointer(pointer: string): void {
  // A pointer written as `spec.display_name` would reach clients as-is: fail where it is written.
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
}

/** A non-blank string of at most `max` characters. */
export function requiredText(value: unknown, pointer: string, max: number): string {
  assertPointer(pointer);
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidRequest(`${fieldName(pointer)} is required`, pointer);
  if (value.length > max) throw new InvalidRequest(`${fieldName(pointer)} must be at most ${max} characters`, pointer);
  return value;
}

/** A string of at most `max` characters; absent or null reads as "". */
export function optionalText(value: unknown, pointer: string, max: number): string {
  assertPointer(pointer);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InvalidRequest(`${fieldName(pointer)} must be a string`, pointer);
  if (value.length > max) throw new InvalidRequest(`${fieldName(pointer)} must be at most ${max} characters`, pointer);
  return value;
}

/** One of a fixed list of strings, compared exactly. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], pointer: string): T {
  assertPointer(pointer);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidRequest(`${fieldName(pointer)} must be one of ${allowed.join(', ')}`, pointer);
  }
  return value as T;
}

/** An integer from `min` up. */
export function integerAtLeast(value: unknown, min: number, pointer: string): number {
  assertPointer(pointer);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidRequest(`${fieldName(pointer)} must be an integer of at least ${min}`, pointer);
  }
  return value;
}
