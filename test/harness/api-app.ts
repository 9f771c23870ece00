// The HTTP app on a real socket with a temporary SQLite store and a bootstrapped identity.
// `pools` decides what the reconciler reaches: a stand-in with no pool (fast API tests, C19),
// or the real shared Kafka + Connect stack (integration tests).
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import pino from 'pino';
import { buildControlPlane, type ControlPlane } from '../../src/control-plane.ts';
import type { ConnectClient } from '../../src/engine/connect-client.ts';
import type { AuthFailureLimitSettings } from '../../src/http/plugins/auth-failure-limit.ts';
import type { RateLimitSettings } from '../../src/http/plugins/rate-limit.ts';
import type { ConnectPools, DataPlaneHealth } from '../../src/engine/pools.ts';
import { ensureBootstrap, type BootstrapInfo } from '../../src/services/bootstrap.ts';
import { loadMasterKey } from '../../src/services/master-key.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { tempHome, type StackInfo } from './stack.ts';

export class FakePools implements ConnectPools {
  state: DataPlaneHealth = { broker: { state: 'ready', restarts: 0 }, pools: {} };
  constructor(readonly embeddedKafkaBootstrap = '127.0.0.1:9', readonly urls: Record<string, string> = {}) {}
  restUrl(poolId: string): string | undefined {
    return this.urls[poolId];
  }
  health(): DataPlaneHealth {
    return this.state;
  }
}

export interface ApiApp {
  url: string;
  home: string;
  logFile: string;
  app: FastifyInstance;
  db: Store;
  pools: FakePools;
  controlPlane: ControlPlane;
  bootstrap: BootstrapInfo;
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
}

export async function startApiApp(options: ApiAppOptions = {}): Promise<ApiApp> {
  const home = options.home ?? await tempHome('api');
  const logFile = path.join(home, 'api.log');
  const logger = pino({ level: 'trace' }, pino.destination({ dest: logFile, sync: true, append: true }));
  const db = await openStore(path.join(home, 'cirrus.db'));
  const pools = options.stack ? new FakePools(options.stack.bootstrapServers) : new FakePools();
  const controlPlane = await buildControlPlane({
    db, masterKey: loadMasterKey(home, undefined), pools, logger, reconcileIntervalMs: 500, connectClient: options.connectClient, rateLimit: options.rateLimit,
    authFailureLimit: options.authFailureLimit,
    auditFile: path.join(home, 'audit.log'), unauthenticatedForBenchmark: options.unauthenticatedForBenchmark,
  });
  const { app } = controlPlane;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const bootstrap = await ensureBootstrap({ db, secrets: controlPlane.secrets, home, endpoint: url, kafkaBootstrapServers: pools.embeddedKafkaBootstrap, now: () => new Date() });
  pools.state.pools[bootstrap.connect_pool_id] = { state: 'ready', restarts: 0 };
  // The stack's pool serves the bootstrap cluster, as the supervisor's pool does for npm start.
  if (options.stack) pools.urls[bootstrap.connect_pool_id] = options.stack.connectUrl;
  if (options.reconcile !== false && options.stack) controlPlane.reconciler.start();
  return {
    url, home, logFile, app, db, pools, controlPlane, bootstrap,
    close: async () => {
      await app.close();
      await controlPlane.reconciler.stop();
      await db.destroy();
    },
  };
}

export const basicAuth = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
