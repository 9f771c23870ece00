// Issue 11: automatic restarts wait base, 2×base … up to max; never for user errors; the count
// starts over once the connector has stayed healthy as long as the next wait.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_RESTARTS, planAutoRestart, restartDelayMs, type RestartSchedule } from '../../src/core/operate/auto-restart.ts';
import type { EngineStatus } from '../../src/core/connector-state.ts';

const SETTINGS = { baseMs: 60_000, maxMs: 3_600_000 };
const T0 = new Date('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const failed = (trace = 'java.net.ConnectException: Connection refused'): EngineStatus => ({
  connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED', trace }, { id: 1, state: 'RUNNING' }],
});
const healthy: EngineStatus = { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] };

describe('automatic restart (issue 11)', () => {
  it('waits 1 min, doubling to 1 h', () => {
    assert.deepEqual([0, 1, 2, 5, 6, 7, 50].map((n) => restartDelayMs(n, SETTINGS)), [60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('schedules a system failure, restarts when due, then waits twice as long', () => {
    const first = planAutoRestart(failed(), 'RUNNING', NO_RESTARTS, T0, SETTINGS);
    assert.deepEqual(first, { restart: false, schedule: { attempts: 0, nextAt: at(60_000).toISOString(), lastAt: null, failureClass: 'SYSTEM_ERROR' } });
    assert.equal(planAutoRestart(failed(), 'RUNNING', first.schedule, at(59_999), SETTINGS).restart, false);
    const due = planAutoRestart(failed(), 'RUNNING', first.schedule, at(60_000), SETTINGS);
    assert.deepEqual(due, { restart: true, schedule: { attempts: 1, nextAt: null, lastAt: at(60_000).toISOString(), failureClass: 'SYSTEM_ERROR' } });
    const again = planAutoRestart(failed(), 'RUNNING', due.schedule, at(70_000), SETTINGS);
    assert.equal(again.schedule.nextAt, at(70_000 + 120_000).toISOString());
  });

  it('never restarts a user error', () => {
    const decision = planAutoRestart(failed('FATAL: password authentication failed for user "w"'), 'RUNNING', NO_RESTARTS, T0, SETTINGS);
    assert.deepEqual(decision, { restart: false, schedule: { ...NO_RESTARTS, failureClass: 'USER_ACTIONABLE_ERROR' } });
  });

  it('reads the connector\'s warnings as evidence when its trace names no cause, but never without a failure', () => {
    const dialect = failed('org.hibernate.HibernateException: Unable to determine Dialect without JDBC metadata');
    assert.equal(planAutoRestart(dialect, 'RUNNING', NO_RESTARTS, T0, SETTINGS).schedule.failureClass, 'SYSTEM_ERROR');
    const warning = 'SQL Error: 0, SQLState: 28P01 FATAL: password authentication failed for user "writer"';
    assert.equal(planAutoRestart(dialect, 'RUNNING', NO_RESTARTS, T0, SETTINGS, [warning]).schedule.failureClass, 'USER_ACTIONABLE_ERROR');
    assert.equal(planAutoRestart(healthy, 'RUNNING', NO_RESTARTS, T0, SETTINGS, [warning]).schedule.failureClass, null);
  });

  it('a failed connector instance counts like a failed task', () => {
    const engine: EngineStatus = { connector: { state: 'FAILED', trace: 'TimeoutException' }, tasks: [] };
    assert.equal(planAutoRestart(engine, 'RUNNING', NO_RESTARTS, T0, SETTINGS).schedule.failureClass, 'SYSTEM_ERROR');
  });

  it('leaves a paused connector or one not in the engine alone', () => {
    const before: RestartSchedule = { attempts: 2, nextAt: T0.toISOString(), lastAt: null, failureClass: 'SYSTEM_ERROR' };
    assert.deepEqual(planAutoRestart(failed(), 'PAUSED', before, at(1), SETTINGS), { restart: false, schedule: before });
    assert.deepEqual(planAutoRestart(undefined, 'RUNNING', before, at(1), SETTINGS), { restart: false, schedule: before });
  });

  it('starts the count over once healthy for as long as the next wait', () => {
    const after2: RestartSchedule = { attempts: 2, nextAt: null, lastAt: T0.toISOString(), failureClass: 'SYSTEM_ERROR' };
    const soon = planAutoRestart(healthy, 'RUNNING', after2, at(239_999), SETTINGS);
    assert.deepEqual(soon.schedule, { ...after2, failureClass: null });
    assert.deepEqual(planAutoRestart(healthy, 'RUNNING', after2, at(240_000), SETTINGS).schedule, NO_RESTARTS);
  });
});
