// Keeps the embedded data plane equal to the store (C16, C18): a broker for every embedded
// cluster, its Connect pool once that broker is ready, and nothing for a cluster that is gone
// (pools stopped before their broker). Clusters created while the data plane is still being
// prepared are stored and started as soon as it is. One pass at a time; a pass never throws.
import type { Logger } from 'pino';
import type { ConnectPool, KafkaCluster } from '../core/cluster.ts';
import { listEmbeddedClusters, setBrokerPorts, storedPorts } from '../store/clusters.ts';
import type { Store } from '../store/database.ts';
import { setPoolPort } from '../store/pools.ts';
import type { ComponentHealth, DataPlane } from './data-plane.ts';

type EmbeddedCluster = { cluster: KafkaCluster; pool: ConnectPool };

export interface PlaneHealth {
  ready: boolean;
  /** `starting` until everything came up once; `degraded` when something that ran is down. */
  status: 'ready' | 'starting' | 'degraded';
  /** Why it is not ready, in words an operator can act on; no ids (anyone may read /health). */
  reason?: string;
  brokers: ComponentHealth[];
  pools: ComponentHealth[];
}

/** While anything is starting, look again soon; once all is steady, now and then. */
const BUSY_INTERVAL_MS = 500;
const STEADY_INTERVAL_MS = 5_000;

export class PoolManager {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private busy = false;

  constructor(private readonly db: Store, private readonly dataPlane: DataPlane, private readonly log: Logger) {}

  start(): void {
    this.stopped = false;
    this.poke();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Asks for a pass now (a cluster was created or deleted, the data plane got ready). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.converge().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.poke();
        return;
      }
      this.timer = setTimeout(() => this.poke(), this.busy ? BUSY_INTERVAL_MS : STEADY_INTERVAL_MS);
      this.timer.unref();
    });
  }

  async converge(): Promise<void> {
    try {
      await this.convergeOnce();
    } catch (err) {
      this.log.error({ err }, 'data plane pass failed');
    }
  }

  private async convergeOnce(): Promise<void> {
    const plane = this.dataPlane;
    if (!plane.embedded || !plane.prepared) {
      this.busy = plane.embedded;
      return;
    }
    const embedded = await this.withPorts(await listEmbeddedClusters(this.db));
    const wantedPools = new Set(embedded.map((e) => e.pool.id));
    const wantedBrokers = new Set(embedded.map((e) => e.cluster.id));
    // Pools of deleted clusters first, so workers leave while their broker still answers.
    for (const poolId of plane.pools().keys()) {
      if (!wantedPools.has(poolId)) await plane.stopPool(poolId);
    }
    for (const clusterId of plane.brokers().keys()) {
      if (!wantedBrokers.has(clusterId)) await plane.retireBroker(clusterId);
    }
    for (const { cluster, pool } of embedded) {
      plane.ensureBroker({ clusterId: cluster.id, ports: cluster.brokerPorts });
      // A worker started before its broker answers dies at boot; wait for the broker.
      if (plane.brokers().get(cluster.id)?.state === 'ready' || plane.pools().has(pool.id)) {
        plane.ensurePool({ poolId: pool.id, bootstrapServers: plane.brokerAddress(cluster.brokerPorts), port: pool.port });
      }
    }
    this.busy = !this.summarize(embedded).ready;
  }

  /**
   * Only the bootstrap cluster (the oldest) may follow the settings' ports. A cluster made by an
   * older Cirrus, when clusters shared one broker, gets ports of its own here, once.
   */
  private async withPorts(embedded: EmbeddedCluster[]): Promise<EmbeddedCluster[]> {
    const legacy = embedded.slice(1).filter((e) => !e.cluster.brokerPorts || e.pool.port === undefined);
    for (const { cluster, pool } of legacy) {
      const [broker, controller, port] = await this.dataPlane.freePorts(3, await storedPorts(this.db));
      await this.db.transaction().execute(async (tx) => {
        await setBrokerPorts(tx, cluster.id, { broker: broker!, controller: controller! });
        await setPoolPort(tx, pool.id, port!);
      });
      this.log.info({ clusterId: cluster.id }, 'cluster moved to a broker of its own');
    }
    return legacy.length > 0 ? listEmbeddedClusters(this.db) : embedded;
  }

  /** Ready when every broker and pool that should run is ready; 503 with the reason until then. */
  async health(): Promise<PlaneHealth> {
    if (!this.dataPlane.embedded) return { ready: true, status: 'ready', brokers: [], pools: [] };
    return this.summarize(await listEmbeddedClusters(this.db));
  }

  private summarize(embedded: EmbeddedCluster[]): PlaneHealth {
    const stopped: ComponentHealth = { state: 'stopped', restarts: 0 };
    const brokers = embedded.map((e) => this.dataPlane.brokers().get(e.cluster.id) ?? stopped);
    const pools = embedded.map((e) => this.dataPlane.pools().get(e.pool.id) ?? stopped);
    const waiting = [...brokers.map((b) => ['broker', b] as const), ...pools.map((p) => ['Connect pool', p] as const)]
      .filter(([, c]) => c.state !== 'ready');
    if (!this.dataPlane.prepared) {
      return { ready: false, status: 'starting', reason: 'the data plane is starting (installing the runtime, cleaning up)', brokers, pools };
    }
    if (waiting.length === 0) return { ready: true, status: 'ready', brokers, pools };
    // Process errors name files and ids; they go to the log, not to this anonymous answer.
    const reason = waiting.map(([what, c]) => `a ${what} is ${c.state}`).join('; ');
    const starting = waiting.every(([, c]) => (c.state === 'starting' || c.state === 'stopped') && c.restarts === 0);
    return { ready: false, status: starting ? 'starting' : 'degraded', reason, brokers, pools };
  }

  /** cmk/v2 `status.phase`: an embedded cluster is provisioned once its broker and pool are ready. */
  clusterPhase(cluster: Pick<KafkaCluster, 'id' | 'kind' | 'connectPoolId'>): 'PROVISIONING' | 'PROVISIONED' {
    if (cluster.kind === 'external') return 'PROVISIONED';
    const ready = this.dataPlane.brokers().get(cluster.id)?.state === 'ready' && this.dataPlane.pools().get(cluster.connectPoolId)?.state === 'ready';
    return ready ? 'PROVISIONED' : 'PROVISIONING';
  }

  /** Resolves once everything that should run is ready; `cancelled` ends the wait early. */
  async waitReady(timeoutMs: number, cancelled: () => boolean = () => false): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const health = await this.health();
      if (health.ready || cancelled()) return;
      if (Date.now() > deadline) throw new Error(`the data plane was not ready within ${Math.round(timeoutMs / 1000)} s: ${health.reason}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
