// JSON Schema: parsing; a canonical text (keys sorted, whitespace gone) that equal schemas
// share; the text as sent (minified) to keep, since `properties` order is the field order
// converters give a record; and our own reading rules, since JSON Schema has no resolution
// algorithm. A reader "reads" a writer when every document valid under the writer is valid
// under the reader. Covered (anything else is not compared): boolean schemas; `type` (integer
// widens to number); `enum`; object `properties` with the open (additionalProperties
// absent/true/a schema) or closed (false) content model — a property the writer may carry that
// the reader forbids, or a property added to a reader while the writer is open to anything
// there, is a problem; `required` added; array `items`; bounds `minLength`/`maxLength`/
// `minimum`/`maximum` narrowed. `$ref`s are not followed.
import { registryErrors } from './errors.ts';
import type { SchemaFormat } from './format.ts';

type Json = boolean | { [key: string]: unknown };

export interface ParsedJsonSchema {
  root: Json;
  canonical: string;
  stored: string;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
}

function parse(text: string): ParsedJsonSchema {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw registryErrors.invalidSchema('the schema is not valid JSON');
  }
  if (typeof root !== 'boolean' && (root === null || typeof root !== 'object' || Array.isArray(root))) {
    throw registryErrors.invalidSchema('a JSON Schema is an object or a boolean');
  }
  return { root: root as Json, canonical: JSON.stringify(sorted(root)), stored: JSON.stringify(root) };
}

const asObject = (s: unknown): Record<string, unknown> => (s === true || s === undefined ? {} : s === false ? { not: {} } : s as Record<string, unknown>);
const acceptsAll = (s: unknown): boolean => s === true || s === undefined || (typeof s === 'object' && s !== null && Object.keys(s).length === 0);
const rejectsAll = (s: unknown): boolean => s === false;
const typesOf = (s: Record<string, unknown>): string[] | undefined => (typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type as string[] : undefined);

function typeProblems(reader: Record<string, unknown>, writer: Record<string, unknown>, at: string): string[] {
  const readerTypes = typesOf(reader);
  if (!readerTypes) return [];
  const writerTypes = typesOf(writer);
  if (!writerTypes) return [`${at}: type narrowed to ${readerTypes.join('|')}`];
  const missing = writerTypes.filter((t) => !readerTypes.includes(t) && !(t === 'integer' && readerTypes.includes('number')));
  return missing.length > 0 ? [`${at}: type ${missing.join('|')} is no longer allowed`] : [];
}

function enumProblems(reader: Record<string, unknown>, writer: Record<string, unknown>, at: string): string[] {
  if (!Array.isArray(reader.enum)) return [];
  if (!Array.isArray(writer.enum)) return [`${at}: enum added`];
  const known = new Set(reader.enum.map((v) => JSON.stringify(v)));
  const removed = writer.enum.filter((v) => !known.has(JSON.stringify(v)));
  return removed.length > 0 ? [`${at}: enum values ${JSON.stringify(removed)} removed`] : [];
}

function boundProblems(reader: Record<string, unknown>, writer: Record<string, unknown>, at: string): string[] {
  const out: string[] = [];
  for (const [key, narrower] of [['maxLength', -1], ['maximum', -1], ['minLength', 1], ['minimum', 1]] as const) {
    const r = reader[key];
    if (typeof r !== 'number') continue;
    const w = writer[key];
    if (typeof w !== 'number' || (r - w) * narrower > 0) out.push(`${at}: ${key} narrowed to ${r}`);
  }
  return out;
}

function objectProblems(reader: Record<string, unknown>, writer: Record<string, unknown>, at: string): string[] {
  const rProps = (reader.properties ?? {}) as Record<string, unknown>;
  const wProps = (writer.properties ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  for (const [name, w] of Object.entries(wProps)) {
    const r = name in rProps ? rProps[name] : reader.additionalProperties;
    if (!(name in rProps) && rejectsAll(r)) out.push(`${at}/properties/${name}: property removed from a closed content model`);
    else out.push(...readProblemsAt(r, w, `${at}/properties/${name}`));
  }
  for (const [name, r] of Object.entries(rProps)) {
    if (name in wProps || rejectsAll(writer.additionalProperties) || acceptsAll(r)) continue;
    if (writer.additionalProperties === undefined || writer.additionalProperties === true) out.push(`${at}/properties/${name}: property added to an open content model`);
    else out.push(...readProblemsAt(r, writer.additionalProperties, `${at}/properties/${name}`));
  }
  const writerRequired = new Set(Array.isArray(writer.required) ? writer.required : []);
  for (const name of Array.isArray(reader.required) ? reader.required : []) {
    if (!writerRequired.has(name)) out.push(`${at}/required: required property ${String(name)} added`);
  }
  if (!rejectsAll(reader.additionalProperties) || rejectsAll(writer.additionalProperties)) return out;
  return [...out, `${at}: content model closed (additionalProperties false)`];
}

function readProblemsAt(readerSchema: unknown, writerSchema: unknown, at: string): string[] {
  if (rejectsAll(writerSchema) || acceptsAll(readerSchema)) return [];
  if (rejectsAll(readerSchema)) return [`${at}: the reader accepts nothing`];
  const reader = asObject(readerSchema);
  const writer = asObject(writerSchema);
  const out = [...typeProblems(reader, writer, at || '#'), ...enumProblems(reader, writer, at || '#'), ...boundProblems(reader, writer, at || '#')];
  if (reader.properties || writer.properties || reader.required || reader.additionalProperties === false) out.push(...objectProblems(reader, writer, at || '#'));
  if (reader.items !== undefined && typeof reader.items === 'object' && !Array.isArray(reader.items)) out.push(...readProblemsAt(reader.items, writer.items, `${at}/items`));
  return out;
}

export const JSON_SCHEMA: SchemaFormat<ParsedJsonSchema> = {
  parse: (text) => parse(text),
  readProblems: (reader, writer) => readProblemsAt(reader.root, writer.root, ''),
};
