// A scrape's raw counters against the last ones stored → each connector's increase per metric,
// and the counters to store next. A task's counter (live + retired, core/metrics/connect-counters.ts)
// never drops while its worker JVM runs, whatever restarts the task; it starts again from zero
// only in a new JVM, which the incarnation (the JVM's start time) tells. So:
//   - a new incarnation: the whole value is the increase;
//   - the same one: the growth is; a lower value is a scrape that read live and retired on either
//     side of a task restart, not a reset: no increase, and the higher value stays stored, so
//     the count is exact again once the counter passes it;
//   - no incarnation known (an agent without it): a lower value is taken as a reset.
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
}

const key = (c: { connectorId: string; source: string }, metric: string) => `${c.connectorId}\u0000${c.source}\u0000${metric}`;

/** `covered`: the connectors this scrape may count (ours, in the pool that answered). */
export function counterDeltas(observed: TaskCounters[], stored: StoredCounter[], covered: ReadonlySet<string>): CounterDeltas {
  const previous = new Map(stored.map((c) => [key(c, c.metric), c.value]));
  const increases = new Map<string, Map<string, number>>();
  const counters: StoredCounter[] = [];
  for (const task of observed) {
    if (!covered.has(task.connectorId)) continue;
    const before = previous.get(key(task, TASK_INCARNATION));
    const known = task.incarnation !== undefined && before !== undefined;
    const sameRun = known && before === task.incarnation;
    const perMetric = increases.get(task.connectorId) ?? new Map<string, number>();
    increases.set(task.connectorId, perMetric);
    for (const [metric, value] of Object.entries(task.counters)) {
      const last = known && !sameRun ? undefined : previous.get(key(task, metric));
      perMetric.set(metric, (perMetric.get(metric) ?? 0) + (sameRun ? growth(last, value) : increase(last, value)));
      const keep = sameRun && last !== undefined ? Math.max(last, value) : value;
      counters.push({ connectorId: task.connectorId, source: task.source, metric, value: keep });
    }
    if (task.incarnation !== undefined) counters.push({ connectorId: task.connectorId, source: task.source, metric: TASK_INCARNATION, value: task.incarnation });
  }
  return { increases, counters };
}

/** Since `last` when a drop may be a reset (undefined: never seen, or a new run). */
export function increase(last: number | undefined, value: number): number {
  if (last === undefined || value < last) return value;
  return value - last;
}

/** Since `last` within one run of a counter that cannot drop: a lower reading adds nothing. */
export function growth(last: number | undefined, value: number): number {
  if (last === undefined) return value;
  return Math.max(0, value - last);
}

/** The minute (since the epoch, UTC) a point of `at` belongs to: it covers [minute, minute + 1). */
export function epochMinute(at: Date): number {
  return Math.floor(at.getTime() / 60_000);
}

/** Points before this minute are past the retention. */
export function retentionStartMinute(now: Date, retentionDays: number): number {
  return epochMinute(now) - retentionDays * 24 * 60;
}
