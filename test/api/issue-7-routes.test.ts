// Issue 7: a method a path does not have is a 405 with Allow, in the family's error shape (26).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { expectError, request } from '../harness/connect-v1-client.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';

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
});
