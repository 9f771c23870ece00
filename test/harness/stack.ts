// Real Kafka + Kafka Connect for tests, started through the supervisor. `npm test` starts one
// shared stack for all integration tests (see shared-stack-server.ts) and passes its address in
// CIRRUS_TEST_STACK; a test file run on its own starts a private one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import type { ComponentHealth } from '../../src/engine/data-plane.ts';
import { LocalDataPlane } from '../../src/supervisor/local-data-plane.ts';
import { freePorts } from './ports.ts';
import { eventually } from './wait.ts';

/** The stack's broker is the installation's own (settings ports), as for the bootstrap cluster. */
export const STACK_CLUSTER = 'stack';

export interface StackInfo {
  home: string;
  bootstrapServers: string;
  connectUrl: string;
  poolId: string;
  /** The pool's metrics agent (issue 12): Prometheus text on loopback. */
  metricsUrl: string;
}

export interface RunningStack {
  info: StackInfo;
  config: Config;
  dataPlane: LocalDataPlane;
  /** Stops the stack's Connect pool (the broker keeps running) until startPool. */
  stopPool(): Promise<void>;
  startPool(): Promise<void>;
  stop(): Promise<void>;
}

export async function tempHome(prefix: string): Promise<string> {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cirrus-${prefix}-`));
}

/** Settings for a private installation: its own home and free ports for every listener. */
export async function testConfig(home: string, overrides: Partial<Record<string, string>> = {}): Promise<Config> {
  const [api, broker, controller, connect] = await freePorts(4);
  return loadConfig({
    CIRRUS_HOME: home,
    CIRRUS_PORT: String(api),
    CIRRUS_BROKER_PORT: String(broker),
    CIRRUS_CONTROLLER_PORT: String(controller),
    CIRRUS_CONNECT_PORT: String(connect),
    CIRRUS_LOG_LEVEL: 'warn',
    CIRRUS_BROKER_HEAP: '256m',
    CIRRUS_CONNECT_HEAP: '384m',
    JAVA_HOME: process.env.JAVA_HOME,
    ...overrides,
  }, []);
}

export async function startStack(name: string, poolId = 'pool-test'): Promise<RunningStack> {
  const home = await tempHome(name);
  const config = await testConfig(home);
  const logger = pino({ level: 'warn' }, pino.destination(path.join(home, 'supervisor.log')));
  const dataPlane = new LocalDataPlane(config, logger);
  const pool = { poolId, bootstrapServers: dataPlane.brokerAddress() };
  const ready = (what: string, health: () => ComponentHealth | undefined) =>
    eventually(what, async () => health()?.state === 'ready', { timeoutMs: config.supervisor.readyTimeoutMs, intervalMs: 200 });
  try {
    await dataPlane.prepare();
    dataPlane.ensureBroker({ clusterId: STACK_CLUSTER });
    await ready('the broker', () => dataPlane.brokers().get(STACK_CLUSTER));
    dataPlane.ensurePool(pool);
    await ready('the Connect pool', () => dataPlane.pools().get(poolId));
  } catch (err) {
    await dataPlane.stop();
    throw err;
  }
  return {
    info: {
      home, bootstrapServers: dataPlane.brokerAddress(), connectUrl: dataPlane.poolUrl({ id: poolId }), poolId,
      metricsUrl: dataPlane.poolMetricsUrl(poolId) ?? '',
    },
    config,
    dataPlane,
    stopPool: () => dataPlane.stopPool(poolId),
    startPool: async () => {
      dataPlane.ensurePool(pool);
      await ready('the Connect pool', () => dataPlane.pools().get(poolId));
    },
    stop: () => dataPlane.stop(),
  };
}

let own: Promise<RunningStack> | undefined;

/** The stack of `npm test`, or one private to this test process (stopped at exit). */
export async function sharedStack(): Promise<StackInfo> {
  const file = process.env.CIRRUS_TEST_STACK;
  if (file) return JSON.parse(fs.readFileSync(file, 'utf8')) as StackInfo;
  own ??= startStack('own-stack').then((stack) => {
    process.once('beforeExit', () => void stack.stop());
    return stack;
  });
  return (await own).info;
}

export async function stopOwnStack(): Promise<void> {
  if (own) await (await own).stop();
}
