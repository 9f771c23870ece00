// Issue 7, "authorization says what it means": policies read the same input as handlers (5),
// role bindings hold only at their role's level (6), and organization-level routes answer 403,
// not 404, to callers without a binding there (7).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clusterCrn } from '../../src/core/rbac.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
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
});
