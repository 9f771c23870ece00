// The composition root: builds the services, the reconciler, the pool manager and the HTTP app
// from a store, a master key and the data plane. main.ts and the tests build Cirrus the same way
// (C7).
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Addresses } from './engine/addresses.ts';
import { RestConnectClient, type ConnectClient } from './engine/connect-client.ts';
import type { DataPlane } from './engine/data-plane.ts';
import { PoolManager } from './engine/pool-manager.ts';
import { Reconciler } from './engine/reconciler.ts';
import { loadConfig } from './config.ts';
import { buildApp } from './http/app.ts';
import type { AuthFailureLimitSettings } from './http/plugins/auth-failure-limit.ts';
import type { RateLimitSettings } from './http/plugins/rate-limit.ts';
import { ApiKeySecrets } from './services/api-key-secrets.ts';
import { Authenticator } from './services/authenticator.ts';
import { Authorizer } from './services/authorizer.ts';
import { AuditLog, type AuditSettings } from './services/audit-log.ts';
import { ConfigCipher, upgradeSealedConfigs } from './store/config-cipher.ts';
import { ConnectorInput } from './services/connector-input.ts';
import { ConnectorService } from './services/connectors.ts';
import { KafkaCredentials } from './services/kafka-credentials.ts';
import type { MasterKey } from './services/master-key.ts';
import { Topology } from './services/topology.ts';
import { ApiKeyService } from './services/api-keys.ts';
import { ClusterService } from './services/clusters.ts';
import { EnvironmentService } from './services/environments.ts';
import { OrganizationService } from './services/organizations.ts';
import { RoleBindingService } from './services/role-bindings.ts';
import { ServiceAccountService } from './services/service-accounts.ts';
import type { Store } from './store/database.ts';
import { CcpmPluginService } from './services/ccpm-plugins.ts';
import { CustomPluginService } from './services/custom-plugins.ts';
import { CustomPoolService } from './services/custom-pools.ts';
import { PluginArtifacts, type ArchiveInspector, type PluginUploads } from './services/plugin-artifacts.ts';
import { PluginResolver } from './services/plugin-resolver.ts';

export interface ControlPlaneDeps {
  db: Store;
  masterKey: MasterKey;
  dataPlane: DataPlane;
  logger: Logger;
  connectClient?: ConnectClient;
  reconcileIntervalMs?: number;
  now?: () => Date;
  rateLimit?: RateLimitSettings;
  /** Failed authentications per address before 429; off unless given. */
  authFailureLimit?: AuthFailureLimitSettings;
  /** The audit log's JSON-lines file. */
  auditFile: string;
  /** Retention and file rotation of the audit log; the settings' defaults unless given. */
  audit?: AuditSettings;
  /** Benchmarks only: serve without authentication (bench/auth-overhead.ts). */
  unauthenticatedForBenchmark?: boolean;
  /** Where custom plugin archives come from (the upload target) and how they are checked and kept. */
  pluginUploads: PluginUploads;
  archiveInspector: ArchiveInspector;
}

export interface ControlPlane {
  app: FastifyInstance;
  audit: AuditLog;
  reconciler: Reconciler;
  poolManager: PoolManager;
  secrets: ApiKeySecrets;
  connectors: ConnectorService;
  addresses: Addresses;
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
  const artifacts = new PluginArtifacts(deps.pluginUploads, deps.archiveInspector);
  const poolManager = new PoolManager({ db: deps.db, dataPlane: deps.dataPlane, addresses, pluginPathOf: (sha) => artifacts.pluginPath(sha), log: deps.logger });
  const reconciler = new Reconciler({
    db: deps.db, client: deps.connectClient ?? new RestConnectClient(), addresses, cipher,
    logger: deps.logger, now, intervalMs: deps.reconcileIntervalMs ?? 2000,
  });
  const connectors = new ConnectorService({
    db: deps.db, topology, cipher, now, input: new ConnectorInput(new KafkaCredentials(deps.db, secrets), new PluginResolver(deps.db)),
    customPools: new CustomPoolService(deps.db, deps.dataPlane, now),
    // A custom connector may need a pool started, or leave one with nothing to run.
    onChange: () => {
      reconciler.poke();
      poolManager.poke();
    },
  });
  const authorizer = new Authorizer(deps.db);
  const audit = new AuditLog({ db: deps.db, file: deps.auditFile, log: deps.logger, settings: deps.audit ?? loadConfig({}, []).audit, now });
  await audit.start();
  const environments = new EnvironmentService(deps.db, now);
  const ccpm = new CcpmPluginService({ db: deps.db, environments, artifacts, log: deps.logger, now });
  // Versions a stopped Cirrus left PROCESSING lost their upload: FAILED, saying why.
  await ccpm.failInterrupted();
  const clusters = new ClusterService({ db: deps.db, environments, dataPlane: deps.dataPlane, addresses, poolManager, now });
  const v2 = {
    serviceAccounts: new ServiceAccountService(deps.db, now), apiKeys: new ApiKeyService(deps.db, secrets, now),
    roleBindings: new RoleBindingService(deps.db, now), environments, organizations: new OrganizationService(deps.db, now),
    clusters, authorizer, topology,
  };
  const app = await buildApp({
    logger: deps.logger, authenticator: new Authenticator(deps.db, secrets, deps.unauthenticatedForBenchmark === true), authorizer, poolManager, connectors, topology, v2,
    rateLimit: deps.rateLimit ?? { max: 0, windowSeconds: 60 }, authFailureLimit: deps.authFailureLimit ?? { max: 0, windowSeconds: 60 }, audit,
    plugins: { customPlugins: new CustomPluginService(deps.db, artifacts, now), ccpm },
  });
  app.addHook('onClose', async () => {
    await ccpm.settle();
    await audit.close();
  });
  return { app, audit, reconciler, poolManager, secrets, connectors, addresses, ccpm };
}
