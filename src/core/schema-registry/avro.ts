// AVRO schemas through avsc: parsing, the canonical text the registry keys ids by, and Avro's
// own schema resolution as the compatibility rule (a reader can read a writer's data exactly
// when avsc can build a resolver from writer to reader).
import avro from 'avsc';
import { registryErrors } from './errors.ts';
import type { ResolvedReference, SchemaFormat } from './format.ts';

export interface ParsedAvro {
  type: avro.Type;
  canonical: string;
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
    // With references the text must keep naming them rather than inlining them: only whitespace goes.
    const canonical = references.length > 0 ? JSON.stringify(json) : JSON.stringify(type.schema({ exportAttrs: true }));
    return { type, canonical };
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
