// The embedded data plane: Kafka brokers (one per embedded cluster) and Connect pools, as
// supervised JVMs on loopback. It starts what the pool manager asks for and reports how far each
// got; it never decides what should run. Stop order is pools, then brokers, so workers can
// commit their offsets.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { BrokerPorts, BrokerSpec, ComponentHealth, DataPlane, PoolSpec } from '../engine/data-plane.ts';
import type { StatusTopic } from '../engine/status-topic.ts';
import { brokerBootstrap, brokerDir, brokerSpec, canConnect } from './broker.ts';
import { poolRestUrl, poolSpec, poolTopic } from './connect-pool.ts';
import { writeLog4j2Config } from './jvm-files.ts';
import { metricsAgentUrl, writeMetricsAgentConfig } from './metrics-agent.ts';
import { freeLoopbackPort } from './free-port.ts';
import { ensureJvmRuntime } from './jvm-runtime.ts';
import { killLeftover, SupervisedProcess } from './supervised-process.ts';

type DataPlaneConfig = Pick<Config, 'home' | 'java' | 'jvmDir' | 'broker' | 'connect' | 'supervisor' | 'embedded'>;

interface Runtime {
  classpath: string;
  pluginPath: string;
  log4jConfig: string;
  metricsAgent: { jar: string; configFile: string };
}

/** The runtime's plugin folder of jvm/schema-converters. */
const CONVERTERS_PLUGIN = 'cirrus-schema-converters';

export class LocalDataPlane implements DataPlane {
  private readonly brokerProcesses = new Map<string, { process: SupervisedProcess; own: boolean }>();
  private readonly poolProcesses = new Map<string, SupervisedProcess>();
  /** The cluster each started pool keeps its internal topics on. */
  private readonly poolBootstraps = new Map<string, string>();
  /**
   * Each pool's metrics agent port, chosen at its first start and kept while it stays free, so a
   * restarted pool is scraped where it was. Memory is enough: a new control plane kills the old
   * one's JVMs (prepare) and starts every pool afresh.
   */
  private readonly metricsPorts = new Map<string, number>();
  private readonly readyListeners: (() => void)[] = [];
  private readonly componentReady = () => {
    for (const listener of this.readyListeners) listener();
  };
  private runtime: Runtime | undefined;
  /** Set by stop(): nothing starts any more. */
  private stopped = false;
  /** Aborted by stop(): ends a Maven install of the runtime under way. */
  private readonly stopping = new AbortController();

  constructor(private readonly config: DataPlaneConfig, private readonly log: Logger) {}

  onComponentReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  get embedded(): boolean {
    return this.config.embedded;
  }

  get secretsDir(): string {
    return path.join(this.config.home, 'secrets');
  }

  get prepared(): boolean {
    return this.runtime !== undefined && !this.stopped;
  }

  /**
   * Gets ready to run JVMs: leftovers of a control plane that died go first, the installation's
   * own ports must be free, and the runtime is built by Maven when missing (its downloads are the
   * progress a user sees).
   */
  async prepare(say: (line: string) => void = () => {}): Promise<void> {
    const { home } = this.config;
    for (const dir of ['logs', 'run', 'kafka', 'connect', 'config']) fs.mkdirSync(path.join(home, dir), { recursive: true });
    fs.mkdirSync(this.secretsDir, { recursive: true, mode: 0o700 });
    const runDir = path.join(home, 'run');
    for (const file of fs.readdirSync(runDir)) await killLeftover(path.join(runDir, file), home);
    await this.refuseTakenPorts();
    const runtime = await ensureJvmRuntime(this.config.jvmDir, say, this.stopping.signal);
    const log4jConfig = path.join(home, 'config', 'log4j2.properties');
    writeLog4j2Config(log4jConfig);
    const metricsConfig = path.join(home, 'config', 'metrics-agent.json');
    writeMetricsAgentConfig(metricsConfig);
    if (!this.stopped) {
      this.runtime = {
        classpath: runtime.classpath, pluginPath: runtime.pluginPath, log4jConfig, metricsAgent: { jar: runtime.metricsAgent, configFile: metricsConfig },
      };
    }
  }

  /** A port someone else holds would make a JVM die and restart forever: say so at once. */
  private async refuseTakenPorts(): Promise<void> {
    const wanted: [string, number][] = [
      ['CIRRUS_BROKER_PORT', this.config.broker.port], ['CIRRUS_CONTROLLER_PORT', this.config.broker.controllerPort],
      ['CIRRUS_CONNECT_PORT', this.config.connect.port],
    ];
    for (const [setting, port] of wanted) {
      if (await canConnect(port)) throw new Error(`port ${port} (${setting}) is already in use, perhaps by another Cirrus; choose another with ${setting}`);
    }
  }

  poolLogFile(poolId: string): string {
    return path.join(this.config.home, 'logs', `connect-${poolId}.log`);
  }

  brokerAddress(ports?: BrokerPorts): string {
    return brokerBootstrap({ port: ports?.broker ?? this.config.broker.port });
  }

  poolUrl(pool: { id: string; port?: number }): string {
    return poolRestUrl(pool.port ?? this.config.connect.port);
  }

  async freePorts(count: number, exclude: ReadonlySet<number>): Promise<number[]> {
    const own = [this.config.broker.port, this.config.broker.controllerPort, this.config.connect.port];
    const taken = new Set([...exclude, ...own]);
    const ports: number[] = [];
    while (ports.length < count) {
      const port = await freeLoopbackPort();
      if (!taken.has(port)) {
        taken.add(port);
        ports.push(port);
      }
    }
    return ports;
  }

  ensureBroker(spec: BrokerSpec): void {
    const r = this.runtime;
    if (!r || this.stopped || this.brokerProcesses.has(spec.clusterId)) return;
    const ports = spec.ports ?? { broker: this.config.broker.port, controller: this.config.broker.controllerPort };
    const process = new SupervisedProcess(brokerSpec({
      home: this.config.home, java: this.config.java, classpath: r.classpath, log4jConfig: r.log4jConfig, heap: this.config.broker.heap,
      port: ports.broker, controllerPort: ports.controller, clusterId: spec.ports ? spec.clusterId : undefined,
    }), this.config.supervisor, this.log, this.componentReady);
    this.brokerProcesses.set(spec.clusterId, { process, own: spec.ports !== undefined });
    void process.start();
  }

  ensurePool(spec: PoolSpec): void {
    const r = this.runtime;
    if (!r || this.stopped || this.poolProcesses.has(spec.poolId)) return;
    const process = new SupervisedProcess(poolSpec({
      home: this.config.home, java: this.config.java, classpath: r.classpath, log4jConfig: r.log4jConfig,
      poolId: spec.poolId, port: spec.port ?? this.config.connect.port, heap: this.config.connect.heap, bootstrapServers: spec.bootstrapServers,
      pluginPath: spec.pluginPath ? `${spec.pluginPath},${this.converterPluginPath(r.pluginPath)}` : r.pluginPath, discovery: spec.discovery ?? 'service_load', secretsDir: this.secretsDir,
      metrics: { ...r.metricsAgent, choosePort: () => this.metricsPort(spec.poolId) },
    }), this.config.supervisor, this.log, this.componentReady);
    this.poolProcesses.set(spec.poolId, process);
    this.poolBootstraps.set(spec.poolId, spec.bootstrapServers);
    void process.start();
  }

  /**
   * A plugin.path entry holding only our registry converters (a link into the runtime's
   * plugins), for custom pools: their connectors may name them (or Confluent's, which Cirrus maps
   * to them) without the managed connectors coming along.
   */
  private converterPluginPath(runtimePlugins: string): string {
    const dir = path.join(this.config.home, 'converter-plugins');
    const link = path.join(dir, CONVERTERS_PLUGIN);
    if (!fs.existsSync(link)) {
      fs.mkdirSync(dir, { recursive: true });
      fs.symlinkSync(path.join(runtimePlugins, CONVERTERS_PLUGIN), link, 'dir');
    }
    return dir;
  }

  poolStatusTopic(poolId: string): StatusTopic | undefined {
    const bootstrapServers = this.poolBootstraps.get(poolId);
    return bootstrapServers === undefined ? undefined : { bootstrapServers, topic: poolTopic(poolId, 'status') };
  }

  /** Where a pool's metrics agent serves, once the pool was started. */
  poolMetricsUrl(poolId: string): string | undefined {
    const port = this.metricsPorts.get(poolId);
    return port === undefined ? undefined : metricsAgentUrl(port);
  }

  private async metricsPort(poolId: string): Promise<number> {
    const kept = this.metricsPorts.get(poolId);
    if (kept !== undefined && !(await canConnect(kept))) return kept;
    const [port] = await this.freePorts(1, new Set(this.metricsPorts.values()));
    this.metricsPorts.set(poolId, port!);
    return port!;
  }

  async stopPool(poolId: string): Promise<void> {
    await this.poolProcesses.get(poolId)?.stop();
    this.poolProcesses.delete(poolId);
    this.poolBootstraps.delete(poolId);
  }

  async retireBroker(clusterId: string): Promise<void> {
    const broker = this.brokerProcesses.get(clusterId);
    if (!broker) return;
    await broker.process.stop();
    this.brokerProcesses.delete(clusterId);
    // A deleted cluster's records go with it; the installation's own broker keeps its data.
    if (broker.own) fs.rmSync(path.dirname(brokerDir(this.config.home, clusterId)), { recursive: true, force: true });
  }

  brokers(): ReadonlyMap<string, ComponentHealth> {
    return new Map([...this.brokerProcesses].map(([id, b]) => [id, view(b.process)]));
  }

  pools(): ReadonlyMap<string, ComponentHealth> {
    return new Map([...this.poolProcesses].map(([id, p]) => [id, view(p)]));
  }

  /** Pids of the running JVMs by process name (`broker`, `broker-<cluster>`, `connect-<pool>`), for tests and diagnostics. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.brokerProcesses.values()].map((b) => b.process).concat([...this.poolProcesses.values()]).map((p) => [p.name, p.pid]));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await Promise.all([...this.poolProcesses.values()].map((p) => p.stop()));
    await Promise.all([...this.brokerProcesses.values()].map((b) => b.process.stop()));
  }
}

function view(p: SupervisedProcess): ComponentHealth {
  return { state: p.state, restarts: p.restarts, ...(p.lastError ? { lastError: p.lastError } : {}) };
}
