// A registered .proto file as the FileDescriptorProto that Confluent's registry answers for
// `GET /schemas/ids/{id}?format=serialized` (base64), which is how a converter without a .proto
// parser (protobuf-java has none) gets the schema. Built from protobufjs's resolved reflection
// rather than its ext/descriptor `toDescriptor`: that one names map entries after the value type
// and leaves type names relative, which protobuf-java cannot build unambiguously. Type names here
// are fully qualified (leading dot), map entries are `<Field>Entry` with map_entry set, as protoc
// writes them, and proto3 `optional` fields keep their synthetic oneofs.
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor.js';

/** What the file itself declares (its root also holds imports and references). */
export interface ProtobufFile {
  package: string;
  imports: string[];
  syntax: 'proto2' | 'proto3';
  /** Full names (no leading dot) of the file's top-level messages and enums, in order. */
  topLevel: string[];
}

const SCALAR_TYPES: Record<string, number> = {
  double: 1, float: 2, int64: 3, uint64: 4, int32: 5, fixed64: 6, fixed32: 7, bool: 8, string: 9,
  bytes: 12, uint32: 13, sfixed32: 15, sfixed64: 16, sint32: 17, sint64: 18,
};
const TYPE_MESSAGE = 11;
const TYPE_ENUM = 14;
const LABEL_OPTIONAL = 1;
const LABEL_REQUIRED = 2;
const LABEL_REPEATED = 3;

type Plain = Record<string, unknown>;

/** protoc's map entry name: `my_field` → `MyFieldEntry`. */
function mapEntryName(field: string): string {
  const camel = field.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/_/g, '');
  return `${camel.charAt(0).toUpperCase()}${camel.slice(1)}Entry`;
}

function typeOf(field: protobuf.FieldBase, typeName: string | undefined): Plain {
  if (!field.resolvedType) return { type: SCALAR_TYPES[field.type] };
  return { type: field.resolvedType instanceof protobuf.Enum ? TYPE_ENUM : TYPE_MESSAGE, typeName };
}

function qualified(field: protobuf.FieldBase): string | undefined {
  return field.resolvedType ? field.resolvedType.fullName : undefined;
}

function mapEntry(field: protobuf.MapField): Plain {
  const key = { name: 'key', number: 1, label: LABEL_OPTIONAL, type: SCALAR_TYPES[field.keyType] };
  const value = { name: 'value', number: 2, label: LABEL_OPTIONAL, ...typeOf(field, qualified(field)) };
  return { name: mapEntryName(field.name), field: [key, value], options: { mapEntry: true } };
}

function messageOf(type: protobuf.Type, syntax: ProtobufFile['syntax']): Plain {
  // Real oneofs first, synthetic ones (proto3 `optional`) after them, as protoc orders them.
  const oneofs = [...type.oneofsArray].sort((a, b) => Number(isSynthetic(a)) - Number(isSynthetic(b)));
  // Declared messages first, in order, then map entries: a record's message index names a nested
  // message by its place among the declared ones, as producers count them.
  const nestedType: Plain[] = type.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type).map((n) => messageOf(n, syntax));
  const field = type.fieldsArray.map((f) => {
    const out: Plain = { name: f.name, number: f.id };
    if (f instanceof protobuf.MapField) {
      const entry = mapEntry(f);
      nestedType.push(entry);
      return { ...out, label: LABEL_REPEATED, type: TYPE_MESSAGE, typeName: `${type.fullName}.${entry.name as string}` };
    }
    const label = f.repeated ? LABEL_REPEATED : f.required && syntax === 'proto2' ? LABEL_REQUIRED : LABEL_OPTIONAL;
    Object.assign(out, { label }, typeOf(f, qualified(f)));
    if (f.partOf) out.oneofIndex = oneofs.indexOf(f.partOf);
    if (f.partOf && isSynthetic(f.partOf)) out.proto3Optional = true;
    return out;
  });
  const enumType = type.nestedArray.filter((n): n is protobuf.Enum => n instanceof protobuf.Enum).map(enumOf);
  return { name: type.name, field, nestedType, enumType, oneofDecl: oneofs.map((o) => ({ name: o.name })) };
}

function isSynthetic(oneof: protobuf.OneOf): boolean {
  return oneof.fieldsArray.length === 1 && oneof.fieldsArray[0]!.options?.proto3_optional === true;
}

function enumOf(e: protobuf.Enum): Plain {
  return { name: e.name, value: Object.entries(e.values).map(([name, number]) => ({ name, number })) };
}

/** The file's FileDescriptorProto, base64 as Confluent's registry answers it. */
export function serializedDescriptor(root: protobuf.Root, file: ProtobufFile): string {
  return Buffer.from(descriptor.FileDescriptorProto.encode(descriptorOf(root, file)).finish()).toString('base64');
}

/** The file's FileDescriptorProto, named `name` (the import path when another file imports it). */
export function descriptorOf(root: protobuf.Root, file: ProtobufFile, name = 'schema.proto'): descriptor.IFileDescriptorProto {
  const messageType: Plain[] = [];
  const enumType: Plain[] = [];
  for (const name of file.topLevel) {
    const found = root.lookup(name);
    if (found instanceof protobuf.Type) messageType.push(messageOf(found, file.syntax));
    else if (found instanceof protobuf.Enum) enumType.push(enumOf(found));
  }
  return descriptor.FileDescriptorProto.fromObject({
    name, dependency: file.imports, messageType, enumType, syntax: file.syntax,
    ...(file.package ? { package: file.package } : {}),
  }) as descriptor.IFileDescriptorProto;
}
