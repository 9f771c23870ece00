// The embedded data plane: one Kafka broker and the managed Connect pools, as supervised JVMs.
// Start order is broker then pools; stop order the reverse, so workers can commit offsets.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { ConnectPools, DataPlaneHealth } from '../engine/pools.ts';
import { brokerBootstrap, brokerSpec, canConnect } from './broker.ts';
import { poolRestUrl, poolSpec } from './connect-pool.ts';
import { writeLog4j2Config } from './jvm-files.ts';
import { ensureJvmRuntime } from './jvm-runtime.ts';
import { killLeftover, SupervisedProcess } from './supervised-process.ts';

type DataPlaneConfig = Pick<Config, 'home' | 'java' | 'jvmDir' | 'broker' | 'connect' | 'supervisor'>;

export class LocalDataPlane implements ConnectPools {
  private broker: SupervisedProcess | undefined;
  private readonly pools = new Map<string, { process: SupervisedProcess; port: number }>();
  private runtime: { classpath: string; pluginPath: string; log4jConfig: string } | undefined;
  /** Set by stop(): a start still under way launches nothing more. */
  private stopped = false;

  constructor(private readonly config: DataPlaneConfig, private readonly log: Logger) {}

  get embeddedKafkaBootstrap(): string {
    return brokerBootstrap(this.config.broker);
  }

  /** Starts the broker and the given managed pools, and waits until all of them are ready. */
  async start(managedPoolIds: string[], say: (line: string) => void = () => {}): Promise<void> {
    const { home } = this.config;
    for (const dir of ['logs', 'run', 'kafka', 'connect', 'config']) fs.mkdirSync(path.join(home, dir), { recursive: true });
    // JVMs an earlier control plane left behind (it died without stopping them) go first.
    const runDir = path.join(home, 'run');
    for (const file of fs.readdirSync(runDir)) await killLeftover(path.join(runDir, file), home);
    await this.refuseTakenPorts(managedPoolIds.length);
    const runtime = await ensureJvmRuntime(this.config.jvmDir, say);
    const log4jConfig = path.join(home, 'config', 'log4j2.properties');
    writeLog4j2Config(log4jConfig);
    const common = { home, java: this.config.java, classpath: runtime.classpath, log4jConfig };

    if (this.stopped) return;
    const brokerProcess = new SupervisedProcess(brokerSpec({ ...common, ...this.config.broker }), this.config.supervisor, this.log);
    this.broker = brokerProcess;
    await brokerProcess.start();
    say(`Starting Kafka broker on ${this.embeddedKafkaBootstrap}...`);
    await brokerProcess.waitReady(this.config.supervisor.readyTimeoutMs, () => this.stopped);

    this.runtime = { classpath: runtime.classpath, pluginPath: runtime.pluginPath, log4jConfig };
    managedPoolIds.forEach((poolId, index) => this.definePool(poolId, this.config.connect.port + index));
    for (const [poolId, pool] of this.pools) {
      if (this.stopped) return;
      await pool.process.start();
      say(`Starting Kafka Connect pool ${poolId} on ${poolRestUrl(pool.port)}...`);
    }
    for (const pool of this.pools.values()) await pool.process.waitReady(this.config.supervisor.readyTimeoutMs, () => this.stopped);
  }

  /** A port someone else holds would make a JVM die and restart forever: say so at once. */
  private async refuseTakenPorts(pools: number): Promise<void> {
    const wanted: [string, number][] = [
      ['CIRRUS_BROKER_PORT', this.config.broker.port], ['CIRRUS_CONTROLLER_PORT', this.config.broker.controllerPort],
      ...[...Array(pools).keys()].map((i): [string, number] => [i === 0 ? 'CIRRUS_CONNECT_PORT' : `CIRRUS_CONNECT_PORT + ${i}`, this.config.connect.port + i]),
    ];
    for (const [setting, port] of wanted) {
      if (await canConnect(port)) throw new Error(`port ${port} (${setting}) is already in use, perhaps by another Cirrus; choose another with ${setting.split(' ')[0]}`);
    }
  }

  private definePool(poolId: string, port: number): SupervisedProcess {
    const r = this.runtime!;
    const spec = poolSpec({
      home: this.config.home, java: this.config.java, classpath: r.classpath, log4jConfig: r.log4jConfig, poolId, port,
      pluginPath: r.pluginPath, heap: this.config.connect.heap, bootstrapServers: this.embeddedKafkaBootstrap,
    });
    const process = new SupervisedProcess(spec, this.config.supervisor, this.log);
    this.pools.set(poolId, { process, port });
    return process;
  }

  /** A new cluster on the embedded broker gets its own pool, on the next free port after the others. */
  async addManagedPool(poolId: string): Promise<void> {
    if (!this.runtime) throw new Error('the embedded data plane is not running');
    const port = Math.max(this.config.connect.port - 1, ...[...this.pools.values()].map((p) => p.port)) + 1;
    await this.definePool(poolId, port).start();
  }

  async removeManagedPool(poolId: string): Promise<void> {
    await this.pools.get(poolId)?.process.stop();
    this.pools.delete(poolId);
  }

  /** Stops one pool (it stays down until startPool); the broker and other pools keep running. */
  async stopPool(poolId: string): Promise<void> {
    await this.pools.get(poolId)?.process.stop();
  }

  async startPool(poolId: string): Promise<void> {
    const pool = this.pools.get(poolId);
    if (!pool) throw new Error(`no pool ${poolId}`);
    await pool.process.start();
    await pool.process.waitReady(this.config.supervisor.readyTimeoutMs, () => this.stopped);
  }

  restUrl(poolId: string): string | undefined {
    const pool = this.pools.get(poolId);
    return pool ? poolRestUrl(pool.port) : undefined;
  }

  /** Pids of the running JVMs, by process name (for tests and diagnostics). */
  pids(): Record<string, number | undefined> {
    const out: Record<string, number | undefined> = { broker: this.broker?.pid };
    for (const [poolId, pool] of this.pools) out[poolId] = pool.process.pid;
    return out;
  }

  health(): DataPlaneHealth {
    const view = (p: SupervisedProcess) => ({ state: p.state, restarts: p.restarts });
    return {
      broker: this.broker ? view(this.broker) : null,
      pools: Object.fromEntries([...this.pools].map(([id, pool]) => [id, view(pool.process)])),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.pools.values()].map((pool) => pool.process.stop()));
    await this.broker?.stop();
  }
}
