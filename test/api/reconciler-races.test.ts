// The reconciler against the in-memory Connect (C19: a fake ConnectClient entering through the
// composition root): a create that finds the connector already there is no failure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { FakeConnectClient } from '../harness/fake-connect.ts';

describe('reconciler races', () => {
  let api: ApiApp;
  const client = new FakeConnectClient();

  before(async () => {
    api = await startApiApp({ connectClient: client });
    api.dataPlane.urls[api.bootstrap.connect_pool_id] = 'http://127.0.0.1:9';
  });
  after(async () => api.close());

  it('takes "already exists" on create as created, not as a failure of the connector', async () => {
    // Another writer creates the connector between the pass's list and its create: Connect answers 409.
    client.onWrite = (w) => {
      if (w.op === 'create') client.add(w.url, w.name, w.config!);
    };
    const scope = { environmentId: api.bootstrap.environment_id, clusterId: api.bootstrap.kafka_cluster_id };
    await api.controlPlane.connectors.create(scope, { name: 'raced', config: datagenConfig(api.bootstrap, 'raced') }, 'test');
    await api.controlPlane.reconciler.pass();
    assert.equal(client.writes.filter((w) => w.op === 'create').length, 1);
    const { connector, status } = await api.controlPlane.connectors.get(scope, 'raced');
    assert.deepEqual(client.log(), [`create ${connector.id} RUNNING (409)`], 'Connect refused it as already there');
    assert.equal(status?.state, 'PROVISIONING');
    assert.equal(status?.lastError, '');
    assert.equal(status?.attempts, 0);
  });
});
