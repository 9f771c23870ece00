// Issue 14: DeveloperRead, DeveloperWrite and ResourceOwner on Schema Registry subjects, bound
// through iam/v2 on Confluent's subject CRNs (a name or a prefix*) and enforced by the registry:
// each subject route × each role, on a subject of its own so that writes do not disturb the rest.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { environmentCrn, schemaRegistryCrn } from '../../src/core/rbac.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';
import { avroRecord, registryOf, type RegistryClient } from '../harness/schema-registry.ts';

const spec = loadSpec('schema-registry-v1');
type Holder = 'otherSubjects' | 'DeveloperRead' | 'DeveloperWrite' | 'ResourceOwner';
const HOLDERS: Holder[] = ['otherSubjects', 'DeveloperRead', 'DeveloperWrite', 'ResourceOwner'];
const v1 = avroRecord([{ name: 'id', type: 'long' }]);
const v2 = avroRecord([{ name: 'id', type: 'long' }, { name: 'note', type: 'string', default: '' }]);

/** A route on a subject, the least role that may use it, and what the admin prepares first. */
interface Row { method: string; path: string; body?: unknown; least: Holder; writes?: true; seed?: 'soft-deleted' | 'config' | 'mode' }
const ROWS: Row[] = [
  { method: 'GET', path: '/subjects/S/versions', least: 'DeveloperRead' },
  { method: 'GET', path: '/subjects/S/versions/1', least: 'DeveloperRead' },
  { method: 'GET', path: '/subjects/S/versions/latest/schema', least: 'DeveloperRead' },
  { method: 'GET', path: '/subjects/S/versions/1/referencedby', least: 'DeveloperRead' },
  { method: 'POST', path: '/subjects/S', body: { schema: v1 }, least: 'DeveloperRead' },
  { method: 'POST', path: '/compatibility/subjects/S/versions/latest', body: { schema: v2 }, least: 'DeveloperRead' },
  { method: 'GET', path: '/config/S?defaultToGlobal=true', least: 'DeveloperRead' },
  { method: 'GET', path: '/mode/S?defaultToGlobal=true', least: 'DeveloperRead' },
  { method: 'POST', path: '/subjects/S/versions', body: { schema: v2 }, least: 'DeveloperWrite', writes: true },
  { method: 'DELETE', path: '/subjects/S/versions/1', least: 'DeveloperWrite', writes: true },
  { method: 'DELETE', path: '/subjects/S', least: 'DeveloperWrite', writes: true },
  { method: 'DELETE', path: '/subjects/S?permanent=true', least: 'ResourceOwner', writes: true, seed: 'soft-deleted' },
  { method: 'DELETE', path: '/subjects/S/versions/1?permanent=true', least: 'ResourceOwner', writes: true, seed: 'soft-deleted' },
  { method: 'PUT', path: '/config/S', body: { compatibility: 'FULL' }, least: 'ResourceOwner', writes: true },
  { method: 'DELETE', path: '/config/S', least: 'ResourceOwner', writes: true, seed: 'config' },
  { method: 'PUT', path: '/mode/S', body: { mode: 'READONLY' }, least: 'ResourceOwner', writes: true },
  { method: 'DELETE', path: '/mode/S', least: 'ResourceOwner', writes: true, seed: 'mode' },
];

describe('Schema Registry subject roles (issue 14)', () => {
  let api: ApiApp;
  let admin: string;
  let sr: RegistryClient;
  let subjects: string;
  const keys = {} as Record<Holder, RegistryClient>;

  before(async () => {
    api = await startApiApp();
    admin = adminAuth(api);
    sr = await registryOf(api);
    subjects = schemaRegistryCrn(api.bootstrap.organization_id, api.bootstrap.environment_id, sr.id);
    for (const holder of HOLDERS) {
      const [role, pattern] = holder === 'otherSubjects' ? ['ResourceOwner', 'payments-*'] : [holder, 'orders-*'];
      keys[holder] = await registryOf(api, undefined, (await keyWithRole(api, role, `${subjects}/subject=${pattern}`)).serviceAccount);
    }
  });
  after(async () => api.close());

  it('iam/v2 takes them on subject CRNs of the environment\'s own registry only', async () => {
    const sa = ((await v2Call(api, admin, 'POST', '/iam/v2/service-accounts', { display_name: 'binder' })).json as { id: string }).id;
    const bind = (role_name: string, crn_pattern: string) => v2Call(api, admin, 'POST', '/iam/v2/role-bindings', { principal: `User:${sa}`, role_name, crn_pattern });
    const made = await bind('DeveloperRead', `${subjects}/subject=*`);
    assert.equal(made.status, 201, made.text);
    assert.equal((made.json as { crn_pattern: string }).crn_pattern, `${subjects}/subject=*`);
    const env = environmentCrn(api.bootstrap.organization_id, api.bootstrap.environment_id);
    for (const [role, pattern] of [
      ['DeveloperRead', env], ['DeveloperWrite', subjects], ['ResourceOwner', `${env}/schema-registry=lsrc-zzzzzz/subject=x`],
      ['DeveloperRead', `${subjects}/subject=a*b`], ['EnvironmentAdmin', `${subjects}/subject=x`], ['DeveloperAdmin', `${subjects}/subject=x`],
    ]) {
      const refused = await bind(role!, pattern!);
      assert.equal(refused.status, 400, `${role} on ${pattern}: ${refused.text}`);
    }
  });

  it('each subject route answers each role as its least role says; a key without a binding on the subject gets 40301', async () => {
    for (const [i, row] of ROWS.entries()) {
      const subject = `orders-${i}`;
      await seed(subject, row.seed);
      const path = row.path.replace('/S', `/${encodeURIComponent(subject)}`);
      for (const holder of HOLDERS) {
        const res = await keys[holder].call(row.method, path, row.body);
        const allowed = HOLDERS.indexOf(holder) >= HOLDERS.indexOf(row.least);
        if (!allowed) {
          assert.equal(res.status, 403, `${holder} ${row.method} ${path}: ${res.text}`);
          assert.equal((res.json as { error_code: number }).error_code, 40301);
          assert.match((res.json as { message: string }).message, new RegExp(`^User is denied operation \\w+ on Subject: ${subject}$`));
          continue;
        }
        assert.equal(res.status, 200, `${holder} ${row.method} ${path}: ${res.text}`);
        if (row.writes) break; // a write changes the subject: the next role would see another state
      }
    }
    const denied = await keys.otherSubjects.call('GET', '/subjects/orders-0/versions');
    assertMatchesSpec(spec, 'get', '/subjects/{subject}/versions', 403, denied.json);
  });

  it('GET /subjects lists only the subjects the key may read; schemas by id only through them', async () => {
    const sharedSchema = avroRecord([{ name: 's', type: 'string' }], 'Shared');
    const shared = (await sr.call('POST', '/subjects/orders-shared/versions', { schema: sharedSchema })).json as { id: number };
    await sr.call('POST', '/subjects/payments-shared/versions', { schema: sharedSchema });
    const paymentsOnly = (await sr.call('POST', '/subjects/payments-only/versions', { schema: avroRecord([{ name: 'p', type: 'int' }], 'P') })).json as { id: number };
    const listed = (await keys.DeveloperRead.call('GET', '/subjects')).json as string[];
    assert.ok(listed.includes('orders-shared'));
    assert.deepEqual(listed.filter((s) => !s.startsWith('orders-')), []);
    assert.deepEqual((await keys.otherSubjects.call('GET', '/subjects?subjectPrefix=orders-')).json, []);
    assert.ok(((await sr.call('GET', '/subjects')).json as string[]).includes('payments-only'), 'the admin sees every subject');
    const schemas = (await keys.DeveloperRead.call('GET', '/schemas')).json as { subject: string }[];
    assert.ok(schemas.some((s) => s.subject === 'orders-shared') && schemas.every((s) => s.subject.startsWith('orders-')), 'GET /schemas shows the readable subjects only');
    assert.equal((await keys.DeveloperRead.call('GET', `/schemas/ids/${shared.id}`)).status, 200);
    assert.deepEqual((await keys.DeveloperRead.call('GET', `/schemas/ids/${shared.id}/subjects`)).json, ['orders-shared']);
    assert.deepEqual((await keys.DeveloperRead.call('GET', `/schemas/ids/${shared.id}/versions`)).json, [{ subject: 'orders-shared', version: 1 }]);
    for (const path of [`/schemas/ids/${paymentsOnly.id}`, `/schemas/ids/${paymentsOnly.id}/schema`, `/schemas/ids/${shared.id}?subject=payments-shared`]) {
      const res = await keys.DeveloperRead.call('GET', path);
      assert.equal(res.status, 403, path);
      assert.equal((res.json as { error_code: number }).error_code, 40301);
    }
  });

  it('the registry\'s own compatibility and mode: any role there reads them, only admins change them', async () => {
    for (const holder of HOLDERS) {
      assert.equal((await keys[holder].call('GET', '/config')).status, 200, holder);
      assert.equal((await keys[holder].call('GET', '/mode')).status, 200, holder);
      for (const [method, path, body] of [['PUT', '/config', { compatibility: 'NONE' }], ['PUT', '/mode', { mode: 'READONLY' }]] as const) {
        const res = await keys[holder].call(method, path, body);
        assert.deepEqual([res.status, (res.json as { error_code: number }).error_code], [403, 40301], `${holder} ${path}`);
      }
    }
    const loner = ((await v2Call(api, admin, 'POST', '/iam/v2/service-accounts', { display_name: 'no binding' })).json as { id: string }).id;
    const none = await registryOf(api, undefined, loner);
    for (const path of ['/subjects', '/config', '/schemas/types']) assert.equal((await none.call('GET', path)).status, 403, path);
  });

  async function seed(subject: string, how: Row['seed']): Promise<void> {
    const made = await sr.call('POST', `/subjects/${subject}/versions`, { schema: v1 });
    assert.equal(made.status, 200, made.text);
    if (how === 'soft-deleted') assert.equal((await sr.call('DELETE', `/subjects/${subject}`)).status, 200);
    if (how === 'config') assert.equal((await sr.call('PUT', `/config/${subject}`, { compatibility: 'NONE' })).status, 200);
    if (how === 'mode') assert.equal((await sr.call('PUT', `/mode/${subject}`, { mode: 'READWRITE' })).status, 200);
  }
});
