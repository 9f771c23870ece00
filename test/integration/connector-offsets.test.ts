// Issue 11, offsets with the real engine, through the HTTP API: a sink moved back by PATCH
// consumes the records again (counted at an HTTP receiver); DELETE makes a bounded DatagenSource
// start over; a PAUSED connector is PAUSED again after the job; a control plane that stops
// between the engine stop and the alter finishes the job after its restart.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { ConnectError, RestConnectClient } from '../../src/engine/connect-client.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { topicEndOffset } from '../harness/kafka.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

/** The REST client, whose offset writes can be made to fail as if the control plane died right there. */
class HaltingClient extends RestConnectClient {
  halted = false;
  alterAttempts = 0;
  override async alterOffsets(baseUrl: string, name: string, offsets: unknown[]): Promise<void> {
    this.alterAttempts += 1;
    if (this.halted) throw new ConnectError(0, 'halted before the alter (test)');
    return super.alterOffsets(baseUrl, name, offsets);
  }
}

interface Status { status: { phase: string; message?: string }; previous_offsets?: { partition: Record<string, unknown>; offset: Record<string, unknown> }[]; applied_at: string | null }

describe('connector offsets with the real engine (issue 11)', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  const client = new HaltingClient();
  let receiver: http.Server;
  let receiverUrl: string;
  let received = 0;

  const connect = (path: string, init?: RequestInit) => fetch(`${stack.connectUrl}${path}`, init).then((r) => r.json() as Promise<Record<string, unknown>>);
  const engineState = async (id: string) => ((await connect(`/connectors/${id}/status`)).connector as { state: string }).state;
  const idOf = async (name: string) => ((await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)[name]!.id.id;
  const stateOf = async (name: string) => ((await c.call('GET', `/connectors/${name}/status`)).body as { connector: { state: string } }).connector.state;
  const waitState = (name: string, state: string) => eventually(`${name} ${state}`, async () => (await stateOf(name)) === state, { timeoutMs: 120_000, intervalMs: 500 });
  const open = (app: ApiApp) => {
    const b = app.bootstrap;
    c = new ConnectV1Client(app.url, basicAuth(b.cloud_api_key, b.cloud_api_secret), b.environment_id, b.kafka_cluster_id);
  };
  const request = async (name: string, body: unknown) => {
    const res = await c.call('POST', `/connectors/${name}/offsets/request`, body);
    expectSpec(res, 'post', '/connectors/{connector_name}/offsets/request', 202);
  };
  const done = (name: string) => eventually(`${name}'s offsets request done`, async () => {
    const res = await c.call('GET', `/connectors/${name}/offsets/request/status`);
    expectSpec(res, 'get', '/connectors/{connector_name}/offsets/request/status', 200);
    const body = res.body as Status;
    return body.status.phase !== 'PENDING' && body;
  }, { timeoutMs: 120_000, intervalMs: 250 });

  before(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      req.on('end', () => {
        received += (JSON.parse(body) as unknown[]).length;
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    stack = await sharedStack();
    api = await startApiApp({ stack, allowLoopbackEgress: true, connectClient: client });
    open(api);
  });
  after(async () => {
    await api?.close();
    receiver?.close();
    await stopOwnStack();
  });

  it('replays a sink\'s records after its offset is moved back by PATCH', async () => {
    const b = api.bootstrap;
    expectSpec(await c.call('POST', '/connectors', { name: 'replay-src', config: datagenConfig(b, 'replay-src', { 'max.interval': '10', iterations: '20' }) }), 'post', '/connectors', 201);
    const sink = managedConfig(b, 'HttpSink', 'replay-sink', {
      topics: 'topic-replay_src', 'input.data.format': 'JSON', 'http.api.url': `${receiverUrl}/in`, 'batch.max.size': '5', 'batch.json.as.array': 'true',
    });
    expectSpec(await c.call('POST', '/connectors', { name: 'replay-sink', config: sink }), 'post', '/connectors', 201);
    await eventually('20 records at the sink', async () => received >= 20, { timeoutMs: 120_000, intervalMs: 500 });
    const read = await c.call('GET', '/connectors/replay-sink/offsets');
    expectSpec(read, 'get', '/connectors/{connector_name}/offsets', 200);

    await request('replay-sink', { type: 'PATCH', offsets: [{ partition: { kafka_topic: 'topic-replay_src', kafka_partition: 0 }, offset: { kafka_offset: 5 } }] });
    const status = await done('replay-sink');
    assert.equal(status.status.phase, 'APPLIED', status.status.message);
    assert.deepEqual(status.previous_offsets, [{ partition: { kafka_topic: 'topic-replay_src', kafka_partition: 0 }, offset: { kafka_offset: 20 } }]);
    await eventually('the 15 records after offset 5 again', async () => received >= 35, { timeoutMs: 120_000, intervalMs: 500 });
    await waitState('replay-sink', 'RUNNING');
    const committed = [{ partition: { kafka_topic: 'topic-replay_src', kafka_partition: 0 }, offset: { kafka_offset: 20 } }];
    await eventually('the sink committed offset 20 again', async () =>
      isDeepStrictEqual(((await c.call('GET', '/connectors/replay-sink/offsets')).body as { offsets: unknown[] }).offsets, committed), { timeoutMs: 60_000, intervalMs: 500 });
    assert.equal(received, 35, 'exactly the records after the new offset, once');
  });

  it('makes a bounded DatagenSource start over after DELETE', async () => {
    const config = datagenConfig(api.bootstrap, 'again', { 'max.interval': '10', iterations: '5' });
    expectSpec(await c.call('POST', '/connectors', { name: 'again', config }), 'post', '/connectors', 201);
    await eventually('5 records', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-again')) === 5, { timeoutMs: 120_000, intervalMs: 500 });
    await request('again', { type: 'DELETE' });
    const status = await done('again');
    assert.equal(status.status.phase, 'APPLIED', status.status.message);
    assert.deepEqual(status.previous_offsets, [{ partition: { task: 0 }, offset: { count: 5 } }]);
    await eventually('5 more records: it started over', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-again')) === 10, { timeoutMs: 120_000, intervalMs: 500 });
    await waitState('again', 'RUNNING');
  });

  it('gives a PAUSED connector back PAUSED, its new offsets in place', async () => {
    assert.equal((await c.call('PUT', '/connectors/again/pause')).status, 202);
    await waitState('again', 'PAUSED');
    await request('again', { type: 'PATCH', offsets: [{ partition: { task: 0 }, offset: { count: 2 } }] });
    assert.equal((await done('again')).status.phase, 'APPLIED');
    const id = await idOf('again');
    await waitState('again', 'PAUSED');
    assert.equal(await engineState(id), 'PAUSED');
    const offsets = (await c.call('GET', '/connectors/again/offsets')).body as { offsets: unknown[] };
    assert.deepEqual(offsets.offsets, [{ partition: { task: 0 }, offset: { count: 2 } }]);
    assert.equal(await topicEndOffset(stack.bootstrapServers, 'topic-again'), 10, 'nothing produced while paused');
    assert.equal((await c.call('PUT', '/connectors/again/resume')).status, 202);
    await eventually('3 more records: it went on from count 2', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-again')) === 13, { timeoutMs: 120_000, intervalMs: 500 });
  });

  it('finishes a job after the control plane stopped between the engine stop and the alter', async () => {
    const id = await idOf('again');
    client.halted = true;
    const attempts = client.alterAttempts;
    await request('again', { type: 'PATCH', offsets: [{ partition: { task: 0 }, offset: { count: 0 } }] });
    await eventually('the job stopped the connector and came to the alter', async () => client.alterAttempts > attempts && (await engineState(id)) === 'STOPPED', { timeoutMs: 60_000, intervalMs: 200 });
    const home = api.home;
    await api.close();
    assert.equal(await engineState(id), 'STOPPED', 'left STOPPED by the control plane that went away');
    client.halted = false;
    api = await startApiApp({ stack, allowLoopbackEgress: true, home });
    open(api);
    const status = await done('again');
    assert.equal(status.status.phase, 'APPLIED', status.status.message);
    await waitState('again', 'RUNNING');
    await eventually('5 more records: it started over once more', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-again')) === 18, { timeoutMs: 120_000, intervalMs: 500 });
  });
});
