// PROTOBUF schemas through protobufjs. The canonical text is the .proto text without comments,
// blank lines or indentation (equal files differing only in those share an id). Reading rules,
// as the wire format allows: a message of the writer must still exist in the reader (by full
// name); a field number both use must keep a type of the same wire family (int32/int64/uint32/
// uint64/bool/enum, sint32/sint64, fixed32/sfixed32, fixed64/sfixed64, string/bytes, a message
// of the same name, float, double) and its repeated-ness. Renamed, added and removed fields read.
import protobuf from 'protobufjs';
import { registryErrors } from './errors.ts';
import type { ResolvedReference, SchemaFormat } from './format.ts';
import type descriptor from 'protobufjs/ext/descriptor.js';
import { descriptorOf, serializedDescriptor, type ProtobufFile } from './protobuf-descriptor.ts';
import { knownFile } from './protobuf-known-files.ts';
import { protoTextOfDescriptor } from './protobuf-text.ts';

export interface ParsedProtobuf {
  root: protobuf.Root;
  canonical: string;
  /** What the schema's own file declares, for its descriptor (`format=serialized`). */
  file: ProtobufFile;
}

function canonicalText(text: string): string {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  return withoutComments.split('\n').map((line) => line.trim().replace(/\s+/g, ' ')).filter(Boolean).join('\n');
}

/**
 * Well-known files (google/protobuf/timestamp.proto, wrappers, google/type/date.proto…; see
 * protobuf-known-files.ts), each added once, unless a reference of that name brings its own:
 * producers import them without registering them (Confluent's registry knows them too).
 */
function addWellKnownImports(root: protobuf.Root, imports: readonly string[], references: readonly ResolvedReference[], added: Set<string>): void {
  for (const name of imports) {
    const json = knownFile(name);
    if (!json?.nested || added.has(name) || references.some((r) => r.name === name)) continue;
    added.add(name);
    root.addJSON(json.nested);
  }
}

function fileOf(parsed: protobuf.IParserResult, text: string): ProtobufFile {
  const own = parsed.root.lookup(parsed.package ?? '') ?? parsed.root;
  const prefix = parsed.package ? `${parsed.package}.` : '';
  const topLevel = own instanceof protobuf.Namespace
    ? own.nestedArray.filter((n) => n instanceof protobuf.Type || n instanceof protobuf.Enum).map((n) => `${prefix}${n.name}`)
    : [];
  const syntax = /^\s*syntax\s*=\s*["']proto3["']/m.test(text) ? 'proto3' : 'proto2';
  return { package: parsed.package ?? '', imports: [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])], syntax, topLevel };
}

/** A reference's file as a descriptor named by its import path (references come dependencies first). */
function referencedFile(name: string, references: readonly ResolvedReference[]): descriptor.IFileDescriptorProto | undefined {
  const at = references.findIndex((r) => r.name === name);
  if (at < 0) return undefined;
  const parsed = parse(references[at]!.schema, references.slice(0, at));
  return descriptorOf(parsed.root, parsed.file, name);
}

function parse(sent: string, references: readonly ResolvedReference[]): ParsedProtobuf {
  // Confluent's Python serializer registers a base64 descriptor; it is kept as .proto text.
  const text = protoTextOfDescriptor(sent, (name) => referencedFile(name, references)) ?? sent;
  const root = new protobuf.Root();
  const added = new Set<string>();
  let file: ProtobufFile;
  try {
    for (const reference of references) {
      addWellKnownImports(root, protobuf.parse(reference.schema, root, { keepCase: true }).imports ?? [], references, added);
    }
    // The file alone tells what it declares; parsed again into the shared root to resolve.
    file = fileOf(protobuf.parse(text, { keepCase: true }), text);
    addWellKnownImports(root, protobuf.parse(text, root, { keepCase: true }).imports ?? [], references, added);
    root.resolveAll();
  } catch (err) {
    throw registryErrors.invalidSchema((err as Error).message);
  }
  return { root, canonical: canonicalText(text), file };
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

/** The schema's own file as a base64 FileDescriptorProto (the registry's `format=serialized`). */
export function serializedProtobuf(parsed: ParsedProtobuf): string {
  return serializedDescriptor(parsed.root, parsed.file);
}
