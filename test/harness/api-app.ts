// The HTTP app on a real socket with a temporary SQLite store and a bootstrapped identity.
// `stack` decides what the reconciler reaches: no Connect at all (fast API tests, C19),
// or the real shared Kafka + Connect stack (integration tests).
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import path from 'node:path';
import pino from 'pino';
import { buildControlPlane, type ControlPlane } from '../../src/control-plane.ts';
import type { ConnectClient } from '../../src/engine/connect-client.ts';
import type { AuthFailureLimitSettings } from '../../src/http/plugins/auth-failure-limit.ts';
import type { RateLimitSettings } from '../../src/http/plugins/rate-limit.ts';
import type { BrokerPorts, BrokerSpec, ComponentHealth, DataPlane, PoolSpec } from '../../src/engine/data-plane.ts';
import { ensureBootstrap, type BootstrapInfo } from '../../src/services/bootstrap.ts';
import { loadMasterKey } from '../../src/services/master-key.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { tempHome, type StackInfo } from './stack.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { SelfMetrics } from '../../src/services/self-metrics.ts';
import type { ObjectsSettings } from '../../src/objects/create.ts';
import type { ArchiveInspector } from '../../src/services/plugin-artifacts.ts';
import { FakeArchiveInspector } from './fake-plugins.ts';
import type { StatusTopic } from '../../src/engine/status-topic.ts';
import { poolTopic } from '../../src/supervisor/connect-pool.ts';

/**
 * A data plane that starts nothing: every broker and pool asked for is "ready" at once (fast API
 * tests, C19). `urls` points pools at a real Connect (the shared stack) when a test needs one.
 */
export class FakeDataPlane implements DataPlane {
  /** Tests set it false to act before the runtime is installed (a first start). */
  prepared = true;
  readonly urls: Record<string, string> = {};
  /** Pools' metrics agents (issue 12): the stack's, when a test runs on it. */
  readonly metricsUrls: Record<string, string> = {};
  /** What each broker and pool reports; tests set a state to see how Cirrus answers. */
  readonly brokerStates = new Map<string, ComponentHealth>();
  readonly poolStates = new Map<string, ComponentHealth>();
  /** Pools' status topics (issue 13): the stack's, when a test runs on it; a test may point one elsewhere. */
  readonly statusTopics: Record<string, StatusTopic> = {};
  /** Pool log files (connector logs, issue 11): a test writes one, or points at the stack's. */
  readonly logFiles: Record<string, string> = {};
  private nextPort = 40_000;
  /** `secretsDir`: where connector secrets are written, as the pools' config provider reads them. */
  constructor(readonly bootstrap = '127.0.0.1:9', readonly embedded = true, readonly secretsDir?: string) {}
  poolLogFile(poolId: string): string | undefined {
    return this.logFiles[poolId];
  }
  brokerAddress(ports?: BrokerPorts): string {
    return ports ? `127.0.0.1:${ports.broker}` : this.bootstrap;
  }
  poolStatusTopic(poolId: string): StatusTopic | undefined {
    return this.statusTopics[poolId];
  }
  poolMetricsUrl(poolId: string): string | undefined {
    return this.metricsUrls[poolId];
  }
  poolUrl(pool: { id: string; port?: number }): string {
    return this.urls[pool.id] ?? 'http://127.0.0.1:9';
  }
  async freePorts(count: number, exclude: ReadonlySet<number>): Promise<number[]> {
    const out: number[] = [];
    while (out.length < count) if (!exclude.has(++this.nextPort)) out.push(this.nextPort);
    return out;
  }
  ensureBroker(spec: BrokerSpec): void {
    if (!this.brokerStates.has(spec.clusterId)) this.brokerStates.set(spec.clusterId, { state: 'ready', restarts: 0 });
  }
  ensurePool(spec: PoolSpec): void {
    if (!this.poolStates.has(spec.poolId)) this.poolStates.set(spec.poolId, { state: 'ready', restarts: 0 });
  }
  async stopPool(poolId: string): Promise<void> {
    this.poolStates.delete(poolId);
  }
  async retireBroker(clusterId: string): Promise<void> {
    this.brokerStates.delete(clusterId);
  }
  brokers(): ReadonlyMap<string, ComponentHealth> {
    return this.brokerStates;
  }
  pools(): ReadonlyMap<string, ComponentHealth> {
    return this.poolStates;
  }
}

export interface ApiApp {
  url: string;
  home: string;
  logFile: string;
  app: FastifyInstance;
  db: Store;
  dataPlane: FakeDataPlane;
  controlPlane: ControlPlane;
  bootstrap: BootstrapInfo;
  /** The archive inspector in use: a FakeArchiveInspector unless the options gave one. */
  inspector: ArchiveInspector;
  close(): Promise<void>;
}

export interface ApiAppOptions {
  /** Run connectors on this real stack (its pool serves every cluster of the store). */
  stack?: StackInfo;
  /** Reuse a home (and so the store) of an earlier app: a restart. */
  home?: string;
  /** Leave the reconciler stopped (the store still takes every change). */
  reconcile?: boolean;
  connectClient?: ConnectClient;
  /** Off unless given: tests and benchmarks send bursts on purpose. */
  rateLimit?: RateLimitSettings;
  /** Off unless given, like rateLimit. */
  authFailureLimit?: AuthFailureLimitSettings;
  unauthenticatedForBenchmark?: boolean;
  /** false: an installation that runs no JVMs (CIRRUS_EMBEDDED=false). */
  embedded?: boolean;
  /** The control plane's clock (upload grants expire by it). */
  now?: () => Date;
  /** The artifact store; the local one under `<home>/objects` with the default limit unless given. */
  objects?: { settings?: Partial<ObjectsSettings>; maxBytes?: number };
  /** Custom plugin pools running at once (CIRRUS_MAX_CUSTOM_POOLS); the default unless given. */
  maxCustomPools?: number;
  /** CIRRUS_EGRESS_LOOPBACK: managed connectors may call HTTP endpoints on loopback (test receivers, moto). */
  allowLoopbackEgress?: boolean;
  /** How plugin archives are checked; a FakeArchiveInspector (no JVM) unless given. */
  archiveInspector?: (home: string) => ArchiveInspector;
  /** Waits before automatic restarts (issue 11); the settings' defaults unless given. */
  autoRestart?: { baseMs: number; maxMs: number };
  /** Where the reconciler reads the stack pool's statuses (issue 13); the stack pool's own topic unless given; false: REST polling only. */
  statusTopic?: StatusTopic | false;
  /** How often the reconciler polls Connect's REST API; 500 ms unless given. */
  reconcileIntervalMs?: number;
  /** Connectors of a pool reconciled at once; the reconciler's default unless given. */
  reconcileConcurrency?: number;
  /** Kysely plugins for the store (a store that answers later, test/harness/slow-store.ts). */
  storePlugins?: KyselyPlugin[];
  /** Metrics settings (issue 12): scraping, retention, GET /metrics access; the defaults unless given. */
  metrics?: Partial<Config['metrics']>;
}

export async function startApiApp(options: ApiAppOptions = {}): Promise<ApiApp> {
  const home = options.home ?? await tempHome('api');
  const logFile = path.join(home, 'api.log');
  const logger = pino({ level: 'trace' }, pino.destination({ dest: logFile, sync: true, append: true }));
  const selfMetrics = new SelfMetrics(() => ({ brokers: dataPlane.brokers(), pools: dataPlane.pools() }));
  const db = await openStore(path.join(home, 'cirrus.db'), { onQuery: selfMetrics.observeQuery, plugins: options.storePlugins });
  // With a stack, its pool reads secrets from the stack's home, where its config provider may.
  const secretsDir = path.join(options.stack?.home ?? home, 'secrets');
  const dataPlane = new FakeDataPlane(options.stack?.bootstrapServers, options.embedded ?? true, secretsDir);
  const inspector = options.archiveInspector?.(home) ?? new FakeArchiveInspector(home);
  const controlPlane = await buildControlPlane({
    archiveInspector: inspector, maxCustomPools: options.maxCustomPools, allowLoopbackEgress: options.allowLoopbackEgress, db, masterKey: loadMasterKey(home, undefined), dataPlane, logger, reconcileIntervalMs: options.reconcileIntervalMs ?? 500, reconcileConcurrency: options.reconcileConcurrency, connectClient: options.connectClient, rateLimit: options.rateLimit,
    authFailureLimit: options.authFailureLimit,
    auditFile: path.join(home, 'audit.log'), unauthenticatedForBenchmark: options.unauthenticatedForBenchmark, now: options.now,
    objects: objectsOf(home, options.objects), autoRestart: options.autoRestart, selfMetrics,
    metrics: { ...loadConfig({}, []).metrics, ...options.metrics },
  });
  const { app } = controlPlane;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const bootstrap = await ensureBootstrap({ db, secrets: controlPlane.secrets, home, endpoint: url, kafkaBootstrapServers: dataPlane.brokerAddress(), now: () => new Date() });
  // The stack's pool serves the bootstrap cluster, as the supervisor's pool does for npm start.
  if (options.stack) {
    dataPlane.urls[bootstrap.connect_pool_id] = options.stack.connectUrl;
    if (options.stack.metricsUrl) dataPlane.metricsUrls[bootstrap.connect_pool_id] = options.stack.metricsUrl;
    dataPlane.logFiles[bootstrap.connect_pool_id] = path.join(options.stack.home, 'logs', `connect-${options.stack.poolId}.log`);
    const statusTopic = options.statusTopic ?? { bootstrapServers: options.stack.bootstrapServers, topic: poolTopic(options.stack.poolId, 'status') };
    if (statusTopic) dataPlane.statusTopics[bootstrap.connect_pool_id] = statusTopic;
  }
  await controlPlane.poolManager.converge();
  controlPlane.poolManager.start();
  if (options.reconcile !== false && options.stack) controlPlane.reconciler.start();
  return {
    url, home, logFile, app, db, dataPlane, controlPlane, bootstrap, inspector,
    close: async () => {
      await app.close();
      await controlPlane.reconciler.stop();
      await controlPlane.poolManager.stop();
      await db.destroy();
    },
  };
}

export const basicAuth = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

function objectsOf(home: string, given: ApiAppOptions['objects']) {
  const defaults = loadConfig({}, []);
  return {
    settings: { ...defaults.objects, ...given?.settings }, directory: path.join(home, 'objects'),
    maxBytes: given?.maxBytes ?? defaults.uploads.maxBytes,
  };
}
