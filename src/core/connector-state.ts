// From what Kafka Connect reports to what connect/v1 shows (CONTRACT §1.8, Q7): PROVISIONING
// until the engine reports, then RUNNING, PAUSED, DEGRADED (some tasks failed) or FAILED.
import { classifyFailure, type FailureClass } from './operate/failure-class.ts';

export type DesiredState = 'RUNNING' | 'PAUSED';
export type ConnectorState = 'PROVISIONING' | 'RUNNING' | 'DEGRADED' | 'FAILED' | 'PAUSED';

/** Kafka Connect's `GET /connectors/{name}/status`, the parts we read. */
export interface EngineStatus {
  connector: { state: string; trace?: string };
  tasks: { id: number; state: string; trace?: string }[];
}

export interface TaskView {
  id: number;
  state: string;
  msg: string;
  /** A failed task's class, from its whole trace. */
  errorCode?: FailureClass;
}

export interface StatusView {
  state: ConnectorState;
  trace: string;
  tasks: TaskView[];
}

/** First line of a Java stack trace: the message users need, without the frames. */
function firstLine(trace: string | undefined): string {
  return (trace ?? '').split('\n')[0]!.trim();
}

/** What the store last showed of a connector, so a transition does not read as PROVISIONING. */
export interface PreviousStatus {
  state: string;
  tasks: TaskView[];
  /** The engine has run it at least once. */
  hasRun: boolean;
}

/**
 * A connector between two steady states (tasks restarting after a config update, a pause or
 * resume under way, or not yet back in the engine) keeps showing its last steady state (Terraform
 * reads status right after an update); PROVISIONING is only for one that has never run.
 */
function inTransition(desired: DesiredState, tasks: TaskView[], previous: PreviousStatus | undefined): StatusView {
  if (previous && (previous.state === 'RUNNING' || previous.state === 'PAUSED')) return { state: previous.state, trace: '', tasks };
  if (previous?.hasRun) return { state: desired, trace: '', tasks };
  return { state: 'PROVISIONING', trace: '', tasks };
}

export function toStatusView(desired: DesiredState, engine: EngineStatus | undefined, previous?: PreviousStatus): StatusView {
  if (!engine) return inTransition(desired, previous?.tasks ?? [], previous);
  const tasks = engine.tasks
    .map((t) => (t.state === 'FAILED'
      ? { id: t.id, state: 'FAILED', msg: firstLine(t.trace), errorCode: classifyFailure(t.trace ?? '') }
      : { id: t.id, state: taskState(t.state), msg: '' }))
    .sort((a, b) => a.id - b.id);
  const failedTasks = engine.tasks.filter((t) => t.state === 'FAILED');
  if (engine.connector.state === 'FAILED') {
    return { state: 'FAILED', trace: engine.connector.trace ?? 'The connector failed', tasks };
  }
  if (failedTasks.length > 0) {
    const all = failedTasks.length === engine.tasks.length;
    const trace = failedTasks.map((t) => `Task ${t.id}: ${firstLine(t.trace)}`).join('\n');
    return { state: all ? 'FAILED' : 'DEGRADED', trace, tasks };
  }
  const state = engine.connector.state;
  if (desired === 'PAUSED') return state === 'PAUSED' ? { state: 'PAUSED', trace: '', tasks } : inTransition(desired, tasks, previous);
  const running = state === 'RUNNING' && engine.tasks.length > 0 && engine.tasks.every((t) => t.state === 'RUNNING');
  return running ? { state: 'RUNNING', trace: '', tasks } : inTransition(desired, tasks, previous);
}

/**
 * The pool cannot be reached: one that never ran is still PROVISIONING; one that ran is
 * DEGRADED (PAUSED stays PAUSED), its tasks' last known states shown as UNASSIGNED.
 */
export function unreachableView(desired: DesiredState, previous: PreviousStatus | undefined): StatusView {
  const everRan = previous !== undefined && (previous.hasRun || previous.state !== 'PROVISIONING');
  if (!everRan) return { state: 'PROVISIONING', trace: 'Waiting for the Kafka Connect pool to become reachable', tasks: previous?.tasks ?? [] };
  return {
    state: desired === 'PAUSED' ? 'PAUSED' : 'DEGRADED',
    trace: 'The Kafka Connect pool is unreachable; showing the last known task states',
    tasks: (previous?.tasks ?? []).map((t) => ({ id: t.id, state: 'UNASSIGNED', msg: t.msg })),
  };
}

/** Task states shown as RUNNING | PAUSED | FAILED | UNASSIGNED. */
function taskState(engineState: string): string {
  return ['RUNNING', 'PAUSED', 'FAILED'].includes(engineState) ? engineState : 'UNASSIGNED';
}
