// Connector secrets at rest (issue 7.13), on the store of a running app: a sealed value copied
// into another connector's row does not decrypt, and rows sealed by an older Cirrus (v1) are
// re-sealed as v2 once, at start-up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadMasterKey } from '../../src/services/master-key.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { sealV1 } from '../harness/v1-sealed.ts';

describe('connector secrets at rest', () => {
  let api: ApiApp;
  let home: string;
  before(async () => {
    api = await startApiApp();
    home = api.home;
  });
  after(async () => api.close());

  const scope = () => ({ environmentId: api.bootstrap.environment_id, clusterId: api.bootstrap.kafka_cluster_id });
  const create = async (name: string) => {
    const b = api.bootstrap;
    const res = await fetch(`${api.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`, {
      method: 'POST', headers: { authorization: basicAuth(b.cloud_api_key, b.cloud_api_secret), 'content-type': 'application/json' },
      body: JSON.stringify({ name, config: datagenConfig(b, name) }),
    });
    assert.equal(res.status, 201, await res.text());
    return (await api.controlPlane.connectors.get(scope(), name)).connector;
  };
  const secretOf = async (id: string) =>
    (await api.db.selectFrom('connectors').select('secret_config').where('id', '=', id).executeTakeFirstOrThrow()).secret_config;

  it('issue 7.13: a sealed value copied into another connector\'s row does not decrypt', async () => {
    const a = await create('copy-from');
    const b = await create('copy-to');
    assert.match(a.sealedSecrets, /^v2:/);
    assert.equal(api.controlPlane.connectors.fullConfig(b)['kafka.api.secret'], api.bootstrap.kafka_api_secret);
    await api.db.updateTable('connectors').set({ secret_config: a.sealedSecrets }).where('id', '=', b.id).execute();
    const copied = (await api.controlPlane.connectors.get(scope(), 'copy-to')).connector;
    assert.throws(() => api.controlPlane.connectors.fullConfig(copied), /unable to authenticate/);
    assert.equal(api.controlPlane.connectors.fullConfig(a)['kafka.api.secret'], api.bootstrap.kafka_api_secret, 'the original still opens');
  });

  it('issue 7.13: re-seals v1 rows as v2 at start-up, once', async () => {
    const row = await create('sealed-by-v1');
    const key = loadMasterKey(home, undefined).derive('config-encryption');
    const v1 = sealV1(key, { 'kafka.api.secret': api.bootstrap.kafka_api_secret });
    await api.db.updateTable('connectors').set({ secret_config: v1 }).where('id', '=', row.id).execute();
    await api.close();

    api = await startApiApp({ home });
    const upgraded = await secretOf(row.id);
    assert.match(upgraded, /^v2:/);
    const reread = (await api.controlPlane.connectors.get(scope(), 'sealed-by-v1')).connector;
    assert.equal(api.controlPlane.connectors.fullConfig(reread)['kafka.api.secret'], api.bootstrap.kafka_api_secret);
    await api.close();

    api = await startApiApp({ home });
    assert.equal(await secretOf(row.id), upgraded, 'a second start writes nothing');
  });
});
