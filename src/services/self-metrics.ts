// Cirrus's own metrics for GET /metrics (issue 12), in Prometheus text: requests and their
// latency by operation (C3: routes are named by their operation, so a connector name in a URL
// never becomes a label), reconcile passes and their duration per pool, metrics scrapes, broker
// and pool states, store query latency, and Node's own process metrics. prom-client: the
// reference Prometheus client for Node, no dependencies of its own, and its registry renders the
// text format the scraper of any Prometheus speaks.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ComponentHealth } from '../engine/data-plane.ts';
import type { ScrapeReport } from '../engine/metrics-scraper.ts';

const STATES: ComponentHealth['state'][] = ['stopped', 'starting', 'ready', 'unhealthy', 'restarting'];

export class SelfMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'cirrus_http_requests_total', help: 'HTTP requests answered, by operation, method and status', labelNames: ['operation', 'method', 'status'], registers: [this.registry] });
  private readonly requestSeconds = new Histogram({
    name: 'cirrus_http_request_duration_seconds', help: 'HTTP request latency by operation', labelNames: ['operation', 'method'], registers: [this.registry],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  private readonly reconcileSeconds = new Histogram({
    name: 'cirrus_reconcile_pass_duration_seconds', help: 'Reconcile passes of a Connect pool and their duration, by outcome', labelNames: ['pool', 'outcome'], registers: [this.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  private readonly scrapeSeconds = new Histogram({
    name: 'cirrus_metrics_scrape_duration_seconds', help: 'Connector metrics scrape passes and their duration', registers: [this.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  });
  private readonly scrapeFailures = new Counter({ name: 'cirrus_metrics_scrape_failed_pools_total', help: 'Pool metrics agents that did not answer a scrape', registers: [this.registry] });
  private readonly querySeconds = new Histogram({
    name: 'cirrus_store_query_duration_seconds', help: 'Store (SQL) query latency, by outcome', labelNames: ['outcome'], registers: [this.registry],
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
  });

  /** `components`: the data plane's brokers and pools, read at each scrape of /metrics. */
  constructor(components?: () => { brokers: ReadonlyMap<string, ComponentHealth>; pools: ReadonlyMap<string, ComponentHealth> }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cirrus_' });
    const state = (name: string, kind: 'brokers' | 'pools', label: string) => new Gauge({
      name, help: `1 for the state each ${label} is in`, labelNames: [label, 'state'], registers: [this.registry],
      collect() {
        this.reset();
        for (const [id, health] of components?.()[kind] ?? []) for (const s of STATES) this.set({ [label]: id, state: s }, health.state === s ? 1 : 0);
      },
    });
    state('cirrus_broker_state', 'brokers', 'cluster');
    state('cirrus_pool_state', 'pools', 'pool');
  }

  observeRequest(operation: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ operation, method, status: String(status) });
    this.requestSeconds.observe({ operation, method }, seconds);
  }

  observeReconcilePass(pool: string, outcome: 'ok' | 'failed', seconds: number): void {
    this.reconcileSeconds.observe({ pool, outcome }, seconds);
  }

  observeScrape(report: ScrapeReport): void {
    this.scrapeSeconds.observe(report.durationMs / 1000);
    this.scrapeFailures.inc(report.failedPools);
  }

  /** For the store's query log (store/database.ts). */
  readonly observeQuery = (milliseconds: number, ok: boolean): void => {
    this.querySeconds.observe({ outcome: ok ? 'ok' : 'error' }, milliseconds / 1000);
  };

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
