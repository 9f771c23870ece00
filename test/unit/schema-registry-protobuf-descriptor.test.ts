// Issue 14: a PROTOBUF schema's serialized form (what `format=serialized` answers and what
// Confluent's Python client registers) and back. Each file's descriptor, printed as .proto text
// and parsed again, gives the same descriptor byte for byte.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import descriptor from 'protobufjs/ext/descriptor.js';
import { PROTOBUF, serializedProtobuf } from '../../src/core/schema-registry/protobuf.ts';
import { protoTextOfDescriptor } from '../../src/core/schema-registry/protobuf-text.ts';

const FILES: Record<string, string> = {
  'proto3, no package': 'syntax = "proto3";\nmessage A { optional int32 x = 1; repeated bytes b = 2; }',
  'proto2 labels and a top-level enum': 'syntax = "proto2";\npackage p.q;\nenum Kind { K0 = 0; K1 = 1; }\nmessage R { required string id = 1; optional Kind kind = 2; repeated fixed64 f = 3; }',
  'maps of messages, nested enums, oneofs': `syntax = "proto3";
package m;
message Outer {
  message Inner { sint64 s = 1; }
  enum Color { RED = 0; BLUE = 1; }
  map<int64, Inner> by_id = 1;
  map<string, Color> colors = 2;
  oneof choice { Inner inner = 3; string label = 4; }
  Outer.Inner deep = 5;
}
message Holder { Outer.Inner i = 1; }`,
  'the types Confluent uses for Connect\'s Date, Time and Decimal': 'syntax = "proto3";\nimport "google/type/date.proto";\nimport "google/type/timeofday.proto";\nimport "confluent/type/decimal.proto";\nmessage L { google.type.Date d = 1; google.type.TimeOfDay t = 2; confluent.type.Decimal x = 3; }',
  'well-known imports': 'syntax = "proto3";\nimport "google/protobuf/timestamp.proto";\nimport "google/protobuf/wrappers.proto";\nmessage T { google.protobuf.Timestamp at = 1; google.protobuf.Int64Value n = 2; }',
};

const GOLDEN = join(import.meta.dirname, '../../jvm/schema-converters/src/test/resources/protobuf');
const decoded = (base64: string) => descriptor.FileDescriptorProto.toObject(descriptor.FileDescriptorProto.decode(Buffer.from(base64, 'base64')), { enums: String });

describe('PROTOBUF serialized descriptors', () => {
  for (const [name, text] of Object.entries(FILES)) {
    it(`${name}: descriptor → .proto text → the same descriptor`, () => {
      const serialized = serializedProtobuf(PROTOBUF.parse(text, []));
      const printed = protoTextOfDescriptor(serialized);
      assert.ok(printed, 'a descriptor is recognised');
      assert.deepEqual(decoded(serializedProtobuf(PROTOBUF.parse(printed, []))), decoded(serialized));
      assert.equal(serializedProtobuf(PROTOBUF.parse(serialized, [])), serialized, 'registering the descriptor itself gives it back');
    });
  }

  it('map entries are named as protoc names them, type names are fully qualified', () => {
    const file = decoded(serializedProtobuf(PROTOBUF.parse(FILES['maps of messages, nested enums, oneofs']!, [])));
    const outer = (file.messageType as { field: { name: string; typeName?: string; oneofIndex?: number }[]; nestedType: { name: string }[] }[])[0]!;
    assert.deepEqual(outer.nestedType.map((n) => n.name), ['Inner', 'ByIdEntry', 'ColorsEntry'], 'declared messages first, then map entries');
    assert.equal(outer.field.find((f) => f.name === 'by_id')!.typeName, '.m.Outer.ByIdEntry');
    assert.equal(outer.field.find((f) => f.name === 'deep')!.typeName, '.m.Outer.Inner');
    assert.equal(outer.field.find((f) => f.name === 'label')!.oneofIndex, 0);
  });

  it('a descriptor importing another registered file resolves it through the reference of that import path', () => {
    const money = { name: 'shop/money.proto', schema: 'syntax = "proto3";\npackage shop;\nmessage Money { int64 cents = 1; }' };
    const order = 'syntax = "proto3";\npackage shop;\nimport "shop/money.proto";\nmessage Order { Money total = 1; }';
    const serialized = serializedProtobuf(PROTOBUF.parse(order, [money]));
    const registered = PROTOBUF.parse(serialized, [money]);
    assert.match(registered.canonical, /\nimport "shop\/money\.proto";\nmessage Order \{\n\.shop\.Money total = 1;\n\}/);
    assert.equal(serializedProtobuf(registered), serialized);
    assert.throws(() => PROTOBUF.parse(serialized, []), /Invalid schema/, 'without the reference the import is unknown');
  });

  it('the JUnit goldens are what the registry serves: shop.proto (files of other producers) and times.proto (the converter\'s own Date, Time, Timestamp)', () => {
    for (const name of ['shop', 'times']) {
      const text = readFileSync(join(GOLDEN, `${name}.proto`), 'utf8');
      assert.equal(serializedProtobuf(PROTOBUF.parse(text, [])), readFileSync(join(GOLDEN, `${name}.desc.b64`), 'utf8').trim(), name);
    }
  });

  it('.proto text is not taken for a descriptor', () => {
    for (const text of Object.values(FILES)) assert.equal(protoTextOfDescriptor(text), undefined);
    assert.equal(protoTextOfDescriptor('bm90IGEgZGVzY3JpcHRvcg=='), undefined, 'base64 of something else');
  });
});
