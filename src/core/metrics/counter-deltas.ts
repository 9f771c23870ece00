// A scrape's raw counters against the last ones stored → each connector's increase per metric,
// and the counters to store next. Counters only grow while their task runs; a task that starts
// again (restart, rebalance, pool restart) starts them from zero. That is seen three ways:
// the task's client started at another time (incarnation), a value lower than the stored one,
// or the task missing from a scrape of its pool (its beans go when it stops). Each time the
// whole new value is the increase, so a restart loses no count and counts none twice.
import { TASK_INCARNATION, type TaskCounters } from './connect-counters.ts';

export interface StoredCounter {
  connectorId: string;
  source: string;
  metric: string;
  value: number;
}

export interface CounterDeltas {
  /** connector id → metric → increase since the last scrape (0 included: it ran, and did nothing). */
  increases: Map<string, Map<string, number>>;
  /** Counters to store, incarnations included. */
  counters: StoredCounter[];
  /** Stored counters whose task is gone: the next one seen counts from zero. */
  gone: StoredCounter[];
}

const key = (c: { connectorId: string; source: string }, metric: string) => `${c.connectorId}\u0000${c.source}\u0000${metric}`;

/**
 * `covered`: the connectors whose pool answered this scrape. Only their stored counters may be
 * judged gone; a pool that did not answer says nothing about its tasks.
 */
export function counterDeltas(observed: TaskCounters[], stored: StoredCounter[], covered: ReadonlySet<string>): CounterDeltas {
  const previous = new Map(stored.map((c) => [key(c, c.metric), c.value]));
  const increases = new Map<string, Map<string, number>>();
  const counters: StoredCounter[] = [];
  const seen = new Set<string>();
  for (const task of observed) {
    if (!covered.has(task.connectorId)) continue;
    const before = previous.get(key(task, TASK_INCARNATION));
    const restarted = task.incarnation !== undefined && before !== undefined && before !== task.incarnation;
    const perMetric = increases.get(task.connectorId) ?? new Map<string, number>();
    increases.set(task.connectorId, perMetric);
    for (const [metric, value] of Object.entries(task.counters)) {
      const last = restarted ? undefined : previous.get(key(task, metric));
      perMetric.set(metric, (perMetric.get(metric) ?? 0) + increase(last, value));
      counters.push({ connectorId: task.connectorId, source: task.source, metric, value });
      seen.add(key(task, metric));
    }
    if (task.incarnation !== undefined) {
      counters.push({ connectorId: task.connectorId, source: task.source, metric: TASK_INCARNATION, value: task.incarnation });
      seen.add(key(task, TASK_INCARNATION));
    }
  }
  const gone = stored.filter((c) => covered.has(c.connectorId) && !seen.has(key(c, c.metric)));
  return { increases, counters, gone };
}

/** Since `last` (undefined: never seen, or its task started again): a drop means a reset. */
export function increase(last: number | undefined, value: number): number {
  if (last === undefined || value < last) return value;
  return value - last;
}

/** The minute (since the epoch, UTC) a point of `at` belongs to: it covers [minute, minute + 1). */
export function epochMinute(at: Date): number {
  return Math.floor(at.getTime() / 60_000);
}

/** Points before this minute are past the retention. */
export function retentionStartMinute(now: Date, retentionDays: number): number {
  return epochMinute(now) - retentionDays * 24 * 60;
}
