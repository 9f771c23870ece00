// The reconciler (engine/reconciler.ts, engine/connector-reconciler.ts) on a temporary store,
// driving the in-memory Connect (C15–C18): what it writes to Connect for each difference between
// the store and the engine, and nothing at all when there is none.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { FakeConnectClient } from '../harness/fake-connect.ts';
import { POOL_URL, startReconcilerRig, type ReconcilerRig } from '../harness/reconciler-rig.ts';

const OFFSETS = [{ partition: { task: 0 }, offset: { count: 5 } }];

let rig: ReconcilerRig;
let engine: FakeConnectClient;
beforeEach(async () => {
  rig = await startReconcilerRig();
  engine = rig.engine;
});
afterEach(() => rig.close());

/** Write lines of one connector, its id written as `$`. */
const writesOf = (id: string) => engine.log({ name: id }).map((line) => line.replace(id, '$'));

describe('reconciler: creating in the target state', () => {
  const cases: { name: string; paused?: boolean; offsets?: boolean; writes: string[]; engineState: string; shown: string }[] = [
    { name: 'running', writes: ['create $ RUNNING'], engineState: 'RUNNING', shown: 'RUNNING' },
    { name: 'paused before it ever ran', paused: true, writes: ['create $ PAUSED'], engineState: 'PAUSED', shown: 'PAUSED' },
    { name: 'with starting offsets: STOPPED, offsets, then resumed', offsets: true, writes: ['create $ STOPPED', 'alterOffsets $', 'resume $'], engineState: 'RUNNING', shown: 'RUNNING' },
    { name: 'with starting offsets, paused', paused: true, offsets: true, writes: ['create $ STOPPED', 'alterOffsets $', 'pause $'], engineState: 'PAUSED', shown: 'PAUSED' },
  ];
  for (const c of cases) {
    it(`creates a connector ${c.name}, then leaves it alone`, async () => {
      const id = await rig.createConnector('c', c.offsets ? { offsets: OFFSETS } : {});
      if (c.paused) await rig.setDesiredState('c', 'PAUSED');
      await rig.pass();
      assert.deepEqual(writesOf(id), c.writes);
      assert.equal(engine.connector(POOL_URL, id)?.state, c.engineState);
      assert.deepEqual(engine.connector(POOL_URL, id)?.offsets, c.offsets ? OFFSETS : undefined);
      assert.equal((await rig.status('c'))?.state, 'PROVISIONING', 'shown PROVISIONING until Connect reports');
      await rig.pass();
      await rig.pass();
      assert.deepEqual(writesOf(id), c.writes, 'no write on later passes');
      assert.equal((await rig.status('c'))?.state, c.shown);
    });
  }
});

describe('reconciler: a connector that ran, after a change in the store or in Connect', () => {
  interface Case {
    name: string;
    /** A change through the service (a user's request). */
    change?: (id: string) => Promise<void>;
    /** A change made in Connect behind Cirrus's back. */
    drift?: (id: string) => void | Promise<void>;
    writes: string[];
    /** What the store shows once the pass after the repair read Connect again; undefined: the row is gone. */
    shown: string | undefined;
    check?: (id: string) => void;
  }
  const cases: Case[] = [
    { name: 'nothing changed: no write at all', writes: [], shown: 'RUNNING' },
    {
      name: 'config changed in Connect: put back', drift: (id) => { engine.connector(POOL_URL, id)!.config['max.interval'] = '5'; },
      writes: ['putConfig $'], shown: 'RUNNING', check: (id) => assert.equal(engine.connector(POOL_URL, id)?.config['max.interval'], '1000'),
    },
    {
      name: 'new config from the user', change: () => rig.putConfig('c', { 'max.interval': '50' }),
      writes: ['putConfig $'], shown: 'RUNNING', check: (id) => assert.equal(engine.connector(POOL_URL, id)?.config['max.interval'], '50'),
    },
    { name: 'paused by the user', change: () => rig.setDesiredState('c', 'PAUSED'), writes: ['pause $'], shown: 'PAUSED' },
    {
      name: 'resumed by the user', writes: ['resume $'], shown: 'RUNNING',
      change: async () => {
        await rig.setDesiredState('c', 'PAUSED');
        await rig.pass();
        engine.clearLog();
        await rig.setDesiredState('c', 'RUNNING');
      },
    },
    { name: 'paused in Connect by hand', drift: (id) => { engine.connector(POOL_URL, id)!.state = 'PAUSED'; }, writes: ['resume $'], shown: 'RUNNING' },
    { name: 'stopped in Connect by hand', drift: (id) => { engine.connector(POOL_URL, id)!.state = 'STOPPED'; }, writes: ['resume $'], shown: 'RUNNING' },
    {
      name: 'config changed in Connect and paused by the user', change: () => rig.setDesiredState('c', 'PAUSED'),
      drift: (id) => { engine.connector(POOL_URL, id)!.config['tasks.max'] = '4'; }, writes: ['putConfig $', 'pause $'], shown: 'PAUSED',
    },
    { name: 'rebalancing (UNASSIGNED): Connect finishes it itself', drift: (id) => { engine.connector(POOL_URL, id)!.reportedState = 'UNASSIGNED'; }, writes: [], shown: 'RUNNING' },
    { name: 'its tasks fail: shown, not retried', drift: (id) => engine.failTasks(id, 'java.lang.OutOfMemoryError\n\tat x'), writes: [], shown: 'FAILED' },
    { name: 'deleted by the user: removed from Connect, then from the store', change: () => rig.deleteConnector('c'), writes: ['delete $'], shown: undefined },
    {
      name: 'deleted by the user, already gone from Connect', change: () => rig.deleteConnector('c'),
      drift: async (id) => {
        await engine.delete(POOL_URL, id);
        engine.clearLog();
      },
      writes: [], shown: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const id = await rig.createConnector('c');
      await rig.pass();
      await rig.pass();
      assert.equal((await rig.status('c'))?.state, 'RUNNING');
      engine.clearLog();
      await c.change?.(id);
      await c.drift?.(id);
      await rig.pass();
      assert.deepEqual(writesOf(id), c.writes);
      await rig.pass();
      assert.deepEqual(writesOf(id), c.writes, 'nothing more on the next pass');
      c.check?.(id);
      if (c.shown === undefined) {
        assert.equal(await rig.stored(id), false, 'the row is gone');
        assert.equal(engine.connector(POOL_URL, id), undefined);
      } else {
        assert.equal((await rig.status('c'))?.state, c.shown);
      }
    });
  }

  it('shows failing tasks with the first line of their trace', async () => {
    const id = await rig.createConnector('c', { config: { 'tasks.max': '2' } });
    await rig.pass();
    engine.failTasks(id, 'java.lang.IllegalStateException: no topic\n\tat x', [1]);
    await rig.pass();
    const status = await rig.status('c');
    assert.equal(status?.state, 'DEGRADED');
    assert.deepEqual(status?.tasks, [{ id: 0, state: 'RUNNING', msg: '' }, { id: 1, state: 'FAILED', msg: 'java.lang.IllegalStateException: no topic', errorCode: 'SYSTEM_ERROR' }]);
  });
});

describe('reconciler: failures', () => {
  it('backs off a failed change, and tries a new change at once', async () => {
    engine.fail({ op: 'create', status: 500, message: 'worker busy' });
    const id = await rig.createConnector('c');
    await rig.pass();
    assert.deepEqual(writesOf(id), ['create $ RUNNING (500)']);
    assert.match((await rig.status('c'))!.lastError, /worker busy/);
    assert.equal((await rig.status('c'))!.attempts, 1);
    await rig.pass();
    assert.deepEqual(writesOf(id), ['create $ RUNNING (500)'], 'the same change waits out its backoff (1 s)');
    rig.advance(1_000);
    await rig.pass();
    assert.equal((await rig.status('c'))!.attempts, 2, 'then it is tried again');
    rig.advance(1_000);
    await rig.pass();
    assert.equal(writesOf(id).length, 2, 'the second backoff is longer (2 s)');

    await rig.setDesiredState('c', 'PAUSED');
    await rig.pass();
    assert.deepEqual(writesOf(id).at(-1), 'create $ PAUSED (500)', 'a new change is tried at once');
    assert.equal((await rig.status('c'))!.attempts, 1, 'with a schedule of its own');
    engine.clearFaults();
    await rig.setDesiredState('c', 'RUNNING');
    await rig.pass();
    assert.deepEqual(writesOf(id).at(-1), 'create $ RUNNING');
    assert.deepEqual([(await rig.status('c'))!.lastError, (await rig.status('c'))!.attempts], ['', 0], 'success clears the schedule');
  });

  it('keeps a failure with its connector: the others of the pool go on', async () => {
    const failing = await rig.createConnector('failing');
    const fine = await rig.createConnector('fine');
    engine.fail({ op: 'create', name: failing, status: 500, message: 'worker busy' });
    await rig.pass();
    assert.deepEqual([writesOf(failing), writesOf(fine)], [['create $ RUNNING (500)'], ['create $ RUNNING']]);
    assert.match((await rig.status('failing'))!.lastError, /worker busy/);
    assert.equal((await rig.status('fine'))!.lastError, '');
  });

  it('shows a config Connect refuses (400) as FAILED with its message', async () => {
    engine.fail({ op: 'create', status: 400, message: 'Connector configuration is invalid and contains 1 error' });
    await rig.createConnector('c');
    await rig.pass();
    const status = await rig.status('c');
    assert.equal(status?.state, 'FAILED');
    assert.match(status!.trace, /Connector configuration is invalid/);
  });

  it('keeps the row of a connector whose delete failed, until Connect no longer has it', async () => {
    const id = await rig.createConnector('c');
    await rig.pass();
    engine.fail({ op: 'delete', status: 500, message: 'worker busy', times: 1 });
    await rig.deleteConnector('c');
    await rig.pass();
    assert.equal(await rig.stored(id), true);
    rig.advance(1_000);
    await rig.pass();
    assert.deepEqual(writesOf(id), ['create $ RUNNING', 'delete $ (500)', 'delete $']);
    assert.equal(await rig.stored(id), false);
  });

  it('marks the connectors of an unreachable pool, sends nothing, and picks up again when it is back', async () => {
    const ran = await rig.createConnector('ran');
    await rig.pass();
    await rig.pass();
    engine.setUnreachable(POOL_URL);
    const waiting = await rig.createConnector('waiting');
    await rig.pass();
    assert.deepEqual(engine.writes.filter((w) => w.status !== 0).map((w) => w.name), [ran], 'only the create of the first pass');
    const shown = await rig.status('ran');
    assert.deepEqual([shown?.state, shown?.tasks.map((t) => t.state)], ['DEGRADED', ['UNASSIGNED']]);
    assert.match(shown!.trace, /unreachable/);
    assert.deepEqual([(await rig.status('waiting'))?.state, (await rig.status('waiting'))?.trace], ['PROVISIONING', 'Waiting for the Kafka Connect pool to become reachable']);

    engine.setUnreachable(POOL_URL, false);
    await rig.pass();
    assert.deepEqual(writesOf(waiting), ['create $ RUNNING']);
    await rig.pass();
    assert.equal((await rig.status('ran'))?.state, 'RUNNING');
    assert.equal((await rig.status('waiting'))?.state, 'RUNNING');
  });

  it('shows a pool that went away in the middle of a pass as unreachable, and backs off', async () => {
    engine.fail({ op: 'create', status: 0 });
    await rig.createConnector('c');
    await rig.pass();
    const status = await rig.status('c');
    assert.deepEqual([status?.state, status?.attempts], ['PROVISIONING', 1]);
    assert.match(status!.lastError, /unreachable/);
  });
});

describe('reconciler: connectors the store does not know', () => {
  it('removes them from a managed pool, and leaves them alone on an external Connect', async () => {
    const external = 'http://connect-ext.example:8083';
    await rig.registerExternalCluster(external);
    const ours = await rig.createConnector('ours');
    engine.add(POOL_URL, 'left-over', { 'connector.class': 'Datagen' });
    engine.add(external, 'someone-elses', { 'connector.class': 'Datagen' });
    await rig.pass();
    await rig.pass();
    assert.deepEqual(engine.log(), [`create ${ours} RUNNING`, 'delete left-over']);
    assert.deepEqual([...engine.connectorsAt(POOL_URL).keys()], [ours]);
    assert.deepEqual([...engine.connectorsAt(external).keys()], ['someone-elses']);
    assert.ok(engine.lists.includes(external), 'the external Connect was reconciled too');
  });
});

describe('reconciler: starting offsets (issue 7 #15)', () => {
  it('never resumes a connector before its offsets are written, even when writing them fails or it was resumed by hand', async () => {
    engine.fail({ op: 'alterOffsets', status: 500, message: 'injected', times: 1 });
    const id = await rig.createConnector('c', { offsets: OFFSETS });
    await rig.pass();
    assert.deepEqual(writesOf(id), ['create $ STOPPED', 'alterOffsets $ (500)']);
    assert.equal(engine.connector(POOL_URL, id)?.state, 'STOPPED');
    await rig.pass();
    assert.equal(writesOf(id).length, 2, 'backing off, and still STOPPED');

    engine.connector(POOL_URL, id)!.state = 'RUNNING'; // someone resumed it by hand
    rig.advance(1_000);
    await rig.pass();
    assert.deepEqual(writesOf(id).slice(2), ['stop $'], 'stopped again: offsets are written only while STOPPED');
    await rig.pass();
    assert.deepEqual(writesOf(id).slice(2), ['stop $', 'alterOffsets $', 'resume $']);
    assert.deepEqual(engine.connector(POOL_URL, id)?.offsets, OFFSETS);
    await rig.pass();
    assert.equal(writesOf(id).length, 5, 'written once: no more writes');
    assert.equal((await rig.status('c'))?.state, 'RUNNING');
  });
});

describe('reconciler: stopping', () => {
  it('starts no pass once stopped, also when a poke was reading the pools as it stopped', async () => {
    const id = await rig.createConnector('c');
    rig.controlPlane.reconciler.start();
    await rig.controlPlane.reconciler.stop();
    // The store is closed right after stop(): a pass starting now would fail on it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(engine.lists, [], 'Connect was not asked');
    assert.deepEqual(writesOf(id), []);
  });
});
