// Issue 14: compatibility levels × an allowed and a forbidden change, for AVRO and JSON Schema
// (and the PROTOBUF field rules), through the same functions the registry uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compatibilityProblems } from '../../src/core/schema-registry/compatibility.ts';
import { formatOf } from '../../src/core/schema-registry/format.ts';
import type { CompatibilityLevel, SchemaType } from '../../src/core/schema-registry/model.ts';

const avro = (fields: unknown[]) => JSON.stringify({ type: 'record', name: 'User', namespace: 'cirrus', fields });
const json = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'object', properties, ...extra });

/** Each row: a change from `earlier` (oldest first) to `next`, and whether the level allows it. */
interface Row { level: CompatibilityLevel; change: string; earlier: string[]; next: string; allowed: boolean }

const A = {
  id: { name: 'id', type: 'int' },
  idLong: { name: 'id', type: 'long' },
  optional: { name: 'note', type: ['null', 'string'], default: null },
  required: { name: 'email', type: 'string' },
};
const AVRO_ROWS: Row[] = [
  { level: 'NONE', change: 'int field becomes a record', earlier: [avro([A.id])], next: avro([{ name: 'id', type: { type: 'record', name: 'X', fields: [] } }]), allowed: true },
  { level: 'BACKWARD', change: 'add a field with a default', earlier: [avro([A.id])], next: avro([A.id, A.optional]), allowed: true },
  { level: 'BACKWARD', change: 'add a field without a default', earlier: [avro([A.id])], next: avro([A.id, A.required]), allowed: false },
  { level: 'BACKWARD', change: 'widen int to long', earlier: [avro([A.id])], next: avro([A.idLong]), allowed: true },
  { level: 'FORWARD', change: 'remove a field that had a default', earlier: [avro([A.id, A.optional])], next: avro([A.id]), allowed: true },
  { level: 'FORWARD', change: 'widen int to long (old readers cannot read longs)', earlier: [avro([A.id])], next: avro([A.idLong]), allowed: false },
  { level: 'FULL', change: 'add a field with a default', earlier: [avro([A.id])], next: avro([A.id, A.optional]), allowed: true },
  { level: 'FULL', change: 'add a field without a default', earlier: [avro([A.id])], next: avro([A.id, A.required]), allowed: false },
  // Transitive levels look past the latest version: v1 lacked `email`, v2 gave it a default.
  { level: 'BACKWARD_TRANSITIVE', change: 'add an optional field after two versions', earlier: [avro([A.id]), avro([A.id])], next: avro([A.id, A.optional]), allowed: true },
  { level: 'BACKWARD_TRANSITIVE', change: 'drop a default that only the oldest version needed', earlier: [avro([A.id]), avro([A.id, { ...A.required, default: '' }])], next: avro([A.id, A.required]), allowed: false },
  { level: 'BACKWARD', change: 'the same drop, checked against the latest only', earlier: [avro([A.id]), avro([A.id, { ...A.required, default: '' }])], next: avro([A.id, A.required]), allowed: true },
  { level: 'FORWARD_TRANSITIVE', change: 'remove a defaulted field', earlier: [avro([A.id, A.optional]), avro([A.id, A.optional])], next: avro([A.id]), allowed: true },
  { level: 'FORWARD_TRANSITIVE', change: 'remove a field the oldest version requires', earlier: [avro([A.id, A.required]), avro([A.id, { ...A.required, default: '' }])], next: avro([A.id]), allowed: false },
  { level: 'FULL_TRANSITIVE', change: 'add a defaulted field', earlier: [avro([A.id]), avro([A.id])], next: avro([A.id, A.optional]), allowed: true },
  { level: 'FULL_TRANSITIVE', change: 'change a type in a way the oldest cannot take', earlier: [avro([{ name: 'id', type: 'string' }]), avro([A.id])], next: avro([A.id]), allowed: false },
];

const J = { id: { type: 'integer' }, name: { type: 'string' }, num: { type: 'number' } };
const closed = { additionalProperties: false };
const JSON_ROWS: Row[] = [
  { level: 'NONE', change: 'integer becomes string', earlier: [json({ id: J.id })], next: json({ id: J.name }), allowed: true },
  { level: 'BACKWARD', change: 'add an optional property to a closed model', earlier: [json({ id: J.id }, closed)], next: json({ id: J.id, name: J.name }, closed), allowed: true },
  { level: 'BACKWARD', change: 'add a property to an open model', earlier: [json({ id: J.id })], next: json({ id: J.id, name: J.name }), allowed: false },
  { level: 'BACKWARD', change: 'widen integer to number', earlier: [json({ id: J.id })], next: json({ id: J.num }), allowed: true },
  { level: 'BACKWARD', change: 'add a required property', earlier: [json({ id: J.id }, closed)], next: json({ id: J.id, name: J.name }, { ...closed, required: ['name'] }), allowed: false },
  { level: 'FORWARD', change: 'remove a property from an open model', earlier: [json({ id: J.id, name: J.name })], next: json({ id: J.id }), allowed: false },
  { level: 'FORWARD', change: 'narrow number to integer', earlier: [json({ id: J.num })], next: json({ id: J.id }), allowed: true },
  { level: 'FULL', change: 'change only a description', earlier: [json({ id: J.id })], next: json({ id: { ...J.id, description: 'the id' } }), allowed: true },
  { level: 'FULL', change: 'widen integer to number (old readers refuse decimals)', earlier: [json({ id: J.id })], next: json({ id: J.num }), allowed: false },
  { level: 'BACKWARD_TRANSITIVE', change: 'widen twice', earlier: [json({ id: J.id }), json({ id: J.num })], next: json({ id: J.num }), allowed: true },
  { level: 'BACKWARD_TRANSITIVE', change: 'narrow back what the oldest allowed', earlier: [json({ id: J.name }), json({ id: J.name })], next: json({ id: J.id }), allowed: false },
  { level: 'FORWARD_TRANSITIVE', change: 'close a model all versions kept closed', earlier: [json({ id: J.id }, closed), json({ id: J.id }, closed)], next: json({ id: J.id }, closed), allowed: true },
  { level: 'FORWARD_TRANSITIVE', change: 'enum value removed that old readers need', earlier: [json({ c: { enum: ['a'] } }), json({ c: { enum: ['a', 'b'] } })], next: json({ c: { enum: ['a', 'b'] } }), allowed: false },
  { level: 'FULL_TRANSITIVE', change: 'same schema again', earlier: [json({ id: J.id }), json({ id: J.id })], next: json({ id: J.id }), allowed: true },
  { level: 'FULL_TRANSITIVE', change: 'a closed model gains a property the oldest forbids', earlier: [json({ id: J.id }, closed), json({ id: J.id, name: J.name }, closed)], next: json({ id: J.id, name: J.name }, closed), allowed: false },
];

function verdict(type: SchemaType, row: Row): string[] {
  const format = formatOf(type);
  const earlier = row.earlier.map((text, i) => ({ version: i + 1, parsed: format.parse(text, []) }));
  return compatibilityProblems(format, row.level, format.parse(row.next, []), earlier);
}

for (const [type, rows] of [['AVRO', AVRO_ROWS], ['JSON', JSON_ROWS]] as const) {
  describe(`${type} compatibility levels`, () => {
    for (const row of rows) {
      it(`${row.level}: ${row.change} is ${row.allowed ? 'allowed' : 'refused'}`, () => {
        const problems = verdict(type, row);
        assert.equal(problems.length === 0, row.allowed, problems.join('; ') || 'no problem found');
      });
    }
    it('every level has an allowed and a refused row', () => {
      for (const level of ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE']) {
        assert.deepEqual([...new Set(rows.filter((r) => r.level === level).map((r) => r.allowed))].sort(), [false, true], level);
      }
    });
  });
}

describe('PROTOBUF field rules', () => {
  const proto = (body: string) => `syntax = "proto3";\npackage cirrus;\nmessage User {\n${body}\n}`;
  const rows: [string, string, string, boolean][] = [
    ['add a field', 'int32 id = 1;', 'int32 id = 1; string name = 2;', true],
    ['rename a field, same number and type', 'int32 id = 1;', 'int32 user_id = 1;', true],
    ['int32 to int64 (same varint wire type)', 'int32 id = 1;', 'int64 id = 1;', true],
    ['int32 to string on the same number', 'int32 id = 1;', 'string id = 1;', false],
    ['make a field repeated', 'int32 id = 1;', 'repeated int32 id = 1;', false],
  ];
  for (const [change, before, after, allowed] of rows) {
    it(`BACKWARD: ${change} is ${allowed ? 'allowed' : 'refused'}`, () => {
      const format = formatOf('PROTOBUF');
      const problems = compatibilityProblems(format, 'BACKWARD', format.parse(proto(after), []), [{ version: 1, parsed: format.parse(proto(before), []) }]);
      assert.equal(problems.length === 0, allowed, problems.join('; '));
    });
  }
  it('a removed message is refused', () => {
    const format = formatOf('PROTOBUF');
    const problems = compatibilityProblems(format, 'BACKWARD', format.parse('syntax = "proto3";\nmessage Other { int32 a = 1; }', []), [{ version: 1, parsed: format.parse(proto('int32 id = 1;'), []) }]);
    assert.match(problems.join(), /message cirrus.User removed/);
  });
  it('comments and indentation do not change the canonical text', () => {
    const format = formatOf('PROTOBUF');
    assert.equal(format.parse(`// c\n${proto('  int32 id = 1; // the id')}`, []).canonical, format.parse(proto('int32 id = 1;'), []).canonical);
  });
});
