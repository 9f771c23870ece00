// Status as Connect writes it (issue 13): the reconciler reads each pool's status topic, so a
// task failing in the engine, and coming back after a restart, shows in Cirrus without any REST
// poll; and when that topic cannot be read, REST polling still brings every status.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { RestConnectClient, type EngineConnector } from '../../src/engine/connect-client.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { connectRequest } from '../harness/connect.ts';
import { ConnectV1Client } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { setTopicConfig } from '../harness/kafka.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

interface Status { connector: { state: string; trace: string }; tasks: { id: number; state: string; msg: string }[] }

/**
 * Connect's REST API without its statuses (configs only): whatever state Cirrus shows can then
 * only have come from the status topic. Without that path the connector stays PROVISIONING.
 */
class StatuslessConnectClient extends RestConnectClient {
  override async list(baseUrl: string): Promise<Map<string, EngineConnector>> {
    const listed = await super.list(baseUrl);
    return new Map([...listed].map(([name, c]) => [name, { config: c.config, status: undefined }]));
  }
}

/** Polling far apart: a pass comes only after a change in the store (and its one follow-up). */
const RARELY_MS = 10 * 60_000;

describe('status from the pool\'s status topic', () => {
  let stack: StackInfo;
  let api: ApiApp | undefined;
  const client = (app: ApiApp) => new ConnectV1Client(app.url, basicAuth(app.bootstrap.cloud_api_key, app.bootstrap.cloud_api_secret), app.bootstrap.environment_id, app.bootstrap.kafka_cluster_id);
  const status = async (app: ApiApp, name: string) => (await client(app).call('GET', `/connectors/${name}/status`)).body as Status;
  const waitForState = (app: ApiApp, name: string, state: string, taskState: string) => eventually(`${name} ${state}`, async () => {
    const s = await status(app, name);
    return s.connector.state === state && s.tasks[0]?.state === taskState ? s : undefined;
  }, { timeoutMs: 60_000, intervalMs: 100 });
  const idOf = async (app: ApiApp, name: string) => ((await client(app).call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)[name]!.id.id;
  const remove = async (app: ApiApp, name: string) => {
    const id = await idOf(app, name);
    await client(app).call('DELETE', `/connectors/${name}`);
    await eventually(`${name} gone from the engine`, async () => (await connectRequest(stack.connectUrl, 'GET', `/connectors/${id}`)).status === 404);
  };

  before(async () => {
    stack = await sharedStack();
  });
  after(async () => {
    await api?.close();
    await stopOwnStack();
  });

  it('shows a task failing in the engine as FAILED, then RUNNING again after a restart on Connect', async () => {
    api = await startApiApp({ stack, connectClient: new StatuslessConnectClient(), reconcileIntervalMs: RARELY_MS });
    const topic = 'topic-flaky';
    await client(api).call('POST', '/connectors', { name: 'flaky', config: datagenConfig(api.bootstrap, 'flaky') });
    await waitForState(api, 'flaky', 'RUNNING', 'RUNNING');
    const id = await idOf(api, 'flaky');

    // Records of ~70 bytes no longer fit: the task's next send fails, and Connect writes FAILED.
    await setTopicConfig(stack.bootstrapServers, topic, { 'max.message.bytes': '10' });
    const failed = await waitForState(api, 'flaky', 'FAILED', 'FAILED');
    assert.match(failed.connector.trace, /^Task 0: .+/);
    assert.notEqual(failed.tasks[0]!.msg, '');

    // Fixed, and the task restarted behind Cirrus's back, straight on Connect.
    await setTopicConfig(stack.bootstrapServers, topic, { 'max.message.bytes': '1048588' });
    assert.equal((await connectRequest(stack.connectUrl, 'POST', `/connectors/${id}/tasks/0/restart`)).status, 204);
    const running = await waitForState(api, 'flaky', 'RUNNING', 'RUNNING');
    assert.equal(running.connector.trace, '');
    await remove(api, 'flaky');
    await api.close();
    api = undefined;
  });

  it('keeps polling Connect\'s REST API when the status topic cannot be read, and says so once', async () => {
    // An app a failed case above left open would keep this process alive after the file.
    await api?.close();
    // Nothing listens on port 9: the consumer never reaches a broker.
    api = await startApiApp({ stack, statusTopic: { bootstrapServers: '127.0.0.1:9', topic: 'no-such-status-topic' } });
    await client(api).call('POST', '/connectors', { name: 'polled', config: datagenConfig(api.bootstrap, 'polled') });
    await waitForState(api, 'polled', 'RUNNING', 'RUNNING');
    const warned = () => fs.readFileSync(api!.logFile, 'utf8').split('\n').filter((line) => line.includes('cannot read the Connect status topic'));
    await eventually('the warning', async () => warned().length > 0);
    assert.equal(warned().length, 1, 'logged once, not once per attempt');
    await remove(api, 'polled');
  });
});
