// Collects connector metrics (issue 12): every interval, each running pool of ours is scraped
// through its metrics agent, each task counter's increase since the stored one is added to the
// current minute's point of its connector, and the counters are stored for the next scrape. One
// pass at a time (two at once would both add the same increase); a pass never throws.
import type { Logger } from 'pino';
import { taskCounters, type TaskCounters } from '../core/metrics/connect-counters.ts';
import { connectorStates, type ObservedState } from '../core/metrics/connect-states.ts';
import { counterDeltas, epochMinute, retentionStartMinute } from '../core/metrics/counter-deltas.ts';
import { parsePrometheusText } from '../core/metrics/prometheus-text.ts';
import type { Store } from '../store/database.ts';
import { deleteExpiredStates, saveMetricStates } from '../store/metric-states.ts';
import * as repo from '../store/metrics.ts';
import type { DataPlane } from './data-plane.ts';

export interface MetricsScraperDeps {
  db: Store;
  dataPlane: DataPlane;
  log: Logger;
  now: () => Date;
  /** CIRRUS_METRICS_SCRAPE_SECONDS, in ms. */
  intervalMs: number;
  /** CIRRUS_METRICS_RETENTION_DAYS. */
  retentionDays: number;
  /** Told after every pass (GET /metrics). */
  onPass?: (report: ScrapeReport) => void;
}

export interface ScrapeReport {
  pools: number;
  /** Pools whose agent did not answer: their counters are left as they were. */
  failedPools: number;
  connectors: number;
  points: number;
  durationMs: number;
}

const SCRAPE_TIMEOUT_MS = 10_000;
const RETENTION_EVERY_MS = 3_600_000;

export class MetricsScraper {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private running: Promise<unknown> = Promise.resolve();
  private lastRetention = 0;
  /** Pools last seen unreachable, so the warning is logged once per outage. */
  private readonly unreachable = new Set<string>();

  constructor(private readonly deps: MetricsScraperDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /**
   * Stops the loop after one last pass, while the pools still run (Cirrus stops them after
   * this): what they counted since the previous pass is kept rather than lost with their JVMs.
   */
  async stop(): Promise<void> {
    const wasRunning = !this.stopped;
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (wasRunning) await this.scrape();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.scrape().finally(() => this.schedule()), this.deps.intervalMs);
    this.timer.unref();
  }

  /** One pass, after any pass still running (tests drive passes with it). */
  scrape(): Promise<ScrapeReport> {
    const pass = this.running.then(() => this.pass());
    this.running = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<ScrapeReport> {
    const started = performance.now();
    const report: ScrapeReport = { pools: 0, failedPools: 0, connectors: 0, points: 0, durationMs: 0 };
    try {
      await this.collect(report);
      await this.retain();
    } catch (err) {
      this.deps.log.error({ err }, 'metrics scrape failed');
    }
    report.durationMs = performance.now() - started;
    this.deps.onPass?.(report);
    return report;
  }

  private async collect(report: ScrapeReport): Promise<void> {
    const { db, dataPlane } = this.deps;
    const pools = [...dataPlane.pools()].flatMap(([poolId, health]) => {
      const url = health.state === 'ready' ? dataPlane.poolMetricsUrl?.(poolId) : undefined;
      return url ? [{ poolId, url }] : [];
    });
    report.pools = pools.length;
    const scraped = await Promise.all(pools.map(async (p) => ({ ...p, ...await this.scrapePool(p.poolId, p.url) })));
    const answered = scraped.filter((p): p is typeof p & { tasks: TaskCounters[]; states: ObservedState[] } => p.tasks !== undefined);
    report.failedPools = pools.length - answered.length;
    const connectors = await repo.listConnectorsOfPools(db, answered.map((p) => p.poolId));
    const byId = new Map(connectors.map((c) => [c.id, c]));
    // A task counts only in its connector's own pool: anything else there is not ours.
    const observed = answered.flatMap((p) => p.tasks.filter((t) => byId.get(t.connectorId)?.poolId === p.poolId));
    const covered = new Set(byId.keys());
    const deltas = counterDeltas(observed, await repo.listMetricCounters(db, [...covered]), covered);
    const now = this.deps.now();
    const minute = epochMinute(now);
    const states = answered.flatMap((p) => p.states.filter((st) => byId.get(st.connectorId)?.poolId === p.poolId))
      .map((st) => ({ ...st, kafkaClusterId: byId.get(st.connectorId)!.kafkaClusterId, minute }));
    const points = [...deltas.increases].flatMap(([connectorId, metrics]) => [...metrics].map(([metric, value]) => ({
      connectorId, kafkaClusterId: byId.get(connectorId)!.kafkaClusterId, metric, minute, value,
    })));
    await db.transaction().execute(async (tx) => {
      await repo.addMetricPoints(tx, points);
      await repo.saveMetricCounters(tx, deltas.counters, now.toISOString());
      await saveMetricStates(tx, states);
    });
    report.connectors = deltas.increases.size;
    report.points = points.length;
  }

  /** The pool's task counters and states; undefined when its agent did not answer. */
  private async scrapePool(poolId: string, url: string): Promise<{ tasks?: TaskCounters[]; states?: ObservedState[] }> {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.unreachable.delete(poolId);
      const samples = parsePrometheusText(text);
      return { tasks: taskCounters(samples), states: connectorStates(samples) };
    } catch (err) {
      if (!this.unreachable.has(poolId)) this.deps.log.warn({ poolId, err: (err as Error).message }, 'metrics agent of a pool did not answer');
      this.unreachable.add(poolId);
      return {};
    }
  }

  private async retain(): Promise<void> {
    const now = this.deps.now();
    if (now.getTime() - this.lastRetention < RETENTION_EVERY_MS) return;
    this.lastRetention = now.getTime();
    const start = retentionStartMinute(now, this.deps.retentionDays);
    const deleted = await repo.deleteExpiredMetrics(this.deps.db, start) + await deleteExpiredStates(this.deps.db, start);
    if (deleted > 0) this.deps.log.info({ deleted }, 'metric points past the retention deleted');
  }
}
