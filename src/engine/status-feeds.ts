// One status-topic watcher per pool whose status topic Cirrus knows (the pools its data plane
// runs), kept in step with the store's pools by the reconciler's passes (issue 13). A pool on an
// external Connect has no known topic: its status comes from REST alone.
import type { Logger } from 'pino';
import type { ConnectPool } from '../core/cluster.ts';
import { StatusTopicWatcher, type StatusTopic } from './status-topic.ts';

export interface StatusFeedsDeps {
  /** Where a pool's Connect writes statuses; undefined: none known, REST polling only. */
  statusTopicOf?: (pool: ConnectPool) => StatusTopic | undefined;
  logger: Logger;
  onChange: (pool: ConnectPool, engineNames: string[]) => Promise<void>;
  /** Wait before reading a status topic again after it failed. */
  retryMs?: number;
}

export class StatusFeeds {
  private readonly watchers = new Map<string, { watcher: StatusTopicWatcher; where: string; pool: ConnectPool }>();
  /** Syncs run one after another, so a pool never gets two watchers. */
  private syncing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: StatusFeedsDeps) {}

  /** The watcher of a pool, when one runs. */
  of(poolId: string): StatusTopicWatcher | undefined {
    return this.watchers.get(poolId)?.watcher;
  }

  /** Starts watchers for pools that got a status topic, stops those of pools gone or moved. */
  sync(pools: ConnectPool[]): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncOnce(pools)).catch((err: Error) => this.deps.logger.error({ err }, 'status topic watchers not updated'));
    return this.syncing;
  }

  private async syncOnce(pools: ConnectPool[]): Promise<void> {
    const wanted = new Map<string, { pool: ConnectPool; topic: StatusTopic }>();
    for (const pool of pools) {
      const topic = this.deps.statusTopicOf?.(pool);
      if (topic) wanted.set(pool.id, { pool, topic });
    }
    for (const [poolId, { watcher, where }] of this.watchers) {
      const topic = wanted.get(poolId)?.topic;
      if (topic && where === describe(topic)) continue;
      this.watchers.delete(poolId);
      await watcher.stop();
    }
    for (const [poolId, { pool, topic }] of wanted) {
      if (this.watchers.has(poolId)) continue;
      const watcher = new StatusTopicWatcher({
        ...topic, poolId, logger: this.deps.logger, retryMs: this.deps.retryMs,
        onChange: (names) => this.deps.onChange(pool, names),
      });
      this.watchers.set(poolId, { watcher, where: describe(topic), pool });
      watcher.start();
    }
  }

  async stop(): Promise<void> {
    // A sync asked for before the stop finishes first; its watchers are stopped with the rest.
    await this.syncing;
    const all = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(all.map(({ watcher }) => watcher.stop()));
  }
}

function describe(topic: StatusTopic): string {
  return `${topic.bootstrapServers}/${topic.topic}`;
}
