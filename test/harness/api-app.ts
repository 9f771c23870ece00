// The HTTP app on a real socket with a temporary SQLite store and a bootstrapped identity, but
// no JVMs: `pools` is a stand-in (C19 allows fakes at this tier; integration tests use the real one).
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import pino from 'pino';
import type { ConnectPools, DataPlaneHealth } from '../../src/engine/pools.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiKeySecrets } from '../../src/services/api-key-secrets.ts';
import { Authenticator } from '../../src/services/authenticator.ts';
import { ensureBootstrap, type BootstrapInfo } from '../../src/services/bootstrap.ts';
import { loadMasterKey } from '../../src/services/master-key.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { tempHome } from './stack.ts';

export class FakePools implements ConnectPools {
  state: DataPlaneHealth = { broker: { state: 'ready', restarts: 0 }, pools: {} };
  restUrl(): string | undefined {
    return undefined;
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
  bootstrap: BootstrapInfo;
  close(): Promise<void>;
}

export async function startApiApp(): Promise<ApiApp> {
  const home = await tempHome('api');
  const logFile = path.join(home, 'api.log');
  const logger = pino({ level: 'trace' }, pino.destination({ dest: logFile, sync: true }));
  const db = await openStore(path.join(home, 'cirrus.db'));
  const secrets = new ApiKeySecrets(loadMasterKey(home, undefined).derive('api-key-hash'));
  const pools = new FakePools();
  const app = await buildApp({ logger, authenticator: new Authenticator(db, secrets), pools });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const bootstrap = await ensureBootstrap({ db, secrets, home, endpoint: url, kafkaBootstrapServers: '127.0.0.1:1', now: () => new Date() });
  pools.state.pools[bootstrap.connect_pool_id] = { state: 'ready', restarts: 0 };
  return {
    url, home, logFile, app, db, pools, bootstrap,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

export const basicAuth = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
