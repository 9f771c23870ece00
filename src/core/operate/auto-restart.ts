// Automatic restart of failed connectors and tasks (issue 11): a failure the platform can fix
// (SYSTEM_ERROR) is restarted after a wait that doubles from `baseMs` up to `maxMs`; a failure
// the user must fix is never restarted. The count starts over once the connector has stayed
// healthy for as long as the next wait would have been (Strimzi resets once stable too).
import type { DesiredState, EngineStatus } from '../connector-state.ts';
import { classifyFailures, type FailureClass } from './failure-class.ts';

export interface AutoRestartSettings {
  baseMs: number;
  maxMs: number;
}

/** Kept with the connector's observed status. */
export interface RestartSchedule {
  /** Automatic restarts since the connector was last stable. */
  attempts: number;
  nextAt: string | null;
  lastAt: string | null;
  /** The class of the failure the engine reports now; null when nothing failed. */
  failureClass: FailureClass | null;
}

export const NO_RESTARTS: RestartSchedule = { attempts: 0, nextAt: null, lastAt: null, failureClass: null };

export interface RestartDecision {
  /** Restart the failed connector instance and failed tasks now. */
  restart: boolean;
  schedule: RestartSchedule;
}

/** The wait before restart number `attempts + 1`. */
export function restartDelayMs(attempts: number, settings: AutoRestartSettings): number {
  return Math.min(settings.baseMs * 2 ** Math.min(attempts, 40), settings.maxMs);
}

/** The traces of what failed: the connector instance and each failed task. */
export function failureTraces(engine: EngineStatus): string[] {
  const connector = engine.connector.state === 'FAILED' ? [engine.connector.trace ?? ''] : [];
  return [...connector, ...engine.tasks.filter((t) => t.state === 'FAILED').map((t) => t.trace ?? '')];
}

/**
 * Whether to restart now. `evidence`: the connector's recent warnings, read when the traces alone
 * say nothing of whose fault a failure is (see engine/pool-logs.ts); they can only make it the user's.
 */
export function planAutoRestart(
  engine: EngineStatus | undefined, desired: DesiredState, before: RestartSchedule, now: Date, settings: AutoRestartSettings, evidence: readonly string[] = [],
): RestartDecision {
  const keep = { restart: false, schedule: before };
  // Nothing to judge: not in the engine, or paused on purpose.
  if (!engine || desired !== 'RUNNING') return keep;
  const traces = failureTraces(engine);
  const failureClass = traces.length === 0 ? null : classifyFailures([...traces, ...evidence]);
  if (failureClass === null) return { restart: false, schedule: afterHealthy(engine, before, now, settings) };
  if (failureClass === 'USER_ACTIONABLE_ERROR') return { restart: false, schedule: { ...before, nextAt: null, failureClass } };
  if (before.nextAt === null) {
    const nextAt = new Date(now.getTime() + restartDelayMs(before.attempts, settings)).toISOString();
    return { restart: false, schedule: { ...before, nextAt, failureClass } };
  }
  if (now < new Date(before.nextAt)) return { restart: false, schedule: { ...before, failureClass } };
  return { restart: true, schedule: { attempts: before.attempts + 1, nextAt: null, lastAt: now.toISOString(), failureClass } };
}

/** Nothing failed: no restart due; the count starts over once stable long enough. */
function afterHealthy(engine: EngineStatus, before: RestartSchedule, now: Date, settings: AutoRestartSettings): RestartSchedule {
  const running = engine.connector.state === 'RUNNING' && engine.tasks.length > 0 && engine.tasks.every((t) => t.state === 'RUNNING');
  const schedule = { ...before, nextAt: null, failureClass: null };
  if (!running || before.attempts === 0) return schedule;
  const stableSince = before.lastAt ? new Date(before.lastAt).getTime() : 0;
  return now.getTime() - stableSince >= restartDelayMs(before.attempts, settings) ? { ...NO_RESTARTS } : schedule;
}
