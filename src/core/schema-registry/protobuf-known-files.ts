// Files a PROTOBUF schema may import without registering them, as with Confluent's registry:
// Google's well-known types (google/protobuf/*.proto, which protobufjs ships), and the types
// Confluent's converters use for Connect's logical types, google.type.Date and TimeOfDay and
// confluent.type.Decimal (their messages as published; options that do not shape a record's bytes
// left out). The PROTOBUF converter maps Date and Time to the first two (jvm/schema-converters).
import protobuf from 'protobufjs';

const message = (pkg: string, name: string, fields: Record<string, [number, string]>): protobuf.INamespace => {
  const leaf: protobuf.INamespace = { nested: { [name]: { fields: Object.fromEntries(Object.entries(fields).map(([f, [id, type]]) => [f, { id, type }])) } } };
  return pkg.split('.').reverse().reduce<protobuf.INamespace>((inner, part) => ({ nested: { [part]: inner } }), leaf);
};

const BUNDLED: Record<string, protobuf.INamespace> = {
  'google/type/date.proto': message('google.type', 'Date', { year: [1, 'int32'], month: [2, 'int32'], day: [3, 'int32'] }),
  'google/type/timeofday.proto': message('google.type', 'TimeOfDay', { hours: [1, 'int32'], minutes: [2, 'int32'], seconds: [3, 'int32'], nanos: [4, 'int32'] }),
  'confluent/type/decimal.proto': message('confluent.type', 'Decimal', { value: [1, 'bytes'], precision: [2, 'uint32'], scale: [3, 'int32'] }),
};

/** The definitions of a file importable without a reference (`{ nested: … }`), or undefined. */
export function knownFile(name: string): protobuf.INamespace | undefined {
  return (protobuf.common.get(name) as protobuf.INamespace | null) ?? BUNDLED[name];
}
