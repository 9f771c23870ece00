// The reconciler as the composition root builds it, on a temporary SQLite store with a
// bootstrapped identity, driving the in-memory Connect, with a clock the test moves (C19: fakes
// enter through the composition root; no sleeps). Nothing listens: changes go through the
// connector service, a cluster registration through fastify.inject. Reading the store is kept
// to the few functions below, so a change of its shape is fixed here once.
import path from 'node:path';
import pino from 'pino';
import { buildControlPlane, type ControlPlane } from '../../src/control-plane.ts';
import type { DesiredState, TaskView } from '../../src/core/connector-state.ts';
import { ensureBootstrap, type BootstrapInfo } from '../../src/services/bootstrap.ts';
import { loadMasterKey } from '../../src/services/master-key.ts';
import { openStore } from '../../src/store/database.ts';
import { basicAuth, FakeDataPlane } from './api-app.ts';
import { FakeArchiveInspector } from './fake-plugins.ts';
import { datagenConfig } from './connector-fixtures.ts';
import { FakeConnectClient } from './fake-connect.ts';
import { tempHome } from './stack.ts';

/** Where FakeDataPlane puts every managed pool, the bootstrap cluster's among them. */
export const POOL_URL = 'http://127.0.0.1:9';

export interface ObservedStatus {
  state: string;
  trace: string;
  tasks: TaskView[];
  lastError: string;
  attempts: number;
}

export interface ReconcilerRig {
  engine: FakeConnectClient;
  controlPlane: ControlPlane;
  bootstrap: BootstrapInfo;
  /** Moves the clock the reconciler reads (backoff schedules). */
  advance(ms: number): void;
  pass(): Promise<void>;
  /** A connector of the bootstrap cluster; returns its id, which is its name in Connect. */
  createConnector(name: string, options?: { offsets?: unknown[]; config?: Record<string, unknown> }): Promise<string>;
  /** PUT …/config with the fixture's config plus `extra`. */
  putConfig(name: string, extra: Record<string, unknown>): Promise<void>;
  setDesiredState(name: string, state: DesiredState): Promise<void>;
  deleteConnector(name: string): Promise<void>;
  /** What the store shows of the connector; undefined before any pass wrote a status. */
  status(name: string): Promise<ObservedStatus | undefined>;
  /** The connector's row is still in the store (deleted ones stay until Connect no longer has them). */
  stored(id: string): Promise<boolean>;
  /** Registers an external Kafka cluster whose Connect is at `connectUrl` (cmk/v2 spec.cirrus). */
  registerExternalCluster(connectUrl: string): Promise<string>;
  close(): Promise<void>;
}

export async function startReconcilerRig(): Promise<ReconcilerRig> {
  const home = await tempHome('reconciler');
  let now = Date.parse('2026-03-02T10:00:00Z');
  const clock = () => new Date(now);
  const db = await openStore(path.join(home, 'cirrus.db'));
  const engine = new FakeConnectClient();
  const logger = pino({ level: 'silent' });
  const controlPlane = await buildControlPlane({
    db, masterKey: loadMasterKey(home, undefined), dataPlane: new FakeDataPlane(), logger, connectClient: engine, now: clock,
    archiveInspector: new FakeArchiveInspector(home),
    auditFile: path.join(home, 'audit.log'),
  });
  const bootstrap = await ensureBootstrap({ db, secrets: controlPlane.secrets, home, endpoint: 'http://127.0.0.1:1', kafkaBootstrapServers: '127.0.0.1:9', now: clock });
  const scope = { environmentId: bootstrap.environment_id, clusterId: bootstrap.kafka_cluster_id };
  const { connectors } = controlPlane;
  return {
    engine, controlPlane, bootstrap,
    advance: (ms) => { now += ms; },
    pass: () => controlPlane.reconciler.pass(),
    createConnector: async (name, options = {}) => {
      const body = { name, config: datagenConfig(bootstrap, name, options.config), offsets: options.offsets };
      return (await connectors.create(scope, body, 'test')).connector.id;
    },
    putConfig: async (name, extra) => { await connectors.putConfig(scope, name, datagenConfig(bootstrap, name, extra), 'test'); },
    setDesiredState: (name, state) => connectors.setDesiredState(scope, name, state, 'test'),
    deleteConnector: (name) => connectors.delete(scope, name, 'test'),
    status: async (name) => (await connectors.get(scope, name)).status,
    stored: async (id) => (await db.selectFrom('connectors').select('id').where('id', '=', id).executeTakeFirst()) !== undefined,
    registerExternalCluster: (connectUrl) => registerExternalCluster(controlPlane, bootstrap, connectUrl),
    close: async () => {
      await controlPlane.app.close();
      await controlPlane.reconciler.stop();
      await db.destroy();
    },
  };
}

async function registerExternalCluster(controlPlane: ControlPlane, b: BootstrapInfo, connectUrl: string): Promise<string> {
  const res = await controlPlane.app.inject({
    method: 'POST', url: '/cmk/v2/clusters', headers: { authorization: basicAuth(b.cloud_api_key, b.cloud_api_secret) },
    payload: { spec: {
      display_name: 'external', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' },
      environment: { id: b.environment_id }, cirrus: { kafka_bootstrap_servers: 'kafka.example:9092', connect_url: connectUrl },
    } },
  });
  if (res.statusCode !== 202) throw new Error(`cluster registration failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
