// The in-memory Connect answers as Kafka Connect 4.1 does, so reconciler tests on it mean
// something (C15, C19): target states, 409 on a taken name, offsets only while STOPPED.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectError } from '../../src/engine/connect-client.ts';
import { FakeConnectClient } from '../harness/fake-connect.ts';

const A = 'http://connect-a:8083';
const B = 'http://connect-b:8083';
const config = { 'connector.class': 'Datagen', 'tasks.max': '2' };

async function refusal(call: Promise<unknown>): Promise<ConnectError> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ConnectError, 'a ConnectError');
  return err;
}

describe('fake Kafka Connect', () => {
  it('creates in the target state: tasks per tasks.max, none while STOPPED; name kept in the config', async () => {
    const connect = new FakeConnectClient();
    await connect.create(A, 'run', config, 'RUNNING');
    await connect.create(A, 'paused', config, 'PAUSED');
    await connect.create(A, 'stopped', config, 'STOPPED');
    const listed = await connect.list(A);
    assert.deepEqual(listed.get('run'), {
      config: { ...config, name: 'run' }, status: { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }, { id: 1, state: 'RUNNING' }] },
    });
    assert.deepEqual(listed.get('paused')?.status?.tasks.map((t) => t.state), ['PAUSED', 'PAUSED']);
    assert.deepEqual(listed.get('stopped')?.status, { connector: { state: 'STOPPED' }, tasks: [] });
    assert.equal((await connect.list(B)).size, 0, 'pools are apart');
  });

  it('refuses a taken name (409), a config without connector.class or naming another connector (400)', async () => {
    const connect = new FakeConnectClient();
    await connect.create(A, 'x', config, 'RUNNING');
    const taken = await refusal(connect.create(A, 'x', config, 'RUNNING'));
    assert.equal(taken.status, 409);
    assert.match(taken.message, /^Kafka Connect answered 409 to POST \/connectors: Connector x already exists$/);
    assert.equal((await refusal(connect.create(A, 'y', { 'tasks.max': '1' }, 'RUNNING'))).status, 400);
    assert.equal((await refusal(connect.putConfig(A, 'x', { ...config, name: 'z' }))).status, 400);
    await connect.create(B, 'x', config, 'RUNNING');
    assert.deepEqual(connect.log(), ['create x RUNNING', 'create x RUNNING (409)', 'create y RUNNING (400)', 'putConfig x (400)', 'create x RUNNING']);
  });

  it('writes offsets only while STOPPED (400 otherwise, 404 when unknown); pause, resume and stop set the state', async () => {
    const connect = new FakeConnectClient();
    await connect.create(A, 'x', config, 'RUNNING');
    const running = await refusal(connect.alterOffsets(A, 'x', [{ partition: {}, offset: {} }]));
    assert.equal(running.status, 400);
    assert.match(running.message, /must be in the STOPPED state/);
    assert.equal((await refusal(connect.alterOffsets(A, 'gone', []))).status, 404);
    await connect.stop(A, 'x');
    await connect.alterOffsets(A, 'x', [{ partition: { task: 0 }, offset: { count: 5 } }]);
    assert.deepEqual(connect.connector(A, 'x')?.offsets, [{ partition: { task: 0 }, offset: { count: 5 } }]);
    await connect.pause(A, 'x');
    assert.equal(connect.connector(A, 'x')?.state, 'PAUSED');
    await connect.resume(A, 'x');
    assert.equal(connect.connector(A, 'x')?.state, 'RUNNING');
    assert.equal((await refusal(connect.pause(A, 'gone'))).status, 404);
  });

  it('keeps the target state across a config update; creates RUNNING on PUT of a new name; deletes quietly what is gone', async () => {
    const connect = new FakeConnectClient();
    await connect.create(A, 'x', config, 'PAUSED');
    await connect.putConfig(A, 'x', { ...config, 'tasks.max': '1' });
    assert.deepEqual(connect.connector(A, 'x'), { config: { ...config, 'tasks.max': '1', name: 'x' }, state: 'PAUSED', offsets: undefined });
    await connect.putConfig(A, 'y', config);
    assert.equal(connect.connector(A, 'y')?.state, 'RUNNING');
    await connect.delete(A, 'x');
    await connect.delete(A, 'x');
    assert.deepEqual(connect.writes.map((w) => [w.op, w.status]), [['create', 201], ['putConfig', 200], ['putConfig', 201], ['delete', 204], ['delete', 404]]);
  });

  it('fails on demand: an unreachable pool (status 0), a fault a number of times, failing tasks', async () => {
    const connect = new FakeConnectClient();
    connect.setUnreachable(A);
    const down = await refusal(connect.list(A));
    assert.equal(down.unreachable, true);
    assert.equal((await refusal(connect.create(A, 'x', config, 'RUNNING'))).status, 0);
    connect.setUnreachable(A, false);
    connect.fail({ op: 'create', status: 500, message: 'worker busy', times: 1 });
    assert.match((await refusal(connect.create(A, 'x', config, 'RUNNING'))).message, /answered 500 to POST \/connectors: worker busy/);
    await connect.create(A, 'x', config, 'RUNNING');
    connect.failTasks('x', 'boom', [1]);
    assert.deepEqual((await connect.list(A)).get('x')?.status?.tasks, [{ id: 0, state: 'RUNNING' }, { id: 1, state: 'FAILED', trace: 'boom' }]);
    assert.deepEqual(connect.log(), ['create x RUNNING (0)', 'create x RUNNING (500)', 'create x RUNNING']);
  });
});
