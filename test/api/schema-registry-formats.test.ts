// Issue 14: JSON Schema and PROTOBUF through the registry's API as well as AVRO, and schema
// references (an AVRO record naming a type registered under another subject).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { registryOf, type RegistryClient } from '../harness/schema-registry.ts';
import descriptor from 'protobufjs/ext/descriptor.js';

const spec = loadSpec('schema-registry-v1');
const SHOP_DIR = join(import.meta.dirname, '../../jvm/schema-converters/src/test/resources/protobuf');
const JSON_V1 = JSON.stringify({ type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: false });
const JSON_V2 = JSON.stringify({ type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } }, additionalProperties: false });
const JSON_BREAKING = JSON.stringify({ type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false });
const PROTO_V1 = 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  int32 id = 1;\n}\n';
const PROTO_V2 = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  int32 id = 1;\n  string note = 2;\n}\n';
const PROTO_BREAKING = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  string id = 1;\n}\n';

describe('Schema Registry formats and references (issue 14)', () => {
  let api: ApiApp;
  let sr: RegistryClient;
  const register = async (subject: string, body: unknown) => {
    const res = await sr.call('POST', `/subjects/${subject}/versions`, body);
    assertMatchesSpec(spec, 'post', '/subjects/{subject}/versions', res.status, res.json);
    return res;
  };

  before(async () => {
    api = await startApiApp();
    sr = await registryOf(api);
  });
  after(async () => api.close());

  it('AVRO is answered by id as registered: logicalType, doc and connect.* kept (Connect\'s converters read them); key order does not change the id', async () => {
    const sent = {
      type: 'record', name: 'Payment', namespace: 'shop', doc: 'a payment', 'connect.name': 'shop.Payment', 'connect.version': 2,
      fields: [
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis', 'connect.name': 'org.apache.kafka.connect.data.Timestamp' } },
        { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2, 'connect.parameters': { scale: '2' } } },
        { name: 'small', type: { type: 'int', 'connect.type': 'int8' } },
      ],
    };
    const first = await register('payments-value', { schema: JSON.stringify(sent) });
    const id = (first.json as { id: number }).id;
    const byId = await sr.call('GET', `/schemas/ids/${id}`);
    assert.deepEqual(JSON.parse((byId.json as { schema: string }).schema), sent);
    const reordered = Object.fromEntries(Object.entries(sent).reverse());
    assert.equal(((await register('payments-copy-value', { schema: JSON.stringify(reordered) })).json as { id: number }).id, id);
  });

  it('JSON Schema: registers, keeps its type, takes a compatible change and refuses a breaking one', async () => {
    const first = await register('json-value', { schemaType: 'JSON', schema: JSON_V1 });
    assert.equal(first.status, 200);
    const byId = await sr.call('GET', `/schemas/ids/${(first.json as { id: number }).id}`);
    assert.equal((byId.json as { schemaType: string }).schemaType, 'JSON');
    assert.equal((byId.json as { schema: string }).schema, JSON_V1, 'kept as sent: properties keep their order');
    assert.equal((await register('json-value', { schemaType: 'JSON', schema: JSON_V2 })).status, 200);
    const refused = await register('json-value', { schemaType: 'JSON', schema: JSON_BREAKING });
    assert.deepEqual([refused.status, (refused.json as { error_code: number }).error_code], [409, 409]);
    const invalid = await register('json-value', { schemaType: 'JSON', schema: '[1,2]' });
    assert.equal((invalid.json as { error_code: number }).error_code, 42201);
  });

  it('PROTOBUF: registers, equal files differing in layout share an id, a field type change is refused', async () => {
    const first = await register('proto-value', { schemaType: 'PROTOBUF', schema: PROTO_V1 });
    assert.equal(first.status, 200);
    const relaid = await register('proto-copy-value', { schemaType: 'PROTOBUF', schema: `// the order\n${PROTO_V1.replace(/\n\n/g, '\n')}` });
    assert.equal((relaid.json as { id: number }).id, (first.json as { id: number }).id);
    const latest = await sr.call('GET', '/subjects/proto-value/versions/latest');
    assert.equal((latest.json as { schemaType: string }).schemaType, 'PROTOBUF');
    assert.equal((await register('proto-value', { schemaType: 'PROTOBUF', schema: PROTO_V2 })).status, 200);
    const refused = await register('proto-value', { schemaType: 'PROTOBUF', schema: PROTO_BREAKING });
    assert.equal(refused.status, 409);
    const invalid = await register('proto-value', { schemaType: 'PROTOBUF', schema: 'message {' });
    assert.equal((invalid.json as { error_code: number }).error_code, 42201);
  });

  it('PROTOBUF by id with format=serialized: the file as a base64 FileDescriptorProto, well-known imports resolved (what the PROTOBUF converter reads)', async () => {
    // shop.proto and its descriptor are also the JUnit golden of ProtobufConverterTest, so the
    // registry and the converter agree on the same bytes.
    const text = readFileSync(join(SHOP_DIR, 'shop.proto'), 'utf8');
    const id = ((await register('shop-file-value', { schemaType: 'PROTOBUF', schema: text })).json as { id: number }).id;
    const res = await sr.call('GET', `/schemas/ids/${id}?format=serialized`);
    assertMatchesSpec(spec, 'get', '/schemas/ids/{id}', 200, res.json);
    const answer = res.json as { schemaType: string; schema: string };
    assert.equal(answer.schemaType, 'PROTOBUF');
    assert.equal(answer.schema, readFileSync(join(SHOP_DIR, 'shop.desc.b64'), 'utf8').trim());
    const file = descriptor.FileDescriptorProto.toObject(descriptor.FileDescriptorProto.decode(Buffer.from(answer.schema, 'base64')), { enums: String });
    assert.deepEqual(file.dependency, ['google/protobuf/timestamp.proto', 'google/protobuf/wrappers.proto']);
    assert.deepEqual((file.messageType as { name: string }[]).map((m) => m.name), ['Order', 'Refund']);
    const order = (file.messageType as { field: { name: string; typeName?: string; proto3Optional?: boolean }[]; nestedType: { name: string; options?: unknown }[] }[])[0]!;
    assert.equal(order.field.find((f) => f.name === 'counts')!.typeName, '.shop.Order.CountsEntry');
    assert.equal(order.field.find((f) => f.name === 'coupon')!.proto3Optional, true);
    assert.deepEqual(order.nestedType.map((n) => [n.name, n.options]), [['Line', undefined], ['CountsEntry', { mapEntry: true }]]);
    // As registered without the format, and for other types whatever the format.
    assert.equal(((await sr.call('GET', `/schemas/ids/${id}`)).json as { schema: string }).schema.includes('message Order'), true);
    const avro = ((await register('avro-serialized-value', { schema: '"string"' })).json as { id: number }).id;
    assert.deepEqual((await sr.call('GET', `/schemas/ids/${avro}?format=serialized`)).json, { schema: '"string"' });
  });

  it('PROTOBUF registered as a base64 FileDescriptorProto (as Confluent\'s Python serializer sends it) is kept as .proto text and serialized back byte for byte', async () => {
    const sent = readFileSync(join(SHOP_DIR, 'shop.desc.b64'), 'utf8').trim();
    const res = await register('shop-desc-value', { schemaType: 'PROTOBUF', schema: sent });
    assert.equal(res.status, 200, res.text);
    const id = (res.json as { id: number }).id;
    const text = ((await sr.call('GET', `/schemas/ids/${id}`)).json as { schema: string }).schema;
    assert.match(text, /^syntax = "proto3";\npackage shop;\nimport "google\/protobuf\/timestamp\.proto";/);
    assert.match(text, /\nmap<string, int32> counts = 3;\n[^]*\noptional string coupon = 7;\n/);
    assert.match(text, /oneof pay \{\nstring card = 9;\nint64 voucher = 10;\n\}/);
    assert.equal(((await sr.call('GET', `/schemas/ids/${id}?format=serialized`)).json as { schema: string }).schema, sent);
    const latest = await sr.call('GET', '/subjects/shop-desc-value/versions/latest?format=serialized');
    assertMatchesSpec(spec, 'get', '/subjects/{subject}/versions/{version}', 200, latest.json);
    assert.deepEqual(latest.json, { subject: 'shop-desc-value', version: 1, id, schemaType: 'PROTOBUF', schema: sent });
    const again = await register('shop-desc-value', { schemaType: 'PROTOBUF', schema: sent });
    assert.equal((again.json as { id: number }).id, id, 'the same descriptor is the same schema');
  });

  it('a subject cannot change schema type under a compatibility level', async () => {
    const res = await register('json-value', { schema: '"string"' });
    assert.equal(res.status, 409);
  });

  it('references: an AVRO record names a type of another subject; referencedby lists it and the referenced version cannot be deleted', async () => {
    const address = JSON.stringify({ type: 'record', name: 'Address', namespace: 'shop', fields: [{ name: 'city', type: 'string' }] });
    assert.equal((await register('address-value', { schema: address })).status, 200);
    const customer = JSON.stringify({ type: 'record', name: 'Customer', namespace: 'shop', fields: [{ name: 'home', type: 'shop.Address' }] });
    const references = [{ name: 'shop.Address', subject: 'address-value', version: 1 }];
    const withRef = await register('customer-value', { schema: customer, references });
    assert.equal(withRef.status, 200, withRef.text);
    const id = (withRef.json as { id: number }).id;
    const read = await sr.call('GET', `/schemas/ids/${id}`);
    assertMatchesSpec(spec, 'get', '/schemas/ids/{id}', 200, read.json);
    assert.deepEqual((read.json as { references: unknown }).references, references);
    const by = await sr.call('GET', '/subjects/address-value/versions/1/referencedby');
    assertMatchesSpec(spec, 'get', '/subjects/{subject}/versions/{version}/referencedby', 200, by.json);
    assert.deepEqual(by.json, [id]);
    const blocked = await sr.call('DELETE', '/subjects/address-value/versions/1');
    assert.deepEqual([blocked.status, (blocked.json as { error_code: number }).error_code], [422, 42206]);
    const unresolved = await register('customer2-value', { schema: customer });
    assert.equal((unresolved.json as { error_code: number }).error_code, 42201, 'without the reference the name is unknown');
    const dangling = await register('customer3-value', { schema: customer, references: [{ ...references[0], version: 7 }] });
    assert.equal((dangling.json as { error_code: number }).error_code, 42201);
  });
});
