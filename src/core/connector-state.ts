// From what Kafka Connect reports to what connect/v1 shows (CONTRACT §1.8, Q7): PROVISIONING
// until the engine reports, then RUNNING, PAUSED, DEGRADED (some tasks failed) or FAILED.

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

export function toStatusView(desired: DesiredState, engine: EngineStatus | undefined, poolReachable = true): StatusView {
  if (!engine) {
    return { state: 'PROVISIONING', trace: poolReachable ? '' : 'Waiting for the Kafka Connect pool to become reachable', tasks: [] };
  }
  const tasks = engine.tasks
    .map((t) => ({ id: t.id, state: taskState(t.state), msg: t.state === 'FAILED' ? firstLine(t.trace) : '' }))
    .sort((a, b) => a.id - b.id);
  if (!poolReachable) {
    const state: ConnectorState = desired === 'PAUSED' ? 'PAUSED' : 'DEGRADED';
    return { state, trace: 'The Kafka Connect pool is unreachable; showing the last known task states', tasks };
  }
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
  if (desired === 'PAUSED') return { state: state === 'PAUSED' ? 'PAUSED' : 'PROVISIONING', trace: '', tasks };
  const running = state === 'RUNNING' && engine.tasks.length > 0 && engine.tasks.every((t) => t.state === 'RUNNING');
  return { state: running ? 'RUNNING' : 'PROVISIONING', trace: '', tasks };
}

/** Task states shown as RUNNING | PAUSED | FAILED | UNASSIGNED. */
function taskState(engineState: string): string {
  return ['RUNNING', 'PAUSED', 'FAILED'].includes(engineState) ? engineState : 'UNASSIGNED';
}
