import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toStatusView, unreachableView, type EngineStatus, type PreviousStatus } from '../../src/core/connector-state.ts';

const engine = (connector: string, ...tasks: [string, string?][]): EngineStatus => ({
  connector: { state: connector },
  tasks: tasks.map(([state, trace], id) => ({ id, state, trace })),
});

describe('connector state mapping', () => {
  const cases: [string, Parameters<typeof toStatusView>, string][] = [
    ['not yet in the engine', ['RUNNING', undefined], 'PROVISIONING'],
    ['running with running tasks', ['RUNNING', engine('RUNNING', ['RUNNING'], ['RUNNING'])], 'RUNNING'],
    ['running without tasks yet', ['RUNNING', engine('RUNNING')], 'PROVISIONING'],
    ['tasks unassigned', ['RUNNING', engine('RUNNING', ['UNASSIGNED'])], 'PROVISIONING'],
    ['one of two tasks failed', ['RUNNING', engine('RUNNING', ['RUNNING'], ['FAILED', 'boom\n\tat x'])], 'DEGRADED'],
    ['every task failed', ['RUNNING', engine('RUNNING', ['FAILED', 'boom'])], 'FAILED'],
    ['the connector failed', ['RUNNING', engine('FAILED')], 'FAILED'],
    ['paused as wanted', ['PAUSED', engine('PAUSED', ['PAUSED'])], 'PAUSED'],
    ['still pausing', ['PAUSED', engine('RUNNING', ['RUNNING'])], 'PROVISIONING'],
    ['still resuming', ['RUNNING', engine('PAUSED', ['PAUSED'])], 'PROVISIONING'],
  ];
  for (const [name, args, state] of cases) {
    it(`${name} → ${state}`, () => assert.equal(toStatusView(...args).state, state));
  }

  const ran = (state: string): PreviousStatus => ({ state, tasks: [{ id: 0, state, msg: '' }], hasRun: true });
  const unreachable: [string, Parameters<typeof unreachableView>, string][] = [
    ['pool unreachable, running', ['RUNNING', ran('RUNNING')], 'DEGRADED'],
    ['pool unreachable, paused', ['PAUSED', ran('PAUSED')], 'PAUSED'],
    ['pool unreachable, never ran', ['RUNNING', undefined], 'PROVISIONING'],
  ];
  for (const [name, args, state] of unreachable) {
    it(`${name} → ${state}`, () => assert.equal(unreachableView(...args).state, state));
  }

  // Issue 7 #14: Terraform reads status right after an in-place update; it must not see PROVISIONING.
  const transitions: [string, Parameters<typeof toStatusView>, string][] = [
    ['tasks restarting after a config update of a running connector', ['RUNNING', engine('RUNNING', ['UNASSIGNED']), ran('RUNNING')], 'RUNNING'],
    ['rewritten in the engine, not reported yet', ['RUNNING', undefined, ran('RUNNING')], 'RUNNING'],
    ['a paused connector updated', ['PAUSED', engine('PAUSED'), ran('PAUSED')], 'PAUSED'],
    ['still pausing a running one', ['PAUSED', engine('RUNNING', ['RUNNING']), ran('RUNNING')], 'RUNNING'],
    ['still resuming a paused one', ['RUNNING', engine('PAUSED', ['PAUSED']), ran('PAUSED')], 'PAUSED'],
    ['back from DEGRADED, tasks starting', ['RUNNING', engine('RUNNING', ['UNASSIGNED']), { state: 'DEGRADED', tasks: [], hasRun: true }], 'RUNNING'],
    ['never ran: a failed config fixed', ['RUNNING', engine('RUNNING', ['UNASSIGNED']), { state: 'FAILED', tasks: [], hasRun: false }], 'PROVISIONING'],
  ];
  for (const [name, args, state] of transitions) {
    it(`${name} → ${state}`, () => assert.equal(toStatusView(...args).state, state));
  }

  it('never says NONE, and keeps traces to the first line per task', () => {
    const view = toStatusView('RUNNING', engine('RUNNING', ['RUNNING'], ['FAILED', 'org.x.Boom: disk full\n\tat a.b(C.java:1)']));
    assert.equal(view.trace, 'Task 1: org.x.Boom: disk full');
    assert.deepEqual(view.tasks, [{ id: 0, state: 'RUNNING', msg: '' }, { id: 1, state: 'FAILED', msg: 'org.x.Boom: disk full', errorCode: 'SYSTEM_ERROR' }]);
  });

  it('shows the connector trace when the connector itself failed', () => {
    const view = toStatusView('RUNNING', { connector: { state: 'FAILED', trace: 'no class' }, tasks: [] });
    assert.equal(view.trace, 'no class');
  });
});
