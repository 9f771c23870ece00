// A second logical cluster registered through cmk/v2 with the spec.cirrus extension: the same
// local broker, a second Kafka Connect pool. Its connectors run in that pool, and the first
// cluster's routes do not see them. Issue 7 #4 and #16 against the real engine: what Cirrus did
// not create on an external Connect is left alone; another environment's admin cannot point
// Cirrus at the first environment's pool; a blackholed or lying Connect delays nobody else; a
// cluster whose connector delete has not reached the engine cannot be deleted.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { environmentCrn } from '../../src/core/rbac.ts';
import { RestConnectClient } from '../../src/engine/connect-client.ts';
import { startApiApp, basicAuth, type ApiApp } from '../harness/api-app.ts';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { ConnectV1Client } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { startExtraPool } from '../harness/extra-pool.ts';
import { topicEndOffset } from '../harness/kafka.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

type State = { connector: { state: string; trace: string } };

describe('an external cluster with its own Connect pool', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let pool: Awaited<ReturnType<typeof startExtraPool>>;
  let lkc2: string;
  let first: ConnectV1Client;
  /** Accepts connections and never answers: a blackholed Connect. */
  const held: net.Socket[] = [];
  const blackhole = net.createServer((socket) => { held.push(socket); });
  let blackholeSockets = 0;
  /** Answers every request with a body that is no connector list. */
  const liar = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"x":null}'));

  before(async () => {
    stack = await sharedStack();
    pool = await startExtraPool(loadConfig(process.env, []), stack.bootstrapServers, 'pool-second');
    // A patient client: the blackholed request below must still hang when the first pool converges.
    api = await startApiApp({ stack, connectClient: new RestConnectClient(undefined, 300_000) });
    first = new ConnectV1Client(api.url, adminAuth(api), api.bootstrap.environment_id, api.bootstrap.kafka_cluster_id);
    blackhole.on('connection', () => { blackholeSockets += 1; });
    await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    for (const socket of held) socket.destroy();
    blackhole.close();
    liar.close();
    await api?.close();
    await pool?.stop();
    await stopOwnStack();
  });

  const register = (auth: string, connectUrl: string) => v2Call(api, auth, 'POST', '/cmk/v2/clusters', { spec: {
    display_name: 'external', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' },
    environment: { id: api.bootstrap.environment_id }, cirrus: { kafka_bootstrap_servers: stack.bootstrapServers, connect_url: connectUrl },
  } });
  const kafkaKeyFor = async (lkc: string) => {
    const key = await v2Call(api, adminAuth(api), 'POST', '/iam/v2/api-keys', { spec: { owner: { id: await ownerOf() }, resource: { id: lkc } } });
    assert.equal(key.status, 202, key.text);
    return key.json as { id: string; spec: { secret: string } };
  };

  it('runs the second cluster\'s connectors in the second pool, out of the first cluster\'s sight', async () => {
    const b = api.bootstrap;
    // Someone else's connector already runs on that Connect: Cirrus did not create it.
    const stranger = await connectRequest(pool.url, 'PUT', '/connectors/someone-elses/config', {
      'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector', 'kafka.topic': 'someone-elses', quickstart: 'USERS', 'max.interval': '500', 'tasks.max': '1',
    });
    assert.equal(stranger.status, 201);
    const created = await register(adminAuth(api), pool.url);
    assert.equal(created.status, 202, created.text);
    lkc2 = (created.json as { id: string }).id;
    const kafkaKey = await kafkaKeyFor(lkc2);

    const auth = basicAuth(b.cloud_api_key, b.cloud_api_secret);
    const second = new ConnectV1Client(api.url, auth, b.environment_id, lkc2);
    const config = { ...datagenConfig(b, 'elsewhere'), 'kafka.api.key': kafkaKey.id, 'kafka.api.secret': kafkaKey.spec.secret };
    assert.equal((await second.call('POST', '/connectors', { name: 'elsewhere', config: datagenConfig(b, 'elsewhere') })).status, 400, 'the first cluster\'s key is refused here');
    assert.equal((await second.call('POST', '/connectors', { name: 'elsewhere', config })).status, 201);
    await eventually('RUNNING in the second pool', async () =>
      ((await second.call('GET', '/connectors/elsewhere/status')).body as State).connector.state === 'RUNNING', { timeoutMs: 90_000 });

    const id = ((await second.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>).elsewhere!.id.id;
    assert.deepEqual(((await connectRequest(pool.url, 'GET', '/connectors')).json as string[]).sort(), [id, 'someone-elses'].sort());
    assert.equal(((await connectRequest(stack.connectUrl, 'GET', '/connectors')).json as string[]).includes(id), false);
    assert.deepEqual((await first.call('GET', '/connectors')).body, []);
    assert.equal((await first.call('GET', '/connectors/elsewhere')).status, 404);

    // Issue 7 #4: passes over the external pool never delete what Cirrus did not create there.
    await api.controlPlane.reconciler.pass();
    await api.controlPlane.reconciler.pass();
    assert.ok(((await connectRequest(pool.url, 'GET', '/connectors')).json as string[]).includes('someone-elses'));
    await waitUntilRunning(pool.url, 'someone-elses', 1);
  });

  it('lets no other environment\'s admin, and nobody twice, point Cirrus at the first environment\'s pool (issue 7 #4)', async () => {
    const b = api.bootstrap;
    assert.equal((await first.call('POST', '/connectors', { name: 'precious', config: datagenConfig(b, 'precious', { 'max.interval': '20' }) })).status, 201);
    await eventually('precious RUNNING', async () => ((await first.call('GET', '/connectors/precious/status')).body as State).connector.state === 'RUNNING', { timeoutMs: 90_000 });
    const env2 = (await v2Call(api, adminAuth(api), 'POST', '/org/v2/environments', { display_name: 'hostile' })).json as { id: string };
    const hostile = (await keyWithRole(api, 'EnvironmentAdmin', environmentCrn(b.organization_id, env2.id))).auth;
    for (const url of [stack.connectUrl, stack.connectUrl.replace('127.0.0.1', 'localhost'), 'http://169.254.169.254/#']) {
      const res = await v2Call(api, hostile, 'POST', '/cmk/v2/clusters', { spec: {
        display_name: 'x', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' },
        environment: { id: env2.id }, cirrus: { kafka_bootstrap_servers: stack.bootstrapServers, connect_url: url },
      } });
      assert.equal(res.status, 403, `${url}: ${res.text}`);
    }
    for (const url of [stack.connectUrl, stack.connectUrl.replace('127.0.0.1', 'localhost'), pool.url]) {
      assert.equal((await register(adminAuth(api), url)).status, 409, `${url} is already a pool of this installation`);
    }
    await api.controlPlane.reconciler.pass();
    const id = ((await first.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>).precious!.id.id;
    assert.deepEqual(((await connectRequest(stack.connectUrl, 'GET', '/connectors')).json as string[]).filter((n) => n === id), [id], 'exactly once');
    const before = await topicEndOffset(stack.bootstrapServers, 'topic-precious');
    await eventually('precious keeps writing', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-precious')) > before + 10);
  });

  it('keeps a blackholed or lying Connect from delaying any other pool (issue 7 #4)', async () => {
    const b = api.bootstrap;
    const blackholed = await register(adminAuth(api), `http://127.0.0.1:${(blackhole.address() as net.AddressInfo).port}`);
    const lying = await register(adminAuth(api), `http://127.0.0.1:${(liar.address() as net.AddressInfo).port}`);
    assert.equal(blackholed.status, 202, blackholed.text);
    assert.equal(lying.status, 202, lying.text);
    for (const cluster of [blackholed, lying]) {
      const lkc = (cluster.json as { id: string }).id;
      const key = await kafkaKeyFor(lkc);
      const c = new ConnectV1Client(api.url, adminAuth(api), b.environment_id, lkc);
      assert.equal((await c.call('POST', '/connectors', { name: 'stuck', config: { ...datagenConfig(b, 'stuck'), 'kafka.api.key': key.id, 'kafka.api.secret': key.spec.secret } })).status, 201);
    }
    await eventually('a pass is waiting on the blackhole', async () => blackholeSockets > 0);
    const prompt = await first.call('POST', '/connectors', { name: 'prompt', config: datagenConfig(b, 'prompt') });
    assert.equal(prompt.status, 201);
    const opened = blackholeSockets;
    await eventually('prompt RUNNING', async () => ((await first.call('GET', '/connectors/prompt/status')).body as State).connector.state === 'RUNNING', { timeoutMs: 60_000, intervalMs: 100 });
    // Causality, not timing: the first pool converged while the blackholed pool's request was still unanswered.
    assert.equal(blackholeSockets, opened, 'no new request to the blackhole: the first one still hangs');
    const lied = new ConnectV1Client(api.url, adminAuth(api), b.environment_id, (lying.json as { id: string }).id);
    const stuck = (await lied.call('GET', '/connectors/stuck/status')).body as State;
    assert.equal(stuck.connector.state, 'PROVISIONING', 'a malformed answer fails only that pool\'s pass');
    for (const socket of held) socket.destroy();
    blackhole.close();
  });

  it('refuses to delete a cluster whose connector delete has not reached its Connect, then deletes it (issue 7 #16)', async () => {
    const second = new ConnectV1Client(api.url, adminAuth(api), api.bootstrap.environment_id, lkc2);
    const id = ((await second.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>).elsewhere!.id.id;
    await pool.stop();
    assert.equal((await second.call('DELETE', '/connectors/elsewhere')).status, 200);
    const early = await v2Call(api, adminAuth(api), 'DELETE', `/cmk/v2/clusters/${lkc2}?environment=${api.bootstrap.environment_id}`);
    assert.equal(early.status, 409, early.text);
    await pool.restart();
    await eventually('gone from the second pool', async () => !((await connectRequest(pool.url, 'GET', '/connectors')).json as string[]).includes(id), { timeoutMs: 60_000 });
    await eventually('the cluster can go', async () => (await v2Call(api, adminAuth(api), 'DELETE', `/cmk/v2/clusters/${lkc2}?environment=${api.bootstrap.environment_id}`)).status === 204);
    assert.deepEqual((await connectRequest(pool.url, 'GET', '/connectors')).json, ['someone-elses'], 'what was not ours stays');
    for (const name of ['precious', 'prompt']) await first.call('DELETE', `/connectors/${name}`);
  });

  async function ownerOf(): Promise<string> {
    const row = await api.db.selectFrom('api_keys').select('owner_id').where('id', '=', api.bootstrap.cloud_api_key).executeTakeFirstOrThrow();
    return row.owner_id;
  }
});
