// Issue 7, "authorization says what it means": policies read the same input as handlers (5),
// role bindings hold only at their role's level (6), and organization-level routes answer 403,
// not 404, to callers without a binding there (7).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clusterCrn, environmentCrn, organizationCrn } from '../../src/core/rbac.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';

describe('issue 7: authorization says what it means', () => {
  let api: ApiApp;
  let admin: string;
  let connectors: string;

  before(async () => {
    api = await startApiApp();
    admin = adminAuth(api);
    const b = api.bootstrap;
    connectors = `/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`;
    const created = await v2Call(api, admin, 'POST', connectors, { name: 'secretive', config: datagenConfig(b, 'secretive') });
    assert.equal(created.status, 201, created.text);
  });
  after(async () => api.close());

  it('item 5: an Operator never gets configs through expand, however `info` is spelt', async () => {
    const b = api.bootstrap;
    const operator = await keyWithRole(api, 'Operator', clusterCrn(b.organization_id, b.environment_id, b.kafka_cluster_id));
    for (const query of ['expand=%09info', 'expand=info%20', 'expand=status,%0Ainfo', 'expand=status&expand=%20info', 'expand=info']) {
      const res = await v2Call(api, operator.auth, 'GET', `${connectors}?${query}`);
      assert.equal(res.status, 403, `${query}: ${res.text}`);
      assert.equal(res.text.includes(b.kafka_api_key), false);
    }
    const status = await v2Call(api, operator.auth, 'GET', `${connectors}?expand=%09status,id`);
    assert.equal(status.status, 200, status.text);
    assert.deepEqual(Object.keys((status.json as Record<string, object>).secretive!).sort(), ['id', 'status']);
  });

  it('item 7: a caller without any binding gets 403 user_unauthorized on organization-level routes, 404 inside environments', async () => {
    const b = api.bootstrap;
    const sa = (await v2Call(api, admin, 'POST', '/iam/v2/service-accounts', { display_name: 'nobody' })).json as { id: string };
    const key = (await v2Call(api, admin, 'POST', '/iam/v2/api-keys', { spec: { owner: { id: sa.id }, resource: { id: 'cloud' } } })).json as { id: string; spec: { secret: string } };
    const nobody = basicAuth(key.id, key.spec.secret);
    const organizationLevel: [string, string, unknown?][] = [
      ['POST', '/iam/v2/service-accounts', { display_name: 'x' }], ['GET', '/iam/v2/service-accounts'], ['GET', `/iam/v2/api-keys/${b.cloud_api_key}`],
      ['POST', '/org/v2/environments', { display_name: 'x' }], ['DELETE', `/org/v2/environments/${b.environment_id}`],
    ];
    for (const [method, path, body] of organizationLevel) {
      const res = await v2Call(api, nobody, method, path, body);
      assert.equal(res.status, 403, `${method} ${path}: ${res.text}`);
      assert.equal((res.json as { errors: { code: string }[] }).errors[0]!.code, 'user_unauthorized');
    }
    const inside: [string, string][] = [
      ['GET', `/org/v2/environments/${b.environment_id}`], ['GET', `/cmk/v2/clusters/${b.kafka_cluster_id}?environment=${b.environment_id}`],
      ['GET', `${connectors}/secretive/status`],
    ];
    for (const [method, path] of inside) assert.equal((await v2Call(api, nobody, method, path)).status, 404, `${method} ${path}`);
  });

  it('item 6: a role binding is created only at its role\'s level; wrong level is a 400 with the reason', async () => {
    const b = api.bootstrap;
    const org = organizationCrn(b.organization_id);
    const env = environmentCrn(b.organization_id, b.environment_id);
    const lkc = clusterCrn(b.organization_id, b.environment_id, b.kafka_cluster_id);
    const sa = (await v2Call(api, admin, 'POST', '/iam/v2/service-accounts', { display_name: 'levels' })).json as { id: string };
    const bind = (role_name: string, crn_pattern: string) => v2Call(api, admin, 'POST', '/iam/v2/role-bindings', { principal: `User:${sa.id}`, role_name, crn_pattern });
    const wrong: [string, string][] = [
      ['EnvironmentAdmin', `${org}/*`], ['EnvironmentAdmin', org], ['EnvironmentAdmin', `${org}/environment=*`], ['EnvironmentAdmin', lkc],
      ['OrganizationAdmin', env], ['OrganizationAdmin', `${org}/*`], ['CloudClusterAdmin', env], ['ConnectManager', `${env}/cloud-cluster=*`],
      ['Operator', `${lkc}/connector=lcc-abc123`], ['Operator', `${env}/*`],
    ];
    for (const [role, crn] of wrong) {
      const res = await bind(role, crn);
      assert.equal(res.status, 400, `${role} on ${crn}: ${res.text}`);
      const error = (res.json as { errors: { detail: string; source: unknown }[] }).errors[0]!;
      assert.deepEqual(error.source, { pointer: '/crn_pattern' });
      assert.match(error.detail, new RegExp(`^${role} is granted on`));
    }
    for (const [role, crn] of [['OrganizationAdmin', org], ['EnvironmentAdmin', env], ['CloudClusterAdmin', lkc], ['ConnectManager', lkc], ['Operator', lkc]] as const) {
      assert.equal((await bind(role, crn)).status, 201, `${role} on ${crn}`);
    }
  });

  it('item 6: stored bindings at the wrong level grant nothing (defence in depth)', async () => {
    const b = api.bootstrap;
    const org = organizationCrn(b.organization_id);
    const lkc = clusterCrn(b.organization_id, b.environment_id, b.kafka_cluster_id);
    const keyWithStoredBindings = async (name: string, bindings: [string, string][]) => {
      const sa = (await v2Call(api, admin, 'POST', '/iam/v2/service-accounts', { display_name: name })).json as { id: string };
      for (const [role_name, crn_pattern] of bindings) {
        await api.db.insertInto('role_bindings').values({ id: `rb-${name}${role_name.length}`, principal_id: sa.id, role_name, crn_pattern, created_at: new Date().toISOString() }).execute();
      }
      const key = (await v2Call(api, admin, 'POST', '/iam/v2/api-keys', { spec: { owner: { id: sa.id } } })).json as { id: string; spec: { secret: string } };
      return { auth: basicAuth(key.id, key.spec.secret), sa: sa.id };
    };
    const sneaky = await keyWithStoredBindings('sneaky', [['EnvironmentAdmin', `${org}/*`], ['CloudClusterAdmin', org]]);
    const grant = await v2Call(api, sneaky.auth, 'POST', '/iam/v2/role-bindings', { principal: `User:${sneaky.sa}`, role_name: 'OrganizationAdmin', crn_pattern: org });
    assert.equal(grant.status, 403, grant.text);
    assert.equal((await v2Call(api, sneaky.auth, 'GET', `/org/v2/environments/${b.environment_id}`)).status, 404);
    assert.equal(((await v2Call(api, sneaky.auth, 'GET', '/org/v2/environments')).json as { data: unknown[] }).data.length, 0, 'lists show nothing either');
    const narrow = await keyWithStoredBindings('narrow', [['Operator', `${lkc}/connector=lcc-abc123`]]);
    assert.equal((await v2Call(api, narrow.auth, 'GET', `${connectors}/secretive/status`)).status, 404, 'a connector CRN grants no status of the cluster');
    assert.equal((await v2Call(api, narrow.auth, 'GET', connectors)).status, 404);
  });
});
