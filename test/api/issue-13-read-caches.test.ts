// Issue 13: keys, role bindings and connector reads are served from memory while the store is
// unchanged. Every test first makes the cache hold the old answer (a request that succeeds or is
// refused), then changes the store through the API and checks that the very next request sees it.
// (A key revoked by another process, `cirrus keys revoke`, is test/api/cli.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConnectorStatus } from '../../src/core/connector.ts';
import { clusterCrn } from '../../src/core/rbac.ts';
import { upsertStatus } from '../../src/store/connectors.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';

describe('issue 13: read caches see every change at once', () => {
  let api: ApiApp;
  let admin: string;
  let connectors: string;
  let crn: string;
  const status = (auth: string, name = 'cached') => v2Call(api, auth, 'GET', `${connectors}/${name}/status`);

  before(async () => {
    api = await startApiApp({ reconcile: false });
    admin = adminAuth(api);
    const b = api.bootstrap;
    connectors = `/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`;
    crn = clusterCrn(b.organization_id, b.environment_id, b.kafka_cluster_id);
    const created = await v2Call(api, admin, 'POST', connectors, { name: 'cached', config: datagenConfig(b, 'cached') });
    assert.equal(created.status, 201, created.text);
  });
  after(() => api.close());

  it('a deleted API key is refused on the next request', async () => {
    const key = await keyWithRole(api, 'Operator', crn);
    assert.equal((await status(key.auth)).status, 200);
    assert.equal((await v2Call(api, admin, 'DELETE', `/iam/v2/api-keys/${key.id}`)).status, 204);
    assert.equal((await status(key.auth)).status, 401);
  });

  it('a key whose credential was accepted still refuses any other secret, and its credential stays a cloud key only', async () => {
    const b = api.bootstrap;
    assert.equal((await status(admin)).status, 200);
    const wrong = basicAuth(b.cloud_api_key, `${b.cloud_api_secret.slice(0, -1)}${b.cloud_api_secret.endsWith('A') ? 'B' : 'A'}`);
    assert.equal((await status(wrong)).status, 401);
    const registry = await v2Call(api, admin, 'GET', `/schema-registry/${b.schema_registry_id}/subjects`);
    assert.equal(registry.status, 401, 'a cloud key accepted by connect/v1 is still no registry key');
    assert.equal((await status(admin)).status, 200);
  });

  it('a deleted role binding takes the access away on the next request', async () => {
    const key = await keyWithRole(api, 'Operator', crn);
    assert.equal((await status(key.auth)).status, 200);
    const org = `crn://confluent.cloud/organization=${api.bootstrap.organization_id}`;
    const bindings = (await v2Call(api, admin, 'GET', `/iam/v2/role-bindings?crn_pattern=${encodeURIComponent(org)}&principal=User:${key.serviceAccount}`)).json as { data: { id: string }[] };
    assert.equal(bindings.data.length, 1);
    assert.equal((await v2Call(api, admin, 'DELETE', `/iam/v2/role-bindings/${bindings.data[0]!.id}`)).status, 200);
    // Out of reach reads as missing (issue #4).
    assert.equal((await status(key.auth)).status, 404);
  });

  it('a new role binding gives the access on the next request', async () => {
    const key = await keyWithRole(api, 'Operator', clusterCrn(api.bootstrap.organization_id, api.bootstrap.environment_id, 'lkc-other'));
    assert.equal((await status(key.auth)).status, 404);
    const bound = await v2Call(api, admin, 'POST', '/iam/v2/role-bindings', { principal: `User:${key.serviceAccount}`, role_name: 'Operator', crn_pattern: crn });
    assert.equal(bound.status, 201, bound.text);
    assert.equal((await status(key.auth)).status, 200);
  });

  it('the key of a deleted service account is refused on the next request', async () => {
    const key = await keyWithRole(api, 'Operator', crn);
    assert.equal((await status(key.auth)).status, 200);
    assert.equal((await v2Call(api, admin, 'DELETE', `/iam/v2/service-accounts/${key.serviceAccount}`)).status, 204);
    assert.equal((await status(key.auth)).status, 401);
  });

  it('a deleted connector is gone from its status and from the list on the next request', async () => {
    const b = api.bootstrap;
    assert.equal((await v2Call(api, admin, 'POST', connectors, { name: 'short-lived', config: datagenConfig(b, 'short-lived') })).status, 201);
    assert.equal((await status(admin, 'short-lived')).status, 200);
    const listed = await v2Call(api, admin, 'GET', `${connectors}?expand=id,info,status`);
    assert.ok(Object.hasOwn(listed.json as object, 'short-lived'));
    assert.equal((await v2Call(api, admin, 'DELETE', `${connectors}/short-lived`)).status, 200);
    assert.equal((await status(admin, 'short-lived')).status, 404);
    const after = await v2Call(api, admin, 'GET', `${connectors}?expand=id,info,status`);
    assert.deepEqual(Object.keys(after.json as object), ['cached']);
  });

  it('a status the engine observed shows in the next status read, and again when it changes', async () => {
    const ids = (await v2Call(api, admin, 'GET', `${connectors}?expand=id`)).json as Record<string, { id: { id: string } }>;
    const id = ids.cached!.id.id;
    const observed = (state: string, trace: string, tasks: { id: number; state: string; msg: string }[]) => upsertStatus(api.db, id, {
      state, trace, tasks, observedAt: new Date().toISOString(), lastError: '', attempts: 0, nextAttemptAt: null, hasRun: true,
      attemptGeneration: null, restart: { attempts: 0, nextAt: null, lastAt: null, failureClass: null },
    } as ConnectorStatus);
    assert.equal(((await status(admin)).json as { connector: { state: string } }).connector.state, 'PROVISIONING');
    await observed('RUNNING', '', [{ id: 0, state: 'RUNNING', msg: '' }]);
    const running = await status(admin);
    assert.equal(running.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(running.json, { name: 'cached', type: 'source', connector: { state: 'RUNNING', worker_id: 'cached', trace: '' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: 'cached', msg: '' }] });
    await observed('FAILED', 'org.apache.kafka.common.errors.TopicAuthorizationException: denied', [{ id: 0, state: 'FAILED', msg: 'denied' }]);
    const failed = (await status(admin)).json as { connector: { state: string; error_code?: string }; tasks: { state: string }[] };
    assert.deepEqual([failed.connector.state, failed.tasks[0]!.state], ['FAILED', 'FAILED']);
    assert.ok(failed.connector.error_code, 'a failed connector names its failure class');
  });

  it('a changed config shows in the expanded list on the next request, its secrets masked', async () => {
    const b = api.bootstrap;
    const before = (await v2Call(api, admin, 'GET', `${connectors}?expand=info`)).json as Record<string, { info: { config: Record<string, string> } }>;
    assert.equal(before.cached!.info.config['max.interval'], '1000');
    const put = await v2Call(api, admin, 'PUT', `${connectors}/cached/config`, datagenConfig(b, 'cached', { 'max.interval': '2000' }));
    assert.equal(put.status, 200, put.text);
    const listed = (await v2Call(api, admin, 'GET', `${connectors}?expand=info`)).json as Record<string, { info: { config: Record<string, string> } }>;
    assert.equal(listed.cached!.info.config['max.interval'], '2000');
    assert.equal(listed.cached!.info.config['kafka.api.secret'], '****************');
  });
});
