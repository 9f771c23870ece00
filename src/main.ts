// Brings up Cirrus: store, identity bootstrap, the embedded data plane and the HTTP API.
// SIGINT/SIGTERM stop the API, then every JVM (pools before the broker), then the store.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, endpointOf, loadConfig, type Config } from './config.ts';
import { buildControlPlane, type ControlPlane } from './control-plane.ts';
import { createLogger } from './logging.ts';
import { bootstrapIdentity, type BootstrapInfo } from './services/bootstrap.ts';
import { loadMasterKey } from './services/master-key.ts';
import { SelfMetrics } from './services/self-metrics.ts';
import { PluginArchiveService, pluginArchiveSettings } from './services/plugin-archive.ts';
import { openStore, type Store } from './store/database.ts';
import { claimHome, HomeInUseError } from './supervisor/home-claim.ts';
import { jvmRuntimeInstalled } from './supervisor/jvm-runtime.ts';
import { LocalDataPlane } from './supervisor/local-data-plane.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function main(): Promise<void> {
  const config = settingsOrExit();
  fs.mkdirSync(config.home, { recursive: true });
  const claim = claimHomeOrExit(config.home);
  const logger = createLogger(config);
  const dataPlane = new LocalDataPlane(config, logger);
  // First, so that the store's queries are timed from the start (GET /metrics).
  const selfMetrics = new SelfMetrics(() => ({ brokers: dataPlane.brokers(), pools: dataPlane.pools() }));
  const db = await openStore(path.join(config.home, 'cirrus.db'), { onQuery: selfMetrics.observeQuery });
  const controlPlane = await buildControlPlane({
    db, masterKey: loadMasterKey(config.home, config.masterKey), dataPlane, logger, rateLimit: config.rateLimit,
    authFailureLimit: config.authFailureLimit, audit: config.audit,
    auditFile: path.join(config.home, 'logs', 'audit.log'),
    objects: { settings: config.objects, directory: path.join(config.home, 'objects'), maxBytes: config.uploads.maxBytes },
    archiveInspector: new PluginArchiveService(pluginArchiveSettings(config), { log: logger }), maxCustomPools: config.connect.maxCustomPools,
    allowLoopbackEgress: config.egressLoopback, autoRestart: config.autoRestart, metrics: config.metrics, selfMetrics,
  });
  const shutdown = orderedShutdown(controlPlane, dataPlane, db, logger, claim);
  stopOnSignalsAndFaults(shutdown, logger);
  try {
    await start(config, controlPlane, dataPlane, db, () => shutdown.started);
  } catch (err) {
    // A stop under way (SIGTERM during the Maven install) ended the start: it exits in order.
    if (shutdown.started) return;
    // Never leave a broker or a pool running behind a start that failed half-way.
    process.stderr.write(`cirrus: failed to start: ${(err as Error).message}\n`);
    await shutdown('failed start', 1);
  }
}

/** Before anything touches the home: another control plane on it would lose its JVMs to us. */
function claimHomeOrExit(home: string): { release(): void } {
  try {
    return claimHome(home);
  } catch (err) {
    if (!(err instanceof HomeInUseError)) throw err;
    process.stderr.write(`cirrus: ${err.message}\n`);
    process.exit(2);
  }
}

function settingsOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`cirrus: ${err.message}\n`);
    process.exit(2);
  }
}

/**
 * The identity, the data plane, the API, then bootstrap.json, in an order a hurried user never
 * notices: the JVMs take seconds to boot, so they are spawned before the API starts listening
 * (its routes compile for ~0.1 s, issue 13), and bootstrap.json appears only once it answers.
 * Unless Maven must install the JVM runtime first: that takes minutes, and the API answers
 * meanwhile.
 */
async function start(config: Config, cp: ControlPlane, dataPlane: LocalDataPlane, db: Store, stopping: () => boolean): Promise<void> {
  const bootstrap = await bootstrapIdentity({
    db, secrets: cp.secrets, home: config.home, endpoint: endpointOf(config), kafkaBootstrapServers: dataPlane.brokerAddress(), now: () => new Date(),
  });
  cp.poolManager.start();
  const startDataPlane = async () => {
    await dataPlane.prepare(say);
    cp.poolManager.poke();
    say(`Starting the Kafka broker on ${dataPlane.brokerAddress()} and the Kafka Connect pool on ${dataPlane.poolUrl({ id: bootstrap.info.connect_pool_id })}...`);
  };
  const spawnFirst = config.embedded && jvmRuntimeInstalled(config.jvmDir);
  if (spawnFirst) await startDataPlane();
  await cp.app.listen({ host: config.host, port: config.port });
  bootstrap.publish();
  // With the API: what is asked for while the data plane boots is kept in the store and reaches
  // the engine once it answers. Not before: connectors learn the registry's URL from the API.
  cp.reconciler.start();
  cp.metricsScraper.start();
  if (config.embedded && !spawnFirst) await startDataPlane();
  if (config.embedded) await cp.poolManager.waitReady(config.supervisor.readyTimeoutMs, stopping);
  if (!stopping()) printReady(bootstrap.info, config.home, bootstrap.created);
}

type Shutdown = ((reason: string, exitCode?: number) => Promise<void>) & { started: boolean };

/** Stops everything that started, in order (API, loops, pools then brokers, store); exits once. */
function orderedShutdown(cp: ControlPlane, dataPlane: LocalDataPlane, db: Store, logger: Logger, claim: { release(): void }): Shutdown {
  let stopping: Promise<void> | undefined;
  const shutdown = ((reason: string, exitCode = 0) => {
    if (stopping) {
      say(`Received ${reason} again; still stopping (child processes get SIGKILL after the grace period).`);
      return stopping;
    }
    say(`Stopping Cirrus (${reason})...`);
    shutdown.started = true;
    stopping = (async () => {
      await cp.app.close().catch((err) => logger.error({ err }, 'closing the API failed'));
      await cp.reconciler.stop();
      await cp.metricsScraper.stop();
      await cp.poolManager.stop();
      await dataPlane.stop();
      await db.destroy().catch(() => {});
      claim.release();
      say('Cirrus stopped.');
      logger.flush();
      process.exit(exitCode);
    })();
    return stopping;
  }) as Shutdown;
  shutdown.started = false;
  return shutdown;
}

/**
 * SIGINT/SIGTERM stop in order. So does a fault nobody caught: it must not leave brokers and
 * pools running without their supervisor, so it is logged and Cirrus stops as for SIGTERM.
 */
function stopOnSignalsAndFaults(shutdown: Shutdown, logger: Logger): void {
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const fault = (kind: string) => (err: unknown) => {
    logger.fatal({ err }, `${kind}; stopping`);
    process.stderr.write(`cirrus: ${kind}: ${(err as Error)?.message ?? String(err)}\n`);
    void shutdown(kind, 1);
  };
  process.on('uncaughtException', fault('uncaught exception'));
  process.on('unhandledRejection', fault('unhandled rejection'));
}

/** Secrets only on the start that created them (issue 7.12): stdout often ends up in logs. */
function printReady(info: BootstrapInfo, home: string, created: boolean): void {
  const file = path.join(home, 'bootstrap.json');
  say('');
  if (created) {
    say(`Cirrus is ready at ${info.endpoint} (state in ${home}, written to ${file}):`);
    say(JSON.stringify(info, null, 2));
    say('The secrets above are shown on this first start only; they are kept in that file (mode 0600).');
  } else {
    const { cloud_api_secret: _cloud, kafka_api_secret: _kafka, schema_registry_api_secret: _registry, ...ids } = info;
    say(`Cirrus is ready at ${info.endpoint} (state in ${home}):`);
    say(JSON.stringify(ids, null, 2));
    say(`Secrets are not printed again; see them with: npm run cli -- bootstrap --show-secrets --home ${home}`);
  }
  say('');
  say('Try:');
  say(`  curl -s -u "${info.cloud_api_key}:<cloud_api_secret>" ${info.endpoint}/connect/v1/environments/${info.environment_id}/clusters/${info.kafka_cluster_id}/connectors`);
  say('Stop with Ctrl-C.');
}

main().catch((err) => {
  process.stderr.write(`cirrus: failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
