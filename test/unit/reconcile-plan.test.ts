import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planConnector, sameConfig, type DesiredConnector } from '../../src/core/reconcile/plan.ts';

const config = { 'connector.class': 'X', 'tasks.max': '1', name: 'lcc-1' };
const desired = (state: 'RUNNING' | 'PAUSED' = 'RUNNING', engineConfig: Record<string, string> | undefined = config): DesiredConnector =>
  ({ engineName: 'lcc-1', engineConfig, state });

describe('reconcile plan', () => {
  it('creates a missing connector in its target state', () => {
    assert.deepEqual(planConnector(desired('PAUSED'), undefined), [{ kind: 'create', config, initialState: 'PAUSED' }]);
  });

  it('leaves an unchanged connector alone (no step at all)', () => {
    assert.deepEqual(planConnector(desired(), { config: { ...config }, state: 'RUNNING' }), []);
    assert.deepEqual(planConnector(desired('PAUSED'), { config, state: 'PAUSED' }), []);
  });

  it('ignores the name key Connect adds, but not a changed value', () => {
    const { name: _name, ...withoutName } = config;
    assert.ok(sameConfig(withoutName, config));
    assert.equal(sameConfig(config, { ...config, 'tasks.max': '2' }), false);
    assert.equal(sameConfig(config, { ...config, extra: 'x' }), false);
  });

  it('updates a drifted config, then fixes the state', () => {
    assert.deepEqual(planConnector(desired('PAUSED'), { config: { ...config, 'tasks.max': '9' }, state: 'RUNNING' }), [
      { kind: 'update', config }, { kind: 'pause' },
    ]);
  });

  it('resumes a paused or stopped connector that should run, and waits out transitions', () => {
    assert.deepEqual(planConnector(desired(), { config, state: 'PAUSED' }), [{ kind: 'resume' }]);
    assert.deepEqual(planConnector(desired(), { config, state: 'STOPPED' }), [{ kind: 'resume' }]);
    assert.deepEqual(planConnector(desired(), { config, state: 'UNASSIGNED' }), []);
    assert.deepEqual(planConnector(desired('PAUSED'), { config, state: 'RESTARTING' }), []);
  });

  it('deletes what should not be there, and does nothing for what is already gone', () => {
    assert.deepEqual(planConnector(undefined, { config, state: 'RUNNING' }), [{ kind: 'delete' }]);
    assert.deepEqual(planConnector({ engineName: 'lcc-1', engineConfig: undefined, state: 'RUNNING' }, { config, state: 'RUNNING' }), [{ kind: 'delete' }]);
    assert.deepEqual(planConnector(undefined, undefined), []);
  });

  // Issue 7 #15: starting offsets are written while STOPPED, and the connector never runs before.
  it('creates a connector with pending offsets STOPPED, writes them, then goes to its target state', () => {
    const pending = { ...desired(), offsetsPending: true };
    assert.deepEqual(planConnector(pending, undefined), [
      { kind: 'create', config, initialState: 'STOPPED' }, { kind: 'alter_offsets' }, { kind: 'resume' },
    ]);
    assert.deepEqual(planConnector({ ...desired('PAUSED'), offsetsPending: true }, undefined).at(-1), { kind: 'pause' });
  });

  it('never resumes a connector whose offsets are pending: stops it, then writes them once STOPPED', () => {
    const pending = { ...desired(), offsetsPending: true };
    assert.deepEqual(planConnector(pending, { config, state: 'RUNNING' }), [{ kind: 'stop' }]);
    assert.deepEqual(planConnector(pending, { config, state: 'PAUSED' }), [{ kind: 'stop' }]);
    assert.deepEqual(planConnector(pending, { config, state: 'UNASSIGNED' }), []);
    assert.deepEqual(planConnector(pending, { config, state: 'STOPPED' }), [{ kind: 'alter_offsets' }, { kind: 'resume' }]);
  });
});
