// The composition root: builds the services, the reconciler, the pool manager and the HTTP app
// from a store, a master key and the data plane. main.ts and the tests build Cirrus the same way
// (C7).
import { schemaRegistryServices } from './services/schema-registry/index.ts';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Addresses } from './engine/addresses.ts';
import type { ConnectorReconcilerDeps } from './engine/connector-reconciler.ts';
import { RestConnectClient, type ConnectClient } from './engine/connect-client.ts';
import type { DataPlane } from './engine/data-plane.ts';
import { MetricsScraper } from './engine/metrics-scraper.ts';
import { PoolManager } from './engine/pool-manager.ts';
import { Reconciler } from './engine/reconciler.ts';
import { loadConfig, type Config } from './config.ts';
import { buildApp } from './http/app.ts';
import type { AuthFailureLimitSettings } from './http/plugins/auth-failure-limit.ts';
import type { RateLimitSettings } from './http/plugins/rate-limit.ts';
import { ApiKeySecrets } from './services/api-key-secrets.ts';
import { Authenticator } from './services/authenticator.ts';
import { RegistryConnectorCredentials, selfUrlOf } from './services/registry-connectors.ts';
import { Authorizer } from './services/authorizer.ts';
import { IdentityCache } from './services/identity-cache.ts';
import { AuditLog, type AuditSettings } from './services/audit-log.ts';
import { ConfigCipher, upgradeSealedConfigs } from './store/config-cipher.ts';
import { ConnectorInput } from './services/connector-input.ts';
import { ConnectorService } from './services/connectors.ts';
import { ConnectorOffsetsService } from './services/connector-offsets.ts';
import { ConnectorOperations } from './services/connector-operations.ts';
import { KafkaCredentials } from './services/kafka-credentials.ts';
import type { MasterKey } from './services/master-key.ts';
import { Topology } from './services/topology.ts';
import { ExportBudget } from './core/metrics/export-budget.ts';
import { MetricsService } from './services/metrics.ts';
import { ApiKeyService } from './services/api-keys.ts';
import { ClusterService } from './services/clusters.ts';
import { EnvironmentService } from './services/environments.ts';
import { OrganizationService } from './services/organizations.ts';
import { RoleBindingService } from './services/role-bindings.ts';
import { ServiceAccountService } from './services/service-accounts.ts';
import type { Store } from './store/database.ts';
import { createObjectStore, type ObjectsSettings } from './objects/create.ts';
import type { ObjectStore } from './objects/object-store.ts';
import { UploadSweep } from './services/upload-sweep.ts';
import { UploadService } from './services/uploads.ts';
import { CcpmPluginService } from './services/ccpm-plugins.ts';
import { CustomPluginService } from './services/custom-plugins.ts';
import { CustomPoolService } from './services/custom-pools.ts';
import { PluginArtifacts, type ArchiveInspector } from './services/plugin-artifacts.ts';
import { PluginResolver } from './services/plugin-resolver.ts';
import { RegistryProbe } from './services/registry-probe.ts';
import { EngineSecrets } from './engine/engine-secrets.ts';
import type { AutoRestartSettings } from './core/operate/auto-restart.ts';
import { SelfMetrics } from './services/self-metrics.ts';

export interface ControlPlaneDeps {
  db: Store;
  masterKey: MasterKey;
  dataPlane: DataPlane;
  logger: Logger;
  connectClient?: ConnectClient;
  reconcileIntervalMs?: number;
  /** Connectors of one pool reconciled at once; the reconciler's default unless given (benchmarks). */
  reconcileConcurrency?: number;
  now?: () => Date;
  rateLimit?: RateLimitSettings;
  /** Failed authentications per address before 429; off unless given. */
  authFailureLimit?: AuthFailureLimitSettings;
  /** The audit log's JSON-lines file. */
  auditFile: string;
  /** Retention and file rotation of the audit log; the settings' defaults unless given. */
  audit?: AuditSettings;
  /**
   * The artifact store (CIRRUS_OBJECTS …), its folder `<home>/objects` and the upload size limit;
   * the settings' defaults in a folder beside the audit file unless given (tests).
   */
  objects?: { settings: ObjectsSettings; directory: string; maxBytes: number };
  /** Benchmarks only: serve without authentication (bench/auth-overhead.ts). */
  unauthenticatedForBenchmark?: boolean;
  /** Custom plugin pools running at once; the settings' default unless given. */
  maxCustomPools?: number;
  /** CIRRUS_EGRESS_LOOPBACK: managed connectors may call HTTP endpoints on loopback (off unless given). */
  allowLoopbackEgress?: boolean;
  /** How custom plugin archives are checked and kept (PluginArchiveService; a fake in API tests). */
  archiveInspector: ArchiveInspector;
  /** Waits before restarting failed connectors and tasks; the settings' defaults unless given. */
  autoRestart?: AutoRestartSettings;
  /** Connector metrics scraping and retention, GET /metrics access; the settings' defaults unless given. */
  metrics?: Config['metrics'];
  /** Cirrus's own metrics (GET /metrics); main.ts makes it first, to time the store's queries too. */
  selfMetrics?: SelfMetrics;
}

export interface ControlPlane {
  app: FastifyInstance;
  audit: AuditLog;
  reconciler: Reconciler;
  poolManager: PoolManager;
  /** Started and stopped with the reconciler; tests drive passes with scrape(). */
  metricsScraper: MetricsScraper;
  selfMetrics: SelfMetrics;
  secrets: ApiKeySecrets;
  connectors: ConnectorService;
  addresses: Addresses;
  objects: ObjectStore;
  uploads: UploadService;
  uploadSweep: UploadSweep;
  ccpm: CcpmPluginService;
}

export async function buildControlPlane(deps: ControlPlaneDeps): Promise<ControlPlane> {
  const now = deps.now ?? (() => new Date());
  const secrets = new ApiKeySecrets(deps.masterKey.derive('api-key-hash'));
  const cipher = new ConfigCipher(deps.masterKey.derive('config-encryption'));
  // Before anything reads a config: rows sealed by an older Cirrus become v2 (issue 7.13).
  await upgradeSealedConfigs(deps.db, cipher, deps.logger);
  const addresses = new Addresses(deps.dataPlane);
  const topology = new Topology(deps.db, addresses);
  const connectClient = deps.connectClient ?? new RestConnectClient();
  const selfMetrics = deps.selfMetrics ?? new SelfMetrics(() => ({ brokers: deps.dataPlane.brokers(), pools: deps.dataPlane.pools() }));
  const listening: { app?: FastifyInstance } = {};
  const { registryConnectors, schemaRegistryOf } = connectorsRegistry(deps, listening);
  const { poolManager, reconciler, metricsScraper } = buildEngine({ ...deps, connectClient, selfMetrics }, { addresses, cipher, now, schemaRegistryOf });
  const connectors = new ConnectorService({
    db: deps.db, topology, cipher, now, input: new ConnectorInput(new KafkaCredentials(deps.db, secrets), new PluginResolver(deps.db), { allowLoopbackEgress: deps.allowLoopbackEgress ?? false }, new RegistryProbe(schemaRegistryOf)),
    customPools: new CustomPoolService(deps.db, deps.dataPlane, now, deps.maxCustomPools ?? loadConfig({}, []).connect.maxCustomPools),
    // A custom connector may need its pool started, or leave one with nothing to run.
    onChange: () => {
      reconciler.poke();
      poolManager.poke();
    },
  });
  const { offsets, operate } = buildOperating(deps, { connectors, client: connectClient, addresses, cipher, now, onChange: () => reconciler.poke() });
  // One cache for both guards: any write to the store empties it (store/read-cache.ts).
  const identity = new IdentityCache(deps.db);
  const authorizer = new Authorizer(identity, deps.db);
  const metricsSettings = deps.metrics ?? loadConfig({}, []).metrics;
  const audit = new AuditLog({ db: deps.db, file: deps.auditFile, log: deps.logger, settings: deps.audit ?? loadConfig({}, []).audit, now });
  await audit.start();
  const v2 = buildV2(deps, { secrets, authorizer, topology, addresses, poolManager, now });
  const { objects, uploads, uploadSweep } = await buildUploads(deps, now);
  const artifacts = new PluginArtifacts(deps.db, uploads, deps.archiveInspector, () => pluginRuntimeState(deps.dataPlane));
  const ccpm = new CcpmPluginService({ db: deps.db, environments: v2.environments, artifacts, log: deps.logger, now });
  // Versions a stopped Cirrus left PROCESSING were never inspected: FAILED, saying why.
  await ccpm.failInterrupted();
  const app = await buildApp({
    logger: deps.logger, authenticator: new Authenticator(identity, secrets, deps.unauthenticatedForBenchmark === true, registryConnectors), authorizer, poolManager, connectors, offsets, operate, topology, v2,
    rateLimit: deps.rateLimit ?? { max: 0, windowSeconds: 60 }, authFailureLimit: deps.authFailureLimit ?? { max: 0, windowSeconds: 60 }, audit,
    plugins: { uploads, customPlugins: new CustomPluginService(deps.db, artifacts, now), ccpm },
    metrics: { metrics: new MetricsService({ db: deps.db, authorizer, now, exportBudget: new ExportBudget(metricsSettings.exportsPerHour) }) },
    schemaRegistry: schemaRegistryServices(deps.db, now),
    selfMetrics: { metrics: selfMetrics, access: metricsSettings.selfAccess },
  });
  listening.app = app;
  uploadSweep.start();
  app.addHook('onClose', async () => {
    await metricsScraper.stop();
    await uploadSweep.stop();
    artifacts.stop();
    await ccpm.settle();
    await audit.close();
  });
  return { app, audit, reconciler, poolManager, metricsScraper, selfMetrics, secrets, connectors, addresses, objects, uploads, uploadSweep, ccpm };
}

/** Whether plugins can be inspected: the embedded runtime is there, still installing, or absent. */
function pluginRuntimeState(plane: DataPlane): 'absent' | 'ready' | 'starting' {
  return !plane.embedded ? 'absent' : plane.prepared ? 'ready' : 'starting';
}

/**
 * How connectors reach their environment's Schema Registry: this process's own URL (known once
 * the app listens; connectors are reconciled only after that) and their own credential.
 */
function connectorsRegistry(deps: ControlPlaneDeps, listening: { app?: FastifyInstance }) {
  const registryConnectors = new RegistryConnectorCredentials(deps.masterKey.derive('registry-connectors'));
  const schemaRegistryOf = (environmentId: string) => registryConnectors.forEnvironment(environmentId, selfUrlOf(listening.app?.server.address()));
  return { registryConnectors, schemaRegistryOf };
}

/** The v2 families' services: identity, organizations, environments and clusters. */
function buildV2(
  deps: ControlPlaneDeps,
  shared: { secrets: ApiKeySecrets; authorizer: Authorizer; topology: Topology; addresses: Addresses; poolManager: PoolManager; now: () => Date },
) {
  const { secrets, authorizer, topology, addresses, poolManager, now } = shared;
  const environments = new EnvironmentService(deps.db, now);
  const clusters = new ClusterService({ db: deps.db, environments, dataPlane: deps.dataPlane, addresses, poolManager, now });
  return {
    serviceAccounts: new ServiceAccountService(deps.db, now), apiKeys: new ApiKeyService(deps.db, secrets, now),
    roleBindings: new RoleBindingService(deps.db, now), environments, organizations: new OrganizationService(deps.db, now),
    clusters, authorizer, topology,
  };
}

/** Operating connectors (issue 11): offsets requests, restarts, history and logs. */
function buildOperating(
  deps: ControlPlaneDeps,
  shared: { connectors: ConnectorService; client: ConnectClient; addresses: Addresses; cipher: ConfigCipher; now: () => Date; onChange: () => void },
) {
  // Offsets requests run in the reconciler's passes; reads ask the engine directly.
  const offsets = new ConnectorOffsetsService({ db: deps.db, ...shared });
  const operate = new ConnectorOperations({ db: deps.db, ...shared, poolLogFile: (poolId) => deps.dataPlane.poolLogFile?.(poolId) });
  return { offsets, operate };
}

/** The loops: the pool manager (brokers and pools), the reconciler (connectors), the metrics scraper. */
function buildEngine(deps: ControlPlaneDeps, shared: Pick<ConnectorReconcilerDeps, 'addresses' | 'cipher' | 'now' | 'schemaRegistryOf'>) {
  const { addresses, cipher, now } = shared;
  const plane = deps.dataPlane;
  const poolManager: PoolManager = new PoolManager({
    db: deps.db, dataPlane: plane, addresses, pluginPathOf: (sha) => deps.archiveInspector.pluginPath(sha), log: deps.logger,
    onPoolReady: () => reconciler.poke(),
  });
  const reconciler: Reconciler = new Reconciler({
    db: deps.db, client: deps.connectClient ?? new RestConnectClient(), addresses, cipher, schemaRegistryOf: shared.schemaRegistryOf,
    allowLoopbackEgress: deps.allowLoopbackEgress,
    secrets: new EngineSecrets(plane.secretsDir, deps.masterKey.derive('engine-secret-names')),
    logger: deps.logger, now, intervalMs: deps.reconcileIntervalMs ?? 2000, autoRestart: deps.autoRestart ?? loadConfig({}, []).autoRestart,
    poolLogFile: (poolId) => plane.poolLogFile?.(poolId),
    // Statuses as Connect writes them, from the pools this installation runs (issue 13), once
    // ready: Connect creates its status topic as it starts.
    statusTopicOf: (pool) => (pool.kind !== 'external' && plane.pools().get(pool.id)?.state === 'ready' ? plane.poolStatusTopic?.(pool.id) : undefined),
    concurrency: deps.reconcileConcurrency,
    // A pool of ours on its first start is expected not to answer yet (no warning).
    poolStarting: (pool) => pool.kind !== 'external' && ['starting', undefined].includes(plane.pools().get(pool.id)?.state),
    onPoolPass: (poolId, outcome, seconds) => deps.selfMetrics?.observeReconcilePass(poolId, outcome, seconds),
  });
  return { poolManager, reconciler, metricsScraper: buildMetricsScraper(deps, now) };
}

/** Connector metrics (issue 12): each pool's agent scraped into per-minute points. */
function buildMetricsScraper(deps: ControlPlaneDeps, now: () => Date): MetricsScraper {
  const settings = deps.metrics ?? loadConfig({}, []).metrics;
  return new MetricsScraper({
    db: deps.db, dataPlane: deps.dataPlane, log: deps.logger, now, intervalMs: settings.scrapeSeconds * 1000, retentionDays: settings.retentionDays,
    onPass: (report) => deps.selfMetrics?.observeScrape(report),
  });
}

/** The artifact store, presigned uploads and the sweep of unused ones (issue 9). */
async function buildUploads(deps: ControlPlaneDeps, now: () => Date) {
  const defaults = loadConfig({}, []);
  const settings = deps.objects ?? { settings: defaults.objects, directory: path.join(path.dirname(deps.auditFile), 'objects'), maxBytes: defaults.uploads.maxBytes };
  const objects = await createObjectStore(settings.settings, settings.directory, deps.masterKey.derive('upload-signing'), now);
  const uploads = new UploadService({ db: deps.db, store: objects, now, maxBytes: settings.maxBytes, fetchDirectory: path.join(settings.directory, '.fetched') });
  const uploadSweep = new UploadSweep({ db: deps.db, store: objects, now, logger: deps.logger });
  return { objects, uploads, uploadSweep };
}
