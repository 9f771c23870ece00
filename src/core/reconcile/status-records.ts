// Kafka Connect's status topic, read the way Connect itself reads it (KafkaStatusBackingStore):
// `status-connector-<name>` and `status-task-<name>-<n>` keys, JSON values
// `{"state", "trace", "worker_id", "generation"}`, a null value (tombstone) for a connector or
// task that is gone. Other keys (`status-topic-…`, active topics) are not statuses we show.
// Connect's own REST status is served from this same topic, so what is folded here is as fresh
// as what `GET /connectors/{name}/status` would answer.
import type { EngineStatus } from '../connector-state.ts';

export type StatusRecord =
  | { kind: 'connector'; engineName: string; state: { state: string; trace?: string } | undefined }
  | { kind: 'task'; engineName: string; taskId: number; state: { state: string; trace?: string } | undefined };

const CONNECTOR_KEY = /^status-connector-(.+)$/;
const TASK_KEY = /^status-task-(.+)-(\d+)$/;

/** One record of the status topic; undefined for keys and values that are no status of ours. */
export function parseStatusRecord(key: string, value: string | undefined): StatusRecord | undefined {
  const state = value === undefined || value === '' ? undefined : parseState(value);
  if (state === null) return undefined;
  const task = TASK_KEY.exec(key);
  if (task) return { kind: 'task', engineName: task[1]!, taskId: Number(task[2]), state };
  const connector = CONNECTOR_KEY.exec(key);
  if (connector) return { kind: 'connector', engineName: connector[1]!, state };
  return undefined;
}

/** The state and trace of a status value; null when it is not one (never thrown: a topic is shared). */
function parseState(value: string): { state: string; trace?: string } | null {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { state, trace } = parsed as { state?: unknown; trace?: unknown };
    if (typeof state !== 'string') return null;
    return typeof trace === 'string' ? { state, trace } : { state };
  } catch {
    return null;
  }
}

/** What the topic says of one engine connector so far. */
export interface TopicStatus {
  connector: { state: string; trace?: string } | undefined;
  tasks: Map<number, { state: string; trace?: string }>;
}

/**
 * Folds one record into the per-connector statuses; returns the engine connector it concerns.
 * A connector whose connector and task records are all tombstoned is forgotten.
 */
export function applyStatusRecord(statuses: Map<string, TopicStatus>, record: StatusRecord): string {
  const entry = statuses.get(record.engineName) ?? { connector: undefined, tasks: new Map() };
  if (record.kind === 'connector') entry.connector = record.state;
  else if (record.state) entry.tasks.set(record.taskId, record.state);
  else entry.tasks.delete(record.taskId);
  if (!entry.connector && entry.tasks.size === 0) statuses.delete(record.engineName);
  else statuses.set(record.engineName, entry);
  return record.engineName;
}

/** The topic's status in the shape of Connect's REST answer; undefined before its connector record. */
export function toEngineStatus(entry: TopicStatus | undefined): EngineStatus | undefined {
  if (!entry?.connector) return undefined;
  const tasks = [...entry.tasks].map(([id, t]) => ({ id, ...t })).sort((a, b) => a.id - b.id);
  return { connector: { ...entry.connector }, tasks };
}

/**
 * A REST observation and the topic's, for one connector: REST names the tasks that exist (it
 * reads them from the config topic; the status topic may keep records of tasks a smaller
 * tasks.max removed), the topic gives each its latest state, so neither hides a newer transition.
 * REST listing no task yet (a connector just created) leaves the tasks to the topic.
 */
export function mergeEngineStatus(rest: EngineStatus | undefined, topic: EngineStatus | undefined): EngineStatus | undefined {
  if (!rest || !topic) return topic ?? rest;
  if (rest.tasks.length === 0) return topic;
  const byId = new Map(topic.tasks.map((t) => [t.id, t]));
  return { connector: topic.connector, tasks: rest.tasks.map((t) => byId.get(t.id) ?? t) };
}
