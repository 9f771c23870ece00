// Issue 7: org/v2 organizations (18); a method a path does not have is a 405 with Allow, in the
// family's error shape (26).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { expectError, request } from '../harness/connect-v1-client.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';

describe('issue 7: routes', () => {
  let api: ApiApp;
  let admin: string;

  before(async () => {
    api = await startApiApp();
    admin = adminAuth(api);
  });
  after(async () => api.close());

  it('item 26: a method the path does not have is a 405 with Allow, in the v2 shape', async () => {
    const b = api.bootstrap;
    const cases: [string, string, string][] = [
      ['PUT', '/org/v2/environments', 'GET, HEAD, POST'],
      ['POST', `/org/v2/environments/${b.environment_id}`, 'DELETE, GET, HEAD, PATCH'],
      ['PUT', `/cmk/v2/clusters/${b.kafka_cluster_id}?environment=${b.environment_id}`, 'DELETE, GET, HEAD, PATCH'],
      ['DELETE', '/iam/v2/service-accounts', 'GET, HEAD, POST'],
      ['PATCH', '/iam/v2/role-bindings/rb-x', 'DELETE, GET, HEAD'],
      ['POST', '/health', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await v2Call(api, admin, method, path, method === 'DELETE' ? undefined : {});
      assert.equal(res.status, 405, `${method} ${path}: ${res.text}`);
      assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
      const error = (res.json as { errors: { status: string; code: string; detail: string }[] }).errors[0]!;
      assert.deepEqual([error.status, error.code], ['405', 'method_not_allowed']);
      assert.match(error.detail, new RegExp(`^${method} is not allowed`));
    }
  });

  it('item 26: connect/v1 answers 405 with Allow in its union body', async () => {
    const b = api.bootstrap;
    const prefix = `${api.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}`;
    const cases: [string, string, string][] = [
      ['DELETE', '/connectors', 'GET, HEAD, POST'],
      ['POST', '/connectors/x/status', 'GET, HEAD'],
      ['GET', '/connectors/x/pause', 'PUT'],
      ['GET', '/connector-plugins/DatagenSource/config/validate', 'PUT'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await request(`${prefix}${path}`, method, admin);
      expectError(res, 405, new RegExp(`^${method} is not allowed`));
      assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
    }
  });

  it('item 26: unknown paths stay 404, and a request without credentials still gets 401 first', async () => {
    const b = api.bootstrap;
    assert.equal((await v2Call(api, admin, 'GET', '/org/v2/nothing')).status, 404);
    assert.equal((await v2Call(api, admin, 'PUT', '/org/v2/environments/x/y')).status, 404);
    const anonymous = await request(`${api.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`, 'DELETE', '');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('allow'), null);
    assert.equal((await v2Call(api, '', 'PUT', '/org/v2/environments')).status, 401);
  });

  it('item 18: GET /org/v2/organizations lists the caller\'s own organization, in the spec\'s shape', async () => {
    const b = api.bootstrap;
    const org = loadSpec('org-v2');
    const listed = await v2Call(api, admin, 'GET', '/org/v2/organizations');
    assert.equal(listed.status, 200, listed.text);
    assertMatchesSpec(org, 'get', '/org/v2/organizations', 200, listed.json);
    const list = listed.json as { kind: string; data: { id: string; display_name: string; metadata: { resource_name: string; self: string } }[]; metadata: { next?: string } };
    assert.equal(list.kind, 'OrganizationList');
    assert.deepEqual(list.data.map((o) => o.id), [b.organization_id]);
    assert.equal(list.data[0]!.metadata.resource_name, `crn://confluent.cloud/organization=${b.organization_id}`);
    assert.equal(list.metadata.next, undefined);
    const paged = await v2Call(api, admin, 'GET', '/org/v2/organizations?page_size=1');
    assert.equal((paged.json as typeof list).data.length, 1);
    assert.equal((await v2Call(api, admin, 'GET', '/org/v2/organizations?page_size=0')).status, 400);

    const read = await v2Call(api, admin, 'GET', `/org/v2/organizations/${b.organization_id}`);
    assertMatchesSpec(org, 'get', '/org/v2/organizations/{id}', 200, read.json);
    assert.equal(new URL((read.json as { metadata: { self: string } }).metadata.self).pathname, `/org/v2/organizations/${b.organization_id}`);
    const other = await v2Call(api, admin, 'GET', '/org/v2/organizations/9bb441c4-edef-46ac-8a41-c49e44a3fd9a');
    assert.equal(other.status, 404);
    assertMatchesSpec(org, 'get', '/org/v2/organizations/{id}', 404, other.json);

    const operator = await keyWithRole(api, 'Operator', `crn://confluent.cloud/organization=${b.organization_id}/environment=${b.environment_id}/cloud-cluster=${b.kafka_cluster_id}`);
    assert.equal((await v2Call(api, operator.auth, 'GET', '/org/v2/organizations')).status, 200, 'any caller reads its own organization');
    assert.equal((await v2Call(api, operator.auth, 'GET', `/org/v2/organizations/${b.organization_id}`)).status, 200);
  });

  it('item 18: PATCH /org/v2/organizations/{id} renames it (OrganizationAdmin only) and refuses anything else', async () => {
    const b = api.bootstrap;
    const org = loadSpec('org-v2');
    const path = `/org/v2/organizations/${b.organization_id}`;
    const before = (await v2Call(api, admin, 'GET', path)).json as { display_name: string; metadata: { updated_at: string } };
    const operator = await keyWithRole(api, 'Operator', `crn://confluent.cloud/organization=${b.organization_id}/environment=${b.environment_id}/cloud-cluster=${b.kafka_cluster_id}`);
    const denied = await v2Call(api, operator.auth, 'PATCH', path, { display_name: 'Mine now' });
    assert.equal(denied.status, 403, denied.text);
    for (const [body, pointer] of [[{ display_name: 'a<b' }, '/display_name'], [{ display_name: 'x'.repeat(32) }, '/display_name'], [{ display_name: '' }, '/display_name'], [{ jit_enabled: true }, '/jit_enabled'], [{ display_name: 7 }, '/display_name']] as const) {
      const res = await v2Call(api, admin, 'PATCH', path, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
      assertMatchesSpec(org, 'patch', '/org/v2/organizations/{id}', 400, res.json);
      assert.deepEqual((res.json as { errors: { source: unknown }[] }).errors[0]!.source, { pointer });
    }
    assert.equal(((await v2Call(api, admin, 'GET', path)).json as typeof before).display_name, before.display_name, 'refusals change nothing');
    const renamed = await v2Call(api, admin, 'PATCH', path, { display_name: 'Acme Data', jit_enabled: false, id: 'ignored', kind: 'Organization' });
    assert.equal(renamed.status, 200, renamed.text);
    assertMatchesSpec(org, 'patch', '/org/v2/organizations/{id}', 200, renamed.json);
    const after = (await v2Call(api, admin, 'GET', path)).json as typeof before & { id: string };
    assert.deepEqual([after.id, after.display_name], [b.organization_id, 'Acme Data']);
    assert.ok(after.metadata.updated_at >= before.metadata.updated_at);
    assert.equal((await v2Call(api, admin, 'PATCH', '/org/v2/organizations/9bb441c4-edef-46ac-8a41-c49e44a3fd9a', { display_name: 'x' })).status, 404);
  });
});
