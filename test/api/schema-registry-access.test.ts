// Issue 14: the registry cluster resource (srcm/v3, as Terraform's confluent_schema_registry_cluster
// data source reads it), registry API keys and who they let in, bootstrap.json's registry, and
// that Cirrus serves no registry route the spec does not have.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { environmentCrn } from '../../src/core/rbac.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';
import { registryOf, type RegistryClient } from '../harness/schema-registry.ts';
import { sdkCall, sdkDecodable } from '../harness/terraform-client.ts';

const srcm = loadSpec('srcm-v3');
const registrySpec = loadSpec('schema-registry-v1');

describe('Schema Registry clusters and keys (issue 14)', () => {
  let api: ApiApp;
  let admin: string;
  let sr: RegistryClient;
  let env2 = '';

  before(async () => {
    api = await startApiApp();
    admin = adminAuth(api);
    sr = await registryOf(api);
    env2 = ((await v2Call(api, admin, 'POST', '/org/v2/environments', { display_name: 'second' })).json as { id: string }).id;
  });
  after(async () => api.close());

  it('srcm/v3 lists and reads each environment\'s one registry in the spec\'s shapes, as Terraform asks', async () => {
    const env = api.bootstrap.environment_id;
    // The provider's data source: list with its page size, then read by id, both with ?environment=.
    const list = await sdkCall(api, 'GET', `/srcm/v3/clusters?environment=${env}&page_size=99`);
    const listBody = list.json as unknown as { data: { id: string; spec: { http_endpoint: string } }[] };
    assert.equal(list.status, 200);
    assert.deepEqual(sdkDecodable(list), []);
    assertMatchesSpec(srcm, 'get', '/srcm/v3/clusters', 200, listBody);
    assert.equal(listBody.data.length, 1);
    const id = listBody.data[0]!.id;
    assert.match(id, /^lsrc-/);
    assert.equal(listBody.data[0]!.spec.http_endpoint, `${api.url}/schema-registry/${id}`);
    const read = await sdkCall(api, 'GET', `/srcm/v3/clusters/${id}?environment=${env}`);
    assert.equal(read.status, 200);
    assertMatchesSpec(srcm, 'get', '/srcm/v3/clusters/{id}', 200, read.json);
    assert.deepEqual(sdkDecodable(read), []);
    const other = (await v2Call(api, admin, 'GET', `/srcm/v3/clusters?environment=${env2}`)).json as { data: { id: string }[] };
    assert.notEqual(other.data[0]!.id, id, 'an environment made after start has its own registry');
    const wrongEnv = await v2Call(api, admin, 'GET', `/srcm/v3/clusters/${id}?environment=${env2}`);
    assert.equal(wrongEnv.status, 404);
    assertMatchesSpec(srcm, 'get', '/srcm/v3/clusters/{id}', 404, wrongEnv.json);
    const noEnv = await v2Call(api, admin, 'GET', '/srcm/v3/clusters');
    assert.equal(noEnv.status, 400);
  });

  it('a registry key shows in iam/v2 as a SchemaRegistry resource', async () => {
    const keys = (await v2Call(api, admin, 'GET', `/iam/v2/api-keys?spec.resource=${sr.id}`)).json as { data: { spec: { resource: Record<string, string> } }[] };
    assert.ok(keys.data.length >= 1);
    assert.deepEqual([keys.data[0]!.spec.resource.id, keys.data[0]!.spec.resource.kind], [sr.id, 'SchemaRegistry']);
  });

  it('only the registry\'s own keys authenticate: cloud, Kafka and another registry\'s keys are 401 in the registry\'s shape', async () => {
    const b = api.bootstrap;
    const otherRegistry = await registryOf(api, env2);
    for (const [what, auth] of [
      ['cloud key', admin], ['Kafka key', basicAuth(b.kafka_api_key, b.kafka_api_secret)], ["another environment's registry key", otherRegistry.auth], ['no key', ''],
    ] as const) {
      const res = await sr.call('GET', '/subjects', undefined, auth);
      assert.equal(res.status, 401, what);
      assert.deepEqual(res.json, { error_code: 40101, message: 'Unauthorized' }, what);
    }
    assert.equal((await otherRegistry.call('GET', '/subjects')).status, 200);
  });

  it('roles decide: EnvironmentAdmin of the registry\'s environment may write; an Operator\'s key or another environment\'s admin is 403 (40301)', async () => {
    const env = api.bootstrap.environment_id;
    const envAdmin = await keyWithRole(api, 'EnvironmentAdmin', environmentCrn(b().organization_id, env));
    const mine = await registryOf(api, env, envAdmin.serviceAccount);
    assert.equal((await mine.call('POST', '/subjects/role-value/versions', { schema: '"string"' })).status, 200);
    assert.equal((await mine.call('PUT', '/config', { compatibility: 'BACKWARD' })).status, 200);
    const elsewhere = await keyWithRole(api, 'EnvironmentAdmin', environmentCrn(b().organization_id, env2));
    const theirs = await registryOf(api, env, elsewhere.serviceAccount);
    const denied = await theirs.call('GET', '/subjects');
    assert.equal(denied.status, 403);
    assert.equal((denied.json as { error_code: number }).error_code, 40301);
    assertMatchesSpec(registrySpec, 'get', '/subjects', 403, denied.json);
    const operator = await keyWithRole(api, 'Operator', `${environmentCrn(b().organization_id, env)}/cloud-cluster=${b().kafka_cluster_id}`);
    const operatorKey = await registryOf(api, env, operator.serviceAccount);
    assert.equal((await operatorKey.call('POST', '/subjects/role-value/versions', { schema: '"string"' })).status, 403);
  });

  it('bootstrap.json carries the registry id, its endpoint and a registry key that works', async () => {
    const b = api.bootstrap;
    assert.equal(b.schema_registry_id, sr.id);
    assert.equal(b.schema_registry_endpoint, sr.endpoint);
    const res = await sr.call('GET', '/config', undefined, basicAuth(b.schema_registry_api_key, b.schema_registry_api_secret));
    assert.equal(res.status, 200);
  });

  it('deleting an environment deletes its registry and revokes the registry\'s keys', async () => {
    const env3 = ((await v2Call(api, admin, 'POST', '/org/v2/environments', { display_name: 'third' })).json as { id: string }).id;
    const third = await registryOf(api, env3);
    assert.equal((await third.call('POST', '/subjects/gone-value/versions', { schema: '"string"' })).status, 200);
    assert.equal((await v2Call(api, admin, 'DELETE', `/org/v2/environments/${env3}`)).status, 204);
    assert.equal((await third.call('GET', '/subjects')).status, 401);
    const keys = (await v2Call(api, admin, 'GET', `/iam/v2/api-keys?spec.resource=${third.id}`)).json as { data: unknown[] };
    assert.deepEqual(keys.data, []);
  });

  it('every registry route Cirrus serves is a path and method of schema-registry-v1.yaml', () => {
    const served = api.app.routeCatalog.filter((r) => r.url.startsWith('/schema-registry/:registry/'));
    assert.ok(served.length >= 20);
    const specOps = new Set(registrySpec.operations().map((o) => `${o.method} ${o.path}`));
    for (const route of served) {
      const template = route.url.slice('/schema-registry/:registry'.length).replace(/:([A-Za-z]+)/g, '{$1}');
      assert.ok(specOps.has(`${route.method.toLowerCase()} ${template}`), `${route.method} ${template} is in the spec`);
    }
  });

  const b = () => api.bootstrap;
});
