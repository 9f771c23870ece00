// A PROTOBUF schema registered as a base64 FileDescriptorProto, as Confluent's Python client
// (ProtobufSerializer) sends it (its imports as registry references), turned into .proto text, which is what Confluent's registry then
// stores and answers. Covers what a schema of records holds: syntax, package, imports, messages
// (nested, fields, maps, oneofs, proto3 `optional`, proto2 labels) and enums; services,
// extensions and options are left out, as they do not shape a record's bytes.
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor.js';
import { knownFile } from './protobuf-known-files.ts';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The .proto text of a base64 FileDescriptorProto; undefined when the schema is not one (it is
 * .proto text). `imports` gives the files its registry references bring (by import path).
 */
export function protoTextOfDescriptor(schema: string, imports: (name: string) => descriptor.IFileDescriptorProto | undefined = () => undefined): string | undefined {
  const trimmed = schema.trim();
  if (!BASE64.test(trimmed)) return undefined;
  let file: descriptor.IFileDescriptorProto;
  let root: protobuf.Root;
  try {
    file = descriptor.FileDescriptorProto.decode(Buffer.from(trimmed, 'base64')) as descriptor.IFileDescriptorProto;
    // fromDescriptor resolves every type, so Google's well-known imports come along as files.
    root = protobuf.Root.fromDescriptor({ file: [file, ...(file.dependency ?? []).flatMap((name: string) => importedFiles(name, imports))] }, { keepCase: true });
  } catch {
    return undefined;
  }
  const syntax = file.syntax === 'proto3' ? 'proto3' : 'proto2';
  const lines = [`syntax = "${syntax}";`];
  if (file.package) lines.push(`package ${file.package};`);
  for (const name of file.dependency ?? []) lines.push(`import "${name}";`);
  // The file's own declarations only: its package may hold an imported file's too.
  const prefix = file.package ? `${file.package}.` : '';
  for (const declared of [...(file.messageType ?? []), ...(file.enumType ?? [])]) {
    const nested = root.lookup(`${prefix}${declared.name}`);
    if (nested) print(nested, syntax, '', lines);
  }
  return `${lines.join('\n')}\n`;
}

/** An imported file: the well-known ones (protobuf-known-files.ts), the others from the references. */
function importedFiles(name: string, imports: (name: string) => descriptor.IFileDescriptorProto | undefined): descriptor.IFileDescriptorProto[] {
  const json = knownFile(name);
  if (json) return protobuf.Root.fromJSON(json).toDescriptor('proto3').file;
  const referenced = imports(name);
  return referenced ? [referenced] : [];
}

function print(nested: protobuf.ReflectionObject, syntax: string, indent: string, lines: string[]): void {
  if (nested instanceof protobuf.Type) message(nested, syntax, indent, lines);
  else if (nested instanceof protobuf.Enum) {
    lines.push(`${indent}enum ${nested.name} {`, ...Object.entries(nested.values).map(([name, n]) => `${indent}  ${name} = ${n};`), `${indent}}`);
  }
}

function message(type: protobuf.Type, syntax: string, indent: string, lines: string[]): void {
  lines.push(`${indent}message ${type.name} {`);
  for (const nested of type.nestedArray) print(nested, syntax, `${indent}  `, lines);
  // Fields in their order (it is the descriptor's); a oneof is printed where its first member stands.
  const printed = new Set<protobuf.OneOf>();
  for (const f of type.fieldsArray) {
    const oneof = f.partOf && f.options?.proto3_optional !== true ? f.partOf : undefined;
    if (!oneof) lines.push(`${indent}  ${field(f, syntax)}`);
    else if (!printed.has(oneof)) {
      printed.add(oneof);
      lines.push(`${indent}  oneof ${oneof.name} {`, ...oneof.fieldsArray.map((m) => `${indent}    ${m.type} ${m.name} = ${m.id};`), `${indent}  }`);
    }
  }
  lines.push(`${indent}}`);
}

function field(f: protobuf.Field, syntax: string): string {
  if (f instanceof protobuf.MapField) return `map<${f.keyType}, ${f.type}> ${f.name} = ${f.id};`;
  const label = f.repeated ? 'repeated '
    : f.required ? 'required '
      : syntax === 'proto2' || f.options?.proto3_optional === true ? 'optional ' : '';
  return `${label}${f.type} ${f.name} = ${f.id};`;
}
