// connect/v1 offsets routes (#12–14, issue 11) against the published spec, over a socket, with
// the in-memory Connect (C19): the job's steps are driven pass by pass. Bodies are the ones the
// Go SDK sends (ConnectV1AlterOffsetRequest.MarshalJSON: `type`, and `offsets` only when set)
// and the ones Terraform's offsets block sends (numbers converted from its string maps).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, expectSpec } from '../harness/connect-v1-client.ts';
import { COMPLETE_CONFIGS, datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { FakeConnectClient } from '../harness/fake-connect.ts';
import { POOL_URL } from '../harness/reconciler-rig.ts';
import { eventually } from '../harness/wait.ts';
import { adminClient } from '../harness/principals.ts';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const sinkOffset = (partition: number, offset: number) => ({ partition: { kafka_topic: 'pageviews', kafka_partition: partition }, offset: { kafka_offset: offset } });

interface Status { request: { id: string; type: string; offsets: unknown[] }; status: { phase: string; message?: string }; previous_offsets?: unknown[]; applied_at: string | null }

describe('connect/v1 offsets (issue 11)', () => {
  const engine = new FakeConnectClient();
  let api: ApiApp;
  let c: ConnectV1Client;
  const ids: Record<string, string> = {};

  const start = async (home?: string) => {
    api = await startApiApp({ connectClient: engine, home });
    api.dataPlane.urls[api.bootstrap.connect_pool_id] = POOL_URL;
    c = adminClient(api);
  };
  const statusOf = async (name: string) => {
    const res = await c.call('GET', `/connectors/${name}/offsets/request/status`);
    expectSpec(res, 'get', '/connectors/{connector_name}/offsets/request/status', 200);
    return res.body as Status;
  };
  /** Reconcile passes until the request is no longer PENDING (one job step per pass; a failed step backs off). */
  const settle = (name: string) => eventually('the offsets request done', async () => {
    await api.controlPlane.reconciler.pass();
    const status = await statusOf(name);
    return status.status.phase !== 'PENDING' && status;
  }, { timeoutMs: 10_000, intervalMs: 100 });
  const request = (name: string, body: unknown) => c.call('POST', `/connectors/${name}/offsets/request`, body);

  before(async () => {
    await start();
    const b = api.bootstrap;
    for (const [name, config] of [
      ['src', datagenConfig(b, 'src')],
      ['sink', managedConfig(b, 'HttpSink', 'sink', COMPLETE_CONFIGS.HttpSink)],
    ] as const) {
      expectSpec(await c.call('POST', '/connectors', { name, config }), 'post', '/connectors', 201);
    }
    await api.controlPlane.reconciler.pass();
    const expanded = (await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>;
    for (const name of ['src', 'sink']) ids[name] = expanded[name]!.id.id;
  });
  after(async () => api.close());

  it('reads the engine offsets at the time of the call, in the spec shape', async () => {
    engine.connector(POOL_URL, ids.sink!)!.offsets = [sinkOffset(0, 42)];
    const before = Date.now();
    const res = await c.call('GET', '/connectors/sink/offsets');
    expectSpec(res, 'get', '/connectors/{connector_name}/offsets', 200);
    const body = res.body as { name: string; id: string; offsets: unknown[]; metadata: { observed_at: string } };
    assert.deepEqual(body, { name: 'sink', id: ids.sink, offsets: [sinkOffset(0, 42)], metadata: { observed_at: body.metadata.observed_at } });
    assert.match(body.metadata.observed_at, RFC3339);
    assert.ok(Date.parse(body.metadata.observed_at) >= before - 1000, 'observed now, not earlier');
  });

  it('answers 404 for a connector without any request, and for an unknown connector on all three routes', async () => {
    expectError(await c.call('GET', '/connectors/src/offsets/request/status'), 404, /No offsets request/);
    expectError(await c.call('GET', '/connectors/nope/offsets'), 404, /resource not found/);
    expectError(await request('nope', { type: 'DELETE' }), 404, /resource not found/);
    expectError(await c.call('GET', '/connectors/nope/offsets/request/status'), 404, /resource not found/);
  });

  it('PATCHes a sink: 202 with the request, 409 for a second one, then stop → alter → resume and APPLIED', async () => {
    engine.clearLog();
    const offsets = [sinkOffset(0, 3)];
    const res = await request('sink', { type: 'PATCH', offsets });
    expectSpec(res, 'post', '/connectors/{connector_name}/offsets/request', 202);
    const info = res.body as { id: string; name: string; type: string; offsets: unknown[]; requested_at: string };
    assert.deepEqual(info, { id: ids.sink, name: 'sink', type: 'PATCH', offsets, requested_at: info.requested_at });
    assert.match(info.requested_at, RFC3339);

    expectError(await request('sink', { type: 'DELETE' }), 409, /still PENDING/);
    const pending = await statusOf('sink');
    assert.equal(pending.status.phase, 'PENDING');
    assert.equal(pending.applied_at, null);
    assert.deepEqual(pending.request, info);

    const done = await settle('sink');
    assert.equal(done.status.phase, 'APPLIED');
    assert.match(done.status.message ?? '', /outside the framework/);
    assert.match(done.applied_at ?? '', RFC3339);
    assert.deepEqual(done.previous_offsets, [sinkOffset(0, 42)]);
    assert.deepEqual(engine.log({ name: ids.sink }), [`stop ${ids.sink}`, `alterOffsets ${ids.sink}`, `resume ${ids.sink}`]);
    assert.equal(engine.connector(POOL_URL, ids.sink!)!.state, 'RUNNING');
    assert.deepEqual(((await c.call('GET', '/connectors/sink/offsets')).body as { offsets: unknown[] }).offsets, offsets);
  });

  it('DELETEs a source\'s offsets (any offsets sent are ignored and echoed as [])', async () => {
    engine.connector(POOL_URL, ids.src!)!.offsets = [{ partition: { task: 0 }, offset: { count: 17 } }];
    engine.clearLog();
    const res = await request('src', { type: 'DELETE', offsets: [{ partition: { task: 0 }, offset: { count: 1 } }] });
    expectSpec(res, 'post', '/connectors/{connector_name}/offsets/request', 202);
    assert.deepEqual((res.body as { offsets: unknown[] }).offsets, []);
    const done = await settle('src');
    assert.equal(done.status.phase, 'APPLIED');
    assert.deepEqual(done.previous_offsets, [{ partition: { task: 0 }, offset: { count: 17 } }]);
    assert.deepEqual(engine.log({ name: ids.src }), [`stop ${ids.src}`, `resetOffsets ${ids.src}`, `resume ${ids.src}`]);
    assert.deepEqual(engine.connector(POOL_URL, ids.src!)!.offsets, []);
  });

  it('gives a PAUSED connector back PAUSED', async () => {
    await c.call('PUT', '/connectors/src/pause');
    await api.controlPlane.reconciler.pass();
    assert.equal(engine.connector(POOL_URL, ids.src!)!.state, 'PAUSED');
    engine.clearLog();
    expectSpec(await request('src', { type: 'PATCH', offsets: [{ partition: { task: 0 }, offset: { count: 5 } }] }), 'post', '/connectors/{connector_name}/offsets/request', 202);
    assert.equal((await settle('src')).status.phase, 'APPLIED');
    assert.deepEqual(engine.log({ name: ids.src }), [`stop ${ids.src}`, `alterOffsets ${ids.src}`, `pause ${ids.src}`]);
    await api.controlPlane.reconciler.pass();
    assert.equal(engine.connector(POOL_URL, ids.src!)!.state, 'PAUSED', 'and the reconciler leaves it so');
    await c.call('PUT', '/connectors/src/resume');
  });

  const BAD: [string, unknown, RegExp][] = [
    ['a source partition shape on a sink', { type: 'PATCH', offsets: [{ partition: { task: 0 }, offset: { count: 1 } }] }, /not part of this connector's offsets/],
    ['a negative offset', { type: 'PATCH', offsets: [sinkOffset(0, -1)] }, /at least 0/],
    ['a negative partition', { type: 'PATCH', offsets: [sinkOffset(-2, 1)] }, /at least 0/],
    ['a partition as a string', { type: 'PATCH', offsets: [{ partition: { kafka_topic: 'pageviews', kafka_partition: '0' }, offset: { kafka_offset: 1 } }] }, /integer/],
    ['a missing offset map', { type: 'PATCH', offsets: [{ partition: { kafka_topic: 'pageviews', kafka_partition: 0 } }] }, /offset/],
    ['PATCH without offsets (the SDK omits an unset list)', { type: 'PATCH' }, /offsets is required/],
    ['PATCH with an empty list', { type: 'PATCH', offsets: [] }, /offsets is required/],
    ['an unknown type', { type: 'RESET' }, /type/],
    ['no type', { offsets: [sinkOffset(0, 1)] }, /type/],
    ['offsets not a list', { type: 'PATCH', offsets: { kafka_topic: 'x' } }, /offsets/],
  ];
  for (const [what, body, message] of BAD) {
    it(`refuses ${what} with 400 in the connect/v1 shape, changing nothing`, async () => {
      const before = await statusOf('sink');
      engine.clearLog();
      expectError(await request('sink', body), 400, message);
      await api.controlPlane.reconciler.pass();
      assert.deepEqual(engine.log({ name: ids.sink }), []);
      assert.deepEqual(await statusOf('sink'), before, 'the last request is still the newest');
    });
  }

  it('reads FAILED with Connect\'s reason when Connect refuses the offsets, and restores the connector', async () => {
    engine.fail({ op: 'alterOffsets', status: 400, message: 'Source partition must be {"task": <task index>}', times: 1 });
    engine.clearLog();
    expectSpec(await request('src', { type: 'PATCH', offsets: [{ partition: { task: 0 }, offset: { count: 2 } }] }), 'post', '/connectors/{connector_name}/offsets/request', 202);
    const done = await settle('src');
    assert.equal(done.status.phase, 'FAILED');
    assert.match(done.status.message ?? '', /refused the offsets: Source partition must be/);
    assert.equal(done.applied_at, null);
    assert.deepEqual(engine.log({ name: ids.src }), [`stop ${ids.src}`, `alterOffsets ${ids.src} (400)`, `resume ${ids.src}`]);
    assert.equal(engine.connector(POOL_URL, ids.src!)!.state, 'RUNNING');
  });

  it('finishes a job after a control-plane restart between the stop and the alter', async () => {
    engine.fail({ op: 'alterOffsets', status: 0 });
    engine.clearLog();
    expectSpec(await request('sink', { type: 'PATCH', offsets: [sinkOffset(0, 7)] }), 'post', '/connectors/{connector_name}/offsets/request', 202);
    await api.controlPlane.reconciler.pass();
    await api.controlPlane.reconciler.pass();
    assert.deepEqual(engine.log({ name: ids.sink }), [`stop ${ids.sink}`, `alterOffsets ${ids.sink} (0)`]);
    const home = api.home;
    await api.close();
    engine.clearFaults();
    assert.equal(engine.connector(POOL_URL, ids.sink!)!.state, 'STOPPED', 'stopped while no control plane runs');
    await start(home);
    const done = await settle('sink');
    assert.equal(done.status.phase, 'APPLIED');
    assert.deepEqual(engine.connector(POOL_URL, ids.sink!)!.offsets, [sinkOffset(0, 7)]);
    assert.equal(engine.connector(POOL_URL, ids.sink!)!.state, 'RUNNING');
    assert.deepEqual(done.previous_offsets, [sinkOffset(0, 3)]);
  });
});
