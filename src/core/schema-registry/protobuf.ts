// PROTOBUF schemas through protobufjs. The canonical text is the .proto text without comments,
// blank lines or indentation (equal files differing only in those share an id). Reading rules,
// as the wire format allows: a message of the writer must still exist in the reader (by full
// name); a field number both use must keep a type of the same wire family (int32/int64/uint32/
// uint64/bool/enum, sint32/sint64, fixed32/sfixed32, fixed64/sfixed64, string/bytes, a message
// of the same name, float, double) and its repeated-ness. Renamed, added and removed fields read.
import protobuf from 'protobufjs';
import { registryErrors } from './errors.ts';
import type { ResolvedReference, SchemaFormat } from './format.ts';

export interface ParsedProtobuf {
  root: protobuf.Root;
  canonical: string;
}

function canonicalText(text: string): string {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  return withoutComments.split('\n').map((line) => line.trim().replace(/\s+/g, ' ')).filter(Boolean).join('\n');
}

function parse(text: string, references: readonly ResolvedReference[]): ParsedProtobuf {
  const root = new protobuf.Root();
  try {
    for (const reference of references) protobuf.parse(reference.schema, root, { keepCase: true });
    protobuf.parse(text, root, { keepCase: true });
    root.resolveAll();
  } catch (err) {
    throw registryErrors.invalidSchema((err as Error).message);
  }
  return { root, canonical: canonicalText(text) };
}

const WIRE_FAMILY: Record<string, string> = {
  int32: 'varint', int64: 'varint', uint32: 'varint', uint64: 'varint', bool: 'varint',
  sint32: 'zigzag', sint64: 'zigzag', fixed32: 'i32', sfixed32: 'i32', fixed64: 'i64', sfixed64: 'i64',
  string: 'len', bytes: 'len', float: 'float', double: 'double',
};

function familyOf(field: protobuf.Field): string {
  if (field.resolvedType instanceof protobuf.Enum) return 'varint';
  if (field.resolvedType) return `message ${field.resolvedType.fullName}`;
  return WIRE_FAMILY[field.type] ?? field.type;
}

function messagesOf(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  return namespace.nestedArray.flatMap((nested) => {
    const inner = nested instanceof protobuf.Namespace || nested instanceof protobuf.Type ? messagesOf(nested) : [];
    return nested instanceof protobuf.Type ? [nested, ...inner] : inner;
  });
}

function readProblems(reader: ParsedProtobuf, writer: ParsedProtobuf): string[] {
  const out: string[] = [];
  for (const written of messagesOf(writer.root)) {
    const read = lookupMessage(reader.root, written.fullName);
    if (!read) {
      out.push(`message ${written.fullName.slice(1)} removed`);
      continue;
    }
    for (const field of written.fieldsArray) {
      const counterpart = read.fieldsById[field.id];
      if (!counterpart) continue;
      if (familyOf(counterpart) !== familyOf(field)) out.push(`${written.fullName.slice(1)} field ${field.id}: type ${field.type} changed to ${counterpart.type}`);
      else if (counterpart.repeated !== field.repeated) out.push(`${written.fullName.slice(1)} field ${field.id}: label changed`);
    }
  }
  return out;
}

function lookupMessage(root: protobuf.Root, fullName: string): protobuf.Type | undefined {
  const found = root.lookup(fullName);
  return found instanceof protobuf.Type ? found : undefined;
}

export const PROTOBUF: SchemaFormat<ParsedProtobuf> = { parse, readProblems };
