// AVRO schemas through avsc: parsing, and Avro's own schema resolution as the compatibility
// rule (a reader can read a writer's data exactly when avsc can build a resolver from writer to
// reader). The registry keeps the schema as sent (whitespace aside), every property included:
// Avro's Parsing Canonical Form would drop logicalType, doc and connect.*, which Connect's
// converters need back by id. Equal schemas are the same JSON with keys in any order.
import avro from 'avsc';
import { registryErrors } from './errors.ts';
import type { ResolvedReference, SchemaFormat } from './format.ts';

export interface ParsedAvro {
  type: avro.Type;
  canonical: string;
  stored: string;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw registryErrors.invalidSchema(`${what} is not valid JSON`);
  }
}

function parse(text: string, references: readonly ResolvedReference[]): ParsedAvro {
  const json = parseJson(text, 'the schema');
  // Referenced named types enter the registry first, so the schema may name them.
  const registry: Record<string, avro.Type> = {};
  try {
    for (const reference of references) avro.Type.forSchema(parseJson(reference.schema, `reference ${reference.name}`) as avro.Schema, { registry });
    const type = avro.Type.forSchema(json as avro.Schema, { registry });
    return { type, canonical: JSON.stringify(sortedKeys(json)), stored: JSON.stringify(json) };
  } catch (err) {
    if ((err as { errorCode?: unknown }).errorCode !== undefined) throw err;
    throw registryErrors.invalidSchema((err as Error).message);
  }
}

function readProblems(reader: ParsedAvro, writer: ParsedAvro): string[] {
  try {
    reader.type.createResolver(writer.type);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}

export const AVRO: SchemaFormat<ParsedAvro> = { parse, readProblems };
