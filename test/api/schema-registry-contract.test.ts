// Issue 14: every Schema Registry route Cirrus serves, answered in schema-registry-v1.yaml's
// shapes and Confluent's error codes, driven over HTTP with a registry key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { avroRecord, registryOf, type RegistryClient } from '../harness/schema-registry.ts';

const spec = loadSpec('schema-registry-v1');
const V1 = avroRecord([{ name: 'id', type: 'int' }]);
const V2 = avroRecord([{ name: 'id', type: 'int' }, { name: 'name', type: ['null', 'string'], default: null }]);
const BREAKING = avroRecord([{ name: 'id', type: 'int' }, { name: 'email', type: 'string' }]);

describe('Schema Registry REST API (issue 14)', () => {
  let api: ApiApp;
  let sr: RegistryClient;
  /** Calls a route and checks its answer against the spec's schema for that status. */
  const checked = async (method: string, template: string, path: string, body?: unknown) => {
    const res = await sr.call(method, path, body);
    if (res.json !== undefined) assertMatchesSpec(spec, method.toLowerCase(), template, res.status, res.json);
    return res;
  };

  before(async () => {
    api = await startApiApp();
    sr = await registryOf(api);
  });
  after(async () => api.close());

  it('registers, and the same schema under another subject gets the same id; formatting does not matter', async () => {
    const first = await checked('POST', '/subjects/{subject}/versions', '/subjects/orders-value/versions', { schema: V1 });
    assert.equal(first.status, 200);
    const { id } = first.json as { id: number };
    const again = await checked('POST', '/subjects/{subject}/versions', '/subjects/orders-value/versions', { schema: JSON.stringify(JSON.parse(V1), null, 2) });
    assert.deepEqual([again.status, (again.json as { id: number; version: number }).id, (again.json as { version: number }).version], [200, id, 1]);
    const other = await checked('POST', '/subjects/{subject}/versions', '/subjects/audit-value/versions', { schema: V1, schemaType: 'AVRO' });
    assert.equal((other.json as { id: number }).id, id);
  });

  it('lists subjects and versions, reads a version, latest, its bare schema, and looks a schema up', async () => {
    await checked('POST', '/subjects/{subject}/versions', '/subjects/orders-value/versions', { schema: V2 });
    assert.deepEqual((await checked('GET', '/subjects', '/subjects')).json, ['audit-value', 'orders-value']);
    assert.deepEqual((await checked('GET', '/subjects', '/subjects?subjectPrefix=ord')).json, ['orders-value']);
    assert.deepEqual((await checked('GET', '/subjects/{subject}/versions', '/subjects/orders-value/versions')).json, [1, 2]);
    const latest = await checked('GET', '/subjects/{subject}/versions/{version}', '/subjects/orders-value/versions/latest');
    assert.equal((latest.json as { version: number }).version, 2);
    const raw = await sr.call('GET', '/subjects/orders-value/versions/1/schema');
    assert.deepEqual([raw.status, (raw.json as { name: string }).name], [200, 'User']);
    const found = await checked('POST', '/subjects/{subject}', '/subjects/orders-value', { schema: V2 });
    assert.deepEqual([found.status, (found.json as { subject: string; version: number }).version], [200, 2]);
    const missing = await checked('POST', '/subjects/{subject}', '/subjects/orders-value', { schema: avroRecord([{ name: 'x', type: 'int' }]) });
    assert.deepEqual([missing.status, (missing.json as { error_code: number }).error_code], [404, 40403]);
  });

  it('reads schemas by id, with their subjects and versions; answers the schema types', async () => {
    const id = ((await sr.call('GET', '/subjects/audit-value/versions/1')).json as { id: number }).id;
    const byId = await checked('GET', '/schemas/ids/{id}', `/schemas/ids/${id}`);
    assert.equal(JSON.parse((byId.json as { schema: string }).schema).name, 'User');
    assert.deepEqual((await checked('GET', '/schemas/ids/{id}/subjects', `/schemas/ids/${id}/subjects`)).json, ['audit-value', 'orders-value']);
    assert.deepEqual((await checked('GET', '/schemas/ids/{id}/versions', `/schemas/ids/${id}/versions`)).json, [{ subject: 'audit-value', version: 1 }, { subject: 'orders-value', version: 1 }]);
    assert.equal((await sr.call('GET', `/schemas/ids/${id}/schema`)).status, 200);
    assert.deepEqual((await checked('GET', '/schemas/types', '/schemas/types')).json, ['AVRO', 'JSON', 'PROTOBUF']);
    const unknown = await checked('GET', '/schemas/ids/{id}', '/schemas/ids/9999');
    assert.deepEqual([unknown.status, (unknown.json as { error_code: number }).error_code], [404, 40403]);
  });

  it('lists schemas with their subjects (GET /schemas), as Terraform\'s confluent_schema creates, plans and reads one back', async () => {
    // What the provider sends for a new schema: a verbose check, the register, then the list by prefix.
    const request = { schemaType: 'AVRO', schema: JSON.stringify(JSON.parse(V1), null, 2), references: [] };
    const check = await checked('POST', '/compatibility/subjects/{subject}/versions', '/compatibility/subjects/tf-value/versions?verbose=true', request);
    assert.deepEqual(check.json, { is_compatible: true, messages: [] });
    const { id } = (await checked('POST', '/subjects/{subject}/versions', '/subjects/tf-value/versions', request)).json as { id: number };
    const listed = await checked('GET', '/schemas', '/schemas?subjectPrefix=tf-value');
    assert.deepEqual((listed.json as { subject: string; version: number; id: number }[]).map(({ subject, version, id: i }) => ({ subject, version, id: i })), [{ subject: 'tf-value', version: 1, id }]);
    // The next plan: the user's formatting differs from the stored text; the lookup (with an empty rule set) finds the same id.
    for (const normalize of ['false', 'true']) {
      const found = await checked('POST', '/subjects/{subject}', `/subjects/tf-value?normalize=${normalize}`, { ...request, ruleSet: {} });
      assert.equal((found.json as { id: number }).id, id);
    }
    // Every subject, the newest of each, paged, and soft-deleted ones only when asked.
    const all = (await checked('GET', '/schemas', '/schemas')).json as { subject: string; version: number }[];
    assert.deepEqual(all.map((v) => `${v.subject}/${v.version}`), ['audit-value/1', 'orders-value/1', 'orders-value/2', 'tf-value/1']);
    const latest = (await checked('GET', '/schemas', '/schemas?latestOnly=true&offset=1&limit=1')).json as { subject: string; version: number }[];
    assert.deepEqual(latest.map((v) => `${v.subject}/${v.version}`), ['orders-value/2']);
    assert.equal((await sr.call('DELETE', '/subjects/tf-value/versions/1')).status, 200);
    assert.deepEqual((await checked('GET', '/schemas', '/schemas?subjectPrefix=tf-')).json, []);
    assert.equal(((await checked('GET', '/schemas', '/schemas?subjectPrefix=tf-&deleted=true')).json as unknown[]).length, 1);
    assert.equal(((await checked('GET', '/schemas', '/schemas?limit=x&offset=-3')).json as unknown[]).length, 3, 'no paging from numbers that are not (tf-value is soft-deleted)');
  });

  it('refuses an incompatible schema under BACKWARD (the default) with 409, and checks compatibility without registering', async () => {
    assert.deepEqual((await checked('GET', '/config', '/config')).json, { compatibilityLevel: 'BACKWARD' });
    const refused = await checked('POST', '/subjects/{subject}/versions', '/subjects/orders-value/versions', { schema: BREAKING });
    assert.deepEqual([refused.status, (refused.json as { error_code: number }).error_code], [409, 409]);
    const check = await checked('POST', '/compatibility/subjects/{subject}/versions/{version}', '/compatibility/subjects/orders-value/versions/latest?verbose=true', { schema: BREAKING });
    assert.equal((check.json as { is_compatible: boolean }).is_compatible, false);
    assert.ok((check.json as { messages: string[] }).messages.length > 0);
    const fine = await checked('POST', '/compatibility/subjects/{subject}/versions', '/compatibility/subjects/orders-value/versions', { schema: V2 });
    assert.deepEqual(fine.json, { is_compatible: true });
    assert.deepEqual((await sr.call('GET', '/subjects/orders-value/versions')).json, [1, 2]);
  });

  it('per-subject config: set, read (40408 without one unless defaultToGlobal), delete; a bad level is 42203', async () => {
    const unset = await checked('GET', '/config/{subject}', '/config/orders-value');
    assert.deepEqual([unset.status, (unset.json as { error_code: number }).error_code], [404, 40408]);
    assert.deepEqual((await checked('GET', '/config/{subject}', '/config/orders-value?defaultToGlobal=true')).json, { compatibilityLevel: 'BACKWARD' });
    assert.deepEqual((await checked('PUT', '/config/{subject}', '/config/orders-value', { compatibility: 'NONE' })).json, { compatibility: 'NONE' });
    assert.equal((await sr.call('POST', '/subjects/orders-value/versions', { schema: BREAKING })).status, 200);
    assert.deepEqual((await checked('DELETE', '/config/{subject}', '/config/orders-value')).json, 'NONE');
    const bad = await checked('PUT', '/config', '/config', { compatibility: 'SIDEWAYS' });
    assert.deepEqual([bad.status, (bad.json as { error_code: number }).error_code], [422, 42203]);
    assert.deepEqual((await checked('PUT', '/config', '/config', { compatibility: 'FULL_TRANSITIVE' })).json, { compatibility: 'FULL_TRANSITIVE' });
    await sr.call('PUT', '/config', { compatibility: 'BACKWARD' });
  });

  it('keeps and answers back the config fields Terraform sets (compatibilityGroup, normalize, alias), per subject and registry-wide', async () => {
    // confluent_subject_config as the provider sends it: empty strings for fields not set.
    const put = await checked('PUT', '/config/{subject}', '/config/tf-config-value', { compatibility: 'FULL', compatibilityGroup: '', normalize: true, alias: '' });
    assert.deepEqual(put.json, { compatibility: 'FULL', normalize: true });
    assert.deepEqual((await checked('GET', '/config/{subject}', '/config/tf-config-value')).json, { compatibilityLevel: 'FULL', normalize: true });
    await checked('PUT', '/config/{subject}', '/config/tf-config-value', { normalize: false, alias: 'orders-value' });
    assert.deepEqual((await checked('GET', '/config/{subject}', '/config/tf-config-value')).json, { compatibilityLevel: 'FULL', normalize: false, alias: 'orders-value' }, 'a change keeps the fields it does not name');
    assert.deepEqual((await checked('DELETE', '/config/{subject}', '/config/tf-config-value')).json, 'FULL');
    assert.equal((await checked('GET', '/config/{subject}', '/config/tf-config-value')).status, 404, 'delete removes every field');
    // A subject with only a group set: its own fields, the level that applies when it may fall back.
    await checked('PUT', '/config/{subject}', '/config/tf-group-value', { compatibilityGroup: 'application.major.version' });
    assert.deepEqual((await checked('GET', '/config/{subject}', '/config/tf-group-value')).json, { compatibilityGroup: 'application.major.version' });
    assert.deepEqual((await checked('GET', '/config/{subject}', '/config/tf-group-value?defaultToGlobal=true')).json, { compatibilityLevel: 'BACKWARD', compatibilityGroup: 'application.major.version' });
    await sr.call('DELETE', '/config/tf-group-value');
    await checked('PUT', '/config', '/config', { compatibility: 'BACKWARD', normalize: true });
    assert.deepEqual((await checked('GET', '/config', '/config')).json, { compatibilityLevel: 'BACKWARD', normalize: true });
    await checked('PUT', '/config', '/config', { normalize: null });
    assert.deepEqual((await checked('GET', '/config', '/config')).json, { compatibilityLevel: 'BACKWARD' });
    await checked('PUT', '/config', '/config', { compatibility: 'FORWARD', alias: 'x' });
    assert.deepEqual((await checked('DELETE', '/config', '/config')).json, 'FORWARD', 'DELETE /config answers the old level');
    assert.deepEqual((await checked('GET', '/config', '/config')).json, { compatibilityLevel: 'BACKWARD' }, 'and the registry is back to its defaults');
    for (const [body, code] of [[{ normalize: 'yes' }, 422], [{}, 42203], [{ alias: 7 }, 422]] as const) {
      const bad = await checked('PUT', '/config', '/config', body);
      assert.deepEqual([bad.status, (bad.json as { error_code: number }).error_code], [422, code], JSON.stringify(body));
    }
  });

  it('mode: READONLY refuses registering (42205) until READWRITE again; subject mode deletes back to the global one', async () => {
    assert.deepEqual((await checked('GET', '/mode', '/mode')).json, { mode: 'READWRITE' });
    assert.deepEqual((await checked('PUT', '/mode/{subject}', '/mode/audit-value', { mode: 'READONLY' })).json, { mode: 'READONLY' });
    const refused = await checked('POST', '/subjects/{subject}/versions', '/subjects/audit-value/versions', { schema: V2 });
    assert.deepEqual([refused.status, (refused.json as { error_code: number }).error_code], [422, 42205]);
    assert.deepEqual((await checked('DELETE', '/mode/{subject}', '/mode/audit-value')).json, { mode: 'READONLY' });
    assert.deepEqual((await checked('GET', '/mode/{subject}', '/mode/audit-value?defaultToGlobal=true')).json, { mode: 'READWRITE' });
    assert.equal((await checked('PUT', '/mode', '/mode', { mode: 'SOMETIMES' })).status, 422);
    assert.match(((await checked('PUT', '/mode', '/mode', { mode: 'IMPORT' })).json as { message: string }).message, /no IMPORT mode/);
    // READONLY_OVERRIDE registry-wide wins over a subject's own READWRITE, for registering and deleting.
    await checked('PUT', '/mode/{subject}', '/mode/audit-value', { mode: 'READWRITE' });
    assert.deepEqual((await checked('PUT', '/mode', '/mode', { mode: 'READONLY_OVERRIDE' })).json, { mode: 'READONLY_OVERRIDE' });
    for (const [method, path, body] of [['POST', '/subjects/audit-value/versions', { schema: V2 }], ['DELETE', '/subjects/audit-value/versions/1', undefined]] as const) {
      const overridden = await sr.call(method, path, body);
      assert.deepEqual([overridden.status, (overridden.json as { error_code: number }).error_code], [422, 42205], `${method} ${path}`);
    }
    await checked('PUT', '/mode', '/mode', { mode: 'READWRITE' });
    await sr.call('DELETE', '/mode/audit-value');
  });

  it('soft delete hides a version but its id still resolves; permanent delete needs a soft one first; ids are never reused', async () => {
    const v1 = (await sr.call('GET', '/subjects/audit-value/versions/1')).json as { id: number };
    assert.deepEqual((await checked('DELETE', '/subjects/{subject}/versions/{version}', '/subjects/audit-value/versions/1')).json, 1);
    assert.equal((await checked('GET', '/subjects/{subject}/versions/{version}', '/subjects/audit-value/versions/1')).status, 404);
    assert.equal((await sr.call('GET', '/subjects/audit-value/versions/1?deleted=true')).status, 200);
    assert.equal((await checked('GET', '/schemas/ids/{id}', `/schemas/ids/${v1.id}?subject=audit-value`)).status, 200);
    const unique = avroRecord([{ name: 'only', type: 'string' }], 'Once');
    const once = (await sr.call('POST', '/subjects/once-value/versions', { schema: unique })).json as { id: number };
    const notSoft = await checked('DELETE', '/subjects/{subject}', '/subjects/once-value?permanent=true');
    assert.deepEqual([notSoft.status, (notSoft.json as { error_code: number }).error_code], [404, 40405]);
    assert.deepEqual((await checked('DELETE', '/subjects/{subject}', '/subjects/once-value')).json, [1]);
    assert.deepEqual((await checked('DELETE', '/subjects/{subject}', '/subjects/once-value?permanent=true')).json, [1]);
    assert.equal((await checked('GET', '/schemas/ids/{id}', `/schemas/ids/${once.id}`)).status, 404);
    const next = (await sr.call('POST', '/subjects/next-value/versions', { schema: avroRecord([{ name: 'n', type: 'long' }], 'Next') })).json as { id: number };
    assert.ok(next.id > once.id, `a new schema after a permanent delete gets a new id (${next.id} > ${once.id})`);
    const gone = await checked('GET', '/subjects/{subject}/versions', '/subjects/once-value/versions');
    assert.deepEqual([gone.status, (gone.json as { error_code: number }).error_code], [404, 40401]);
  });

  it('bad input answers in the registry shape: invalid schema 42201, bad version 42202, unknown type, bad body 422, bad parameter 400, unknown path 404', async () => {
    const invalid = await checked('POST', '/subjects/{subject}/versions', '/subjects/bad-value/versions', { schema: '{"type":"record","name":"X"}' });
    assert.deepEqual([invalid.status, (invalid.json as { error_code: number }).error_code], [422, 42201]);
    const version = await checked('GET', '/subjects/{subject}/versions/{version}', '/subjects/orders-value/versions/zero');
    assert.deepEqual([version.status, (version.json as { error_code: number }).error_code], [422, 42202]);
    assert.equal(((await sr.call('POST', '/subjects/bad-value/versions', { schema: '"int"', schemaType: 'XML' })).json as { error_code: number }).error_code, 42201);
    const body = await sr.call('POST', '/subjects/bad-value/versions', { schema: 42 });
    assert.deepEqual([body.status, (body.json as { error_code: number }).error_code], [422, 422]);
    // A parameter at fault is a 400, which every route declares (the spec fuzz found 422s here).
    const twice = await checked('GET', '/subjects', '/subjects?deleted=true&deleted=true');
    assert.deepEqual([twice.status, twice.json], [400, { error_code: 400, message: 'deleted takes one value; it was given more than once' }]);
    assert.equal((await checked('POST', '/subjects/{subject}', '/subjects/orders-value?normalize=a&normalize=b', { schema: '"string"' })).status, 400);
    const path = await sr.call('GET', '/nothing/here');
    assert.deepEqual([path.status, (path.json as { error_code: number }).error_code], [404, 404]);
  });

  it('accepts plain JSON as well as the registry content type', async () => {
    const res = await fetch(`${sr.endpoint}/subjects/plain-value/versions`, {
      method: 'POST', headers: { authorization: sr.auth, 'content-type': 'application/json' }, body: JSON.stringify({ schema: '"string"' }),
    });
    assert.equal(res.status, 200);
    assert.equal(typeof ((await res.json()) as { id: number }).id, 'number');
  });
});
