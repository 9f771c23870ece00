// A second logical cluster registered through cmk/v2 with the spec.cirrus extension: the same
// local broker, a second Kafka Connect pool. Its connectors run in that pool, and the first
// cluster's routes do not see them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { startApiApp, basicAuth, type ApiApp } from '../harness/api-app.ts';
import { connectRequest } from '../harness/connect.ts';
import { ConnectV1Client } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { startExtraPool } from '../harness/extra-pool.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

describe('an external cluster with its own Connect pool', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let pool: Awaited<ReturnType<typeof startExtraPool>>;

  before(async () => {
    stack = await sharedStack();
    pool = await startExtraPool(loadConfig(process.env, []), stack.bootstrapServers, 'pool-second');
    api = await startApiApp({ stack });
  });
  after(async () => {
    await api?.close();
    await pool?.stop();
    await stopOwnStack();
  });

  it('runs the second cluster\'s connectors in the second pool, out of the first cluster\'s sight', async () => {
    const b = api.bootstrap;
    const created = await v2Call(api, adminAuth(api), 'POST', '/cmk/v2/clusters', { spec: {
      display_name: 'second', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' },
      environment: { id: b.environment_id }, cirrus: { kafka_bootstrap_servers: stack.bootstrapServers, connect_url: pool.url },
    } });
    assert.equal(created.status, 202, created.text);
    const lkc2 = (created.json as { id: string }).id;
    const key = (await v2Call(api, adminAuth(api), 'POST', '/iam/v2/api-keys', { spec: { owner: { id: await ownerOf() }, resource: { id: lkc2 } } }));
    assert.equal(key.status, 202, key.text);
    const kafkaKey = key.json as { id: string; spec: { secret: string } };

    const auth = basicAuth(b.cloud_api_key, b.cloud_api_secret);
    const second = new ConnectV1Client(api.url, auth, b.environment_id, lkc2);
    const first = new ConnectV1Client(api.url, auth, b.environment_id, b.kafka_cluster_id);
    const config = { ...datagenConfig(b, 'elsewhere'), 'kafka.api.key': kafkaKey.id, 'kafka.api.secret': kafkaKey.spec.secret };
    assert.equal((await second.call('POST', '/connectors', { name: 'elsewhere', config: datagenConfig(b, 'elsewhere') })).status, 400, 'the first cluster\'s key is refused here');
    assert.equal((await second.call('POST', '/connectors', { name: 'elsewhere', config })).status, 201);
    await eventually('RUNNING in the second pool', async () =>
      ((await second.call('GET', '/connectors/elsewhere/status')).body as { connector: { state: string } }).connector.state === 'RUNNING', { timeoutMs: 90_000 });

    const id = ((await second.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>).elsewhere!.id.id;
    assert.deepEqual((await connectRequest(pool.url, 'GET', '/connectors')).json, [id]);
    assert.equal(((await connectRequest(stack.connectUrl, 'GET', '/connectors')).json as string[]).includes(id), false);
    assert.deepEqual((await first.call('GET', '/connectors')).body, []);
    assert.equal((await first.call('GET', '/connectors/elsewhere')).status, 404);

    assert.equal((await second.call('DELETE', '/connectors/elsewhere')).status, 200);
    await eventually('gone from the second pool', async () => ((await connectRequest(pool.url, 'GET', '/connectors')).json as string[]).length === 0);
  });

  async function ownerOf(): Promise<string> {
    const row = await api.db.selectFrom('api_keys').select('owner_id').where('id', '=', api.bootstrap.cloud_api_key).executeTakeFirstOrThrow();
    return row.owner_id;
  }
});
