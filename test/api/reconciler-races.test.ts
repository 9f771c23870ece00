// The reconciler against a scripted Connect (C19: a fake ConnectClient entering through the
// composition root): a create that finds the connector already there is no failure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConnectError, RestConnectClient } from '../../src/engine/connect-client.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';

/** Lists an empty pool, then answers every create as Connect does when the name is taken. */
class RacingClient extends RestConnectClient {
  creates = 0;
  override async list() {
    return new Map();
  }
  override async create(): Promise<void> {
    this.creates += 1;
    throw new ConnectError(409, 'Kafka Connect answered 409 to POST /connectors: Connector lcc-x already exists');
  }
}

describe('reconciler races', () => {
  let api: ApiApp;
  const client = new RacingClient();

  before(async () => {
    api = await startApiApp({ connectClient: client });
    api.dataPlane.urls[api.bootstrap.connect_pool_id] = 'http://127.0.0.1:9';
  });
  after(async () => api.close());

  it('takes "already exists" on create as created, not as a failure of the connector', async () => {
    const scope = { environmentId: api.bootstrap.environment_id, clusterId: api.bootstrap.kafka_cluster_id };
    await api.controlPlane.connectors.create(scope, { name: 'raced', config: datagenConfig(api.bootstrap, 'raced') }, 'test');
    await api.controlPlane.reconciler.pass();
    assert.equal(client.creates, 1);
    const { status } = await api.controlPlane.connectors.get(scope, 'raced');
    assert.equal(status?.state, 'PROVISIONING');
    assert.equal(status?.lastError, '');
    assert.equal(status?.attempts, 0);
  });
});
