// Keeps the embedded data plane equal to the store (C16, C18): a broker for every embedded
// cluster, its Connect pool once that broker is ready, and nothing for a cluster that is gone
// (pools stopped before their broker). Clusters created while the data plane is still being
// prepared are stored and started as soon as it is. One pass at a time; a pass never throws.
import type { Logger } from 'pino';
import type { ConnectPool, KafkaCluster } from '../core/cluster.ts';
import { findKafkaCluster, listEmbeddedClusters, setBrokerPorts, storedPorts } from '../store/clusters.ts';
import type { Store } from '../store/database.ts';
import { findVersionsByIds } from '../store/plugins.ts';
import { listWantedCustomPools, setPoolPort } from '../store/pools.ts';
import type { Addresses } from './addresses.ts';
import type { ComponentHealth, DataPlane, PoolSpec } from './data-plane.ts';

type EmbeddedCluster = { cluster: KafkaCluster; pool: ConnectPool };

/** A pool that should run: how to start it, and the embedded broker it must wait for (if any). */
interface WantedPool {
  spec: PoolSpec;
  brokerOf: string | undefined;
}

interface Desired {
  brokers: KafkaCluster[];
  pools: WantedPool[];
}

export interface PoolManagerDeps {
  db: Store;
  dataPlane: DataPlane;
  addresses: Addresses;
  /** The plugin.path of a custom plugin version's pool: its unpacked archive (by sha256). */
  pluginPathOf: (sha256: string) => string;
  /** A pool just became ready: connectors waiting for it need not wait for the next pass. */
  onPoolReady?: () => void;
  log: Logger;
}

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
  /** Pools ready at the last pass, to notice one that became ready. */
  private readyPools = new Set<string>();

  private readonly db: Store;
  private readonly dataPlane: DataPlane;
  private readonly log: Logger;

  constructor(private readonly deps: PoolManagerDeps) {
    ({ db: this.db, dataPlane: this.dataPlane, log: this.log } = deps);
    // A broker that became ready lets its pools start now, not at the next look (≤ 500 ms later:
    // a cold npm start waited for it between the broker and Connect, issue 13).
    this.dataPlane.onComponentReady?.(() => this.poke());
  }

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
    const desired = await this.desired(true);
    const wantedPools = new Set(desired.pools.map((p) => p.spec.poolId));
    const wantedBrokers = new Set(desired.brokers.map((c) => c.id));
    // Pools no longer wanted first, so workers leave while their broker still answers.
    for (const poolId of plane.pools().keys()) {
      if (!wantedPools.has(poolId)) await plane.stopPool(poolId);
    }
    for (const clusterId of plane.brokers().keys()) {
      if (!wantedBrokers.has(clusterId)) await plane.retireBroker(clusterId);
    }
    for (const cluster of desired.brokers) plane.ensureBroker({ clusterId: cluster.id, ports: cluster.brokerPorts });
    for (const { spec, brokerOf } of desired.pools) {
      // A worker started before its broker answers dies at boot; wait for the broker.
      if (!brokerOf || plane.brokers().get(brokerOf)?.state === 'ready' || plane.pools().has(spec.poolId)) plane.ensurePool(spec);
    }
    this.busy = !this.summarize(desired).ready;
    this.noticeReadyPools(desired);
  }

  private noticeReadyPools(desired: Desired): void {
    const ready = new Set(desired.pools.map((p) => p.spec.poolId).filter((id) => this.dataPlane.pools().get(id)?.state === 'ready'));
    const fresh = [...ready].some((id) => !this.readyPools.has(id));
    this.readyPools = ready;
    if (fresh) this.deps.onPoolReady?.();
  }

  /**
   * What should run: a broker and a managed pool for every embedded cluster, and each custom
   * pool some connector runs in (on its cluster's broker, or an external cluster's servers).
   */
  private async desired(upgrade = false): Promise<Desired> {
    const listed = await listEmbeddedClusters(this.db);
    const embedded = upgrade ? await this.withPorts(listed) : listed;
    const plane = this.dataPlane;
    const pools: WantedPool[] = embedded.map(({ cluster, pool }) => ({
      spec: { poolId: pool.id, bootstrapServers: plane.brokerAddress(cluster.brokerPorts), port: pool.port }, brokerOf: cluster.id,
    }));
    const custom = await listWantedCustomPools(this.db);
    const versions = await findVersionsByIds(this.db, custom.flatMap((p) => (p.pluginVersionId ? [p.pluginVersionId] : [])));
    for (const pool of custom) {
      const cluster = pool.kafkaClusterId ? await findKafkaCluster(this.db, pool.kafkaClusterId) : undefined;
      const version = pool.pluginVersionId ? versions.get(pool.pluginVersionId) : undefined;
      if (!cluster || !version?.archiveSha256) continue;
      pools.push({
        spec: {
          poolId: pool.id, bootstrapServers: this.deps.addresses.bootstrapServers(cluster), port: pool.port,
          pluginPath: this.deps.pluginPathOf(version.archiveSha256), discovery: version.serviceManifests ? 'service_load' : 'hybrid_warn',
        },
        brokerOf: cluster.kind === 'embedded' ? cluster.id : undefined,
      });
    }
    return { brokers: embedded.map((e) => e.cluster), pools };
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
    return this.summarize(await this.desired());
  }

  private summarize(desired: Desired): PlaneHealth {
    const stopped: ComponentHealth = { state: 'stopped', restarts: 0 };
    const brokers = desired.brokers.map((c) => this.dataPlane.brokers().get(c.id) ?? stopped);
    const pools = desired.pools.map((p) => this.dataPlane.pools().get(p.spec.poolId) ?? stopped);
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
