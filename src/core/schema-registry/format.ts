// What the registry needs of each schema type: parse (with the schemas it references) to a
// canonical text, and say why data written with one schema cannot be read with another.
import { AVRO } from './avro.ts';
import { JSON_SCHEMA } from './json-schema.ts';
import type { SchemaType } from './model.ts';
import { PROTOBUF } from './protobuf.ts';

/** A reference with the text of the schema it names (already registered, so already canonical). */
export interface ResolvedReference {
  name: string;
  schema: string;
}

/**
 * `canonical`: what equal schemas share (their id is keyed by it). `stored`: the text kept and
 * answered by id when it must differ from the canonical one (AVRO keeps the schema as sent, with
 * every property: converters read logicalType and connect.* from it).
 */
export interface SchemaFormat<P extends { canonical: string; stored?: string }> {
  parse(text: string, references: readonly ResolvedReference[]): P;
  /** Why data written with `writer` cannot be read with `reader`; empty when it can. */
  readProblems(reader: P, writer: P): string[];
}

const FORMATS: Record<SchemaType, SchemaFormat<{ canonical: string }>> = {
  AVRO: AVRO as SchemaFormat<{ canonical: string }>,
  JSON: JSON_SCHEMA as SchemaFormat<{ canonical: string }>,
  PROTOBUF: PROTOBUF as SchemaFormat<{ canonical: string }>,
};

export function formatOf(type: SchemaType): SchemaFormat<{ canonical: string }> {
  return FORMATS[type];
}
