// Drives every Connect pool toward the store (C15–C17). Pools are reconciled independently and
// concurrently, each one pass at a time with a deadline, so a slow or unreachable Connect delays
// only its own connectors. A pass runs every `intervalMs` and right after each change. A failure
// stays with its connector (status + backoff in the store); the loop never throws. Statuses
// also arrive as Connect writes them, from each pool's status topic (issue 13); the passes keep
// observing over REST, so they are the fallback whenever that topic cannot be read.
import type { ConnectPool } from '../core/cluster.ts';
import * as repo from '../store/connectors.ts';
import { mergeEngineStatus } from '../core/reconcile/status-records.ts';
import { listConnectPools } from '../store/pools.ts';
import { ConnectError, type EngineConnector } from './connect-client.ts';
import { ConnectorReconciler, type ConnectorReconcilerDeps } from './connector-reconciler.ts';
import { StatusFeeds } from './status-feeds.ts';
import type { StatusTopic } from './status-topic.ts';

export interface ReconcilerDeps extends ConnectorReconcilerDeps {
  intervalMs: number;
  /** How long one pool's pass may take; connectors left over wait for the next pass. */
  poolDeadlineMs?: number;
  /**
   * Whether the data plane is still starting this pool (its first start, not a crash): then it
   * is expected not to answer, which is no warning. Absent: every unreachable pool warns.
   */
  poolStarting?: (pool: ConnectPool) => boolean;
  /** Told after each pool's pass (GET /metrics). */
  onPoolPass?: (poolId: string, outcome: 'ok' | 'failed', seconds: number) => void;
  /** Where a pool's Connect writes statuses (issue 13); absent or undefined: REST polling only. */
  statusTopicOf?: (pool: ConnectPool) => StatusTopic | undefined;
  /** Wait before reading a status topic again after it failed. */
  statusTopicRetryMs?: number;
  /** Connectors of one pool reconciled at once (Connect answers several requests in parallel). */
  concurrency?: number;
}

/** After a pass that changed something, look again soon: Connect reports new states quickly. */
const FOLLOW_UP_MS = 250;
const POOL_DEADLINE_MS = 30_000;
const CONCURRENCY = 8;

export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private followUp: NodeJS.Timeout | undefined;
  private stopped = true;
  /** The pools read by the latest poke, before its passes start. */
  private poking: Promise<void> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Pools asked for again while their pass ran. */
  private readonly again = new Set<string>();
  /** Pools last seen unreachable, so the warning is logged once per outage. */
  private readonly unreachable = new Set<string>();
  /** Connectors on external pools that Cirrus did not create: reported once, never touched. */
  private readonly strangers = new Set<string>();
  private readonly connectors: ConnectorReconciler;
  private readonly feeds: StatusFeeds;
  /** Per pool, connectors the status topic reported on while a pass ran: shown again after it. */
  private readonly reportedDuringPass = new Map<string, Set<string>>();

  constructor(private readonly deps: ReconcilerDeps) {
    this.connectors = new ConnectorReconciler(deps);
    this.feeds = new StatusFeeds({
      statusTopicOf: deps.statusTopicOf, logger: deps.logger, retryMs: deps.statusTopicRetryMs,
      onChange: (pool, names) => this.observeFromTopic(pool, names),
    });
  }

  start(): void {
    this.stopped = false;
    this.poke();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.followUp);
    // A poke reading the pools as stop() began starts no pass, but is waited for: after stop()
    // nothing of the reconciler touches the store (closed next) or Connect.
    await this.poking;
    await Promise.allSettled([...this.inFlight.values()]);
    await this.feeds.stop();
  }

  /** Asks every pool for a pass as soon as its current one (if any) ends. */
  poke(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.poking = this.listPools().then((pools) => {
      if (this.stopped) return;
      void this.feeds.sync(pools);
      for (const pool of pools) void this.runPool(pool);
      this.timer = setTimeout(() => this.poke(), this.deps.intervalMs);
    });
  }

  /** Whether statuses of the pool arrive from its status topic now (else from REST passes alone). */
  readsStatusTopic(poolId: string): boolean {
    return this.feeds.of(poolId)?.live ?? false;
  }

  /** One pass over every pool (concurrently), after any pass under way; never throws. */
  async pass(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
    await Promise.all((await this.listPools()).map((pool) => this.runPool(pool)));
  }

  private async listPools(): Promise<ConnectPool[]> {
    try {
      return await listConnectPools(this.deps.db);
    } catch (err) {
      this.deps.logger.error({ err }, 'reconcile pass failed: cannot read the pools');
      return [];
    }
  }

  private runPool(pool: ConnectPool): Promise<void> {
    const current = this.inFlight.get(pool.id);
    if (current) {
      this.again.add(pool.id);
      return current;
    }
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const run = this.reconcilePool(pool)
      .then((changed) => {
        this.deps.onPoolPass?.(pool.id, 'ok', seconds());
        return changed;
      }, (err) => {
        this.deps.onPoolPass?.(pool.id, 'failed', seconds());
        this.deps.logger.error({ err, poolId: pool.id }, 'reconcile pass of a pool failed');
      })
      .then((changed) => {
        this.inFlight.delete(pool.id);
        this.observeLateReports(pool);
        if (this.stopped) return;
        if (this.again.delete(pool.id)) this.poke();
        else if (changed) this.scheduleFollowUp();
      });
    this.inFlight.set(pool.id, run);
    return run;
  }

  private scheduleFollowUp(): void {
    clearTimeout(this.followUp);
    this.followUp = setTimeout(() => this.poke(), FOLLOW_UP_MS);
  }

  /** One pass over one pool; true when it sent Connect any write. */
  private async reconcilePool(pool: ConnectPool): Promise<boolean> {
    const poolId = pool.id;
    const url = this.deps.addresses.connectUrl(pool);
    if (!url) return false;
    const deadline = Date.now() + (this.deps.poolDeadlineMs ?? POOL_DEADLINE_MS);
    const connectors = await repo.listConnectorsOfPool(this.deps.db, poolId);
    // A custom pool runs only while connectors use it: an idle one is stopped, not unreachable.
    if (pool.kind === 'custom' && connectors.length === 0) return false;
    const statuses = await repo.findStatuses(this.deps.db, connectors.map((c) => c.id));
    let observed;
    try {
      observed = await this.deps.client.list(url);
    } catch (err) {
      if (!(err instanceof ConnectError)) throw err;
      if (this.deps.poolStarting?.(pool)) this.deps.logger.info({ poolId }, 'Connect pool not ready yet');
      else if (!this.unreachable.has(poolId)) this.deps.logger.warn({ poolId, err: err.message }, 'Connect pool unreachable');
      this.unreachable.add(poolId);
      for (const connector of connectors.filter((c) => !c.deletedAt)) await this.connectors.markUnreachable(connector, statuses.get(connector.id));
      return false;
    }
    if (this.unreachable.delete(poolId)) this.deps.logger.info({ poolId }, 'Connect pool reachable again');
    this.withTopicStatuses(poolId, observed);
    let changed = false;
    let late = false;
    // One list call answered for every connector; their steps run a few at a time (issue 13).
    await eachLimited(connectors, this.deps.concurrency ?? CONCURRENCY, async (connector) => {
      if (Date.now() > deadline) late = true;
      if (late) return;
      changed = await this.connectors.reconcile(url, pool, connector, observed.get(connector.id), statuses.get(connector.id)) || changed;
    });
    if (late) {
      this.deps.logger.warn({ poolId }, 'pool pass over its deadline; the remaining connectors wait for the next pass');
      return changed;
    }
    await this.handleStrangers(pool, url, new Set(connectors.map((c) => c.id)), [...observed.keys()]);
    return changed;
  }

  /** REST's observation with the status topic's newer states (both are Connect's own records). */
  private withTopicStatuses(poolId: string, observed: Map<string, EngineConnector>): void {
    const watcher = this.feeds.of(poolId);
    if (!watcher) return;
    for (const [name, engine] of observed) {
      if (engine.status) watcher.keepTasks(name, engine.status.tasks.map((t) => t.id));
      engine.status = mergeEngineStatus(engine.status, watcher.status(name));
    }
  }

  /** Statuses Connect just wrote to a pool's status topic, into the store at once. */
  private async observeFromTopic(pool: ConnectPool, engineNames: string[]): Promise<void> {
    const watcher = this.feeds.of(pool.id);
    // A pool that does not answer shows as such (markUnreachable): its last records say otherwise.
    if (!watcher || this.unreachable.has(pool.id)) return;
    // A pass under way may write a status it observed before these records: show them again after it.
    if (this.inFlight.has(pool.id)) {
      const reported = this.reportedDuringPass.get(pool.id) ?? new Set<string>();
      for (const name of engineNames) reported.add(name);
      this.reportedDuringPass.set(pool.id, reported);
    }
    const wanted = new Set(engineNames);
    const connectors = (await repo.listConnectorsOfPool(this.deps.db, pool.id)).filter((c) => wanted.has(c.id));
    const statuses = await repo.findStatuses(this.deps.db, connectors.map((c) => c.id));
    for (const connector of connectors) {
      const engine = watcher.status(connector.id);
      if (engine) await this.connectors.observe(connector, engine, statuses.get(connector.id));
    }
  }

  private observeLateReports(pool: ConnectPool): void {
    const reported = this.reportedDuringPass.get(pool.id);
    this.reportedDuringPass.delete(pool.id);
    if (!reported?.size) return;
    this.observeFromTopic(pool, [...reported]).catch((err: Error) => this.deps.logger.error({ err, poolId: pool.id }, 'status from the status topic not stored'));
  }

  /**
   * A connector the store does not know. A managed pool is Cirrus's own Connect, so it goes. On
   * an external Connect, Cirrus deletes only what it created there (connectors of the store);
   * anything else belongs to someone else and is left alone, and said once in the log.
   */
  private async handleStrangers(pool: ConnectPool, url: string, known: Set<string>, engineNames: string[]): Promise<void> {
    for (const name of engineNames) {
      if (known.has(name)) continue;
      if (pool.kind === 'external') {
        const key = `${pool.id}/${name}`;
        if (!this.strangers.has(key)) this.deps.logger.info({ poolId: pool.id, engineConnector: name }, 'leaving alone a connector Cirrus did not create on an external Connect');
        this.strangers.add(key);
        continue;
      }
      this.deps.logger.warn({ poolId: pool.id, engineConnector: name }, 'removing a connector the store does not know');
      await this.deps.client.delete(url, name).catch((err) => this.deps.logger.warn({ poolId: pool.id, err: (err as Error).message }, 'drift removal failed'));
    }
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
