// When things go wrong: a failing task, a control plane restarted mid-provisioning, a Connect
// pool that goes down. A private stack, since this test stops its pool.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { connectRequest } from '../harness/connect.ts';
import { ConnectV1Client, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { createTopic } from '../harness/kafka.ts';
import { startStack, type RunningStack } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

interface Status { connector: { state: string; trace: string }; tasks: { id: number; state: string; msg: string }[] }

describe('connector failures and recovery', () => {
  let stack: RunningStack;
  let api: ApiApp;
  const client = (app: ApiApp) => new ConnectV1Client(app.url, basicAuth(app.bootstrap.cloud_api_key, app.bootstrap.cloud_api_secret), app.bootstrap.environment_id, app.bootstrap.kafka_cluster_id);
  const status = async (app: ApiApp, name: string) => (await client(app).call('GET', `/connectors/${name}/status`)).body as Status;
  const waitForState = (app: ApiApp, name: string, state: string) =>
    eventually(`${name} ${state}`, async () => ((await status(app, name)).connector.state === state ? status(app, name) : undefined), { timeoutMs: 120_000, intervalMs: 300 });
  const engine = async () => (await connectRequest(stack.info.connectUrl, 'GET', '/connectors')).json as string[];
  const idOf = async (app: ApiApp, name: string) => ((await client(app).call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)[name]!.id.id;

  before(async () => {
    stack = await startStack('failure', 'pool-failure');
  });
  after(async () => {
    await api?.close();
    await stack?.stop();
  });

  it('shows FAILED with a trace when the connector\'s tasks fail', async () => {
    api = await startApiApp({ stack: stack.info });
    // Records of ~70 bytes cannot be written to a topic that takes at most 10 bytes per batch.
    // Slow records keep batches to one record: splitting big batches over and over can overflow
    // the producer's stack (a Kafka client bug) instead of failing the task.
    await createTopic(stack.info.bootstrapServers, 'topic-too_small', { 'max.message.bytes': '10' });
    await client(api).call('POST', '/connectors', { name: 'too small', config: datagenConfig(api.bootstrap, 'too small', { 'max.interval': '1000' }) });
    const failed = await waitForState(api, 'too%20small', 'FAILED');
    assert.match(failed!.connector.trace, /Task 0: .+/);
    assert.equal(failed!.tasks[0]!.state, 'FAILED');
    assert.notEqual(failed!.tasks[0]!.msg, '');
    expectSpec(await client(api).call('GET', '/connectors/too%20small/status'), 'get', '/connectors/{connector_name}/status', 200);
    await client(api).call('DELETE', '/connectors/too%20small');
    await eventually('the failed connector left the engine', async () => (await engine()).length === 0);
    await api.close();
  });

  it('brings a connector created just before a restart to RUNNING, exactly once in the engine', async () => {
    // The first control plane stores the connector but never reaches Kafka Connect.
    const first = await startApiApp({ stack: stack.info, reconcile: false });
    await client(first).call('POST', '/connectors', { name: 'survivor', config: datagenConfig(first.bootstrap, 'survivor') });
    assert.equal((await status(first, 'survivor')).connector.state, 'PROVISIONING');
    const id = await idOf(first, 'survivor');
    await first.close();
    assert.equal((await engine()).includes(id), false);

    api = await startApiApp({ stack: stack.info, home: first.home });
    await waitForState(api, 'survivor', 'RUNNING');
    assert.deepEqual((await engine()).filter((name) => name === id), [id]);
  });

  it('keeps answering from the store while the pool is down, and converges when it is back', async () => {
    await stack.stopPool();
    const degraded = await waitForState(api, 'survivor', 'DEGRADED');
    assert.match(degraded!.connector.trace, /unreachable/);
    const c = client(api);
    expectSpec(await c.call('GET', '/connectors/survivor'), 'get', '/connectors/{connector_name}', 200);
    const created = await c.call('POST', '/connectors', { name: 'latecomer', config: datagenConfig(api.bootstrap, 'latecomer') });
    expectSpec(created, 'post', '/connectors', 201);
    assert.equal((await c.call('PUT', '/connectors/survivor/pause')).status, 202);
    assert.equal((await status(api, 'latecomer')).connector.state, 'PROVISIONING');

    await stack.startPool();
    await waitForState(api, 'latecomer', 'RUNNING');
    await waitForState(api, 'survivor', 'PAUSED');
    assert.deepEqual((await engine()).sort(), [await idOf(api, 'latecomer'), await idOf(api, 'survivor')].sort());
  });
});
