// One connector, one pass (C15–C17): plan the steps from desired and observed state, run them
// in order, write the observed status back. A failure is caught here, written into the
// connector's status with a backoff that belongs to the change it was trying to apply, so a
// newer change (config, pause, resume, delete) is tried at once.
import type { Logger } from 'pino';
import { findManagedPlugin } from '../core/catalog/index.ts';
import type { ConnectPool } from '../core/cluster.ts';
import type { Connector, ConnectorStatus } from '../core/connector.ts';
import { toStatusView, unreachableView, type EngineStatus, type StatusView } from '../core/connector-state.ts';
import { customEngineConfig } from '../core/custom-connector.ts';
import type { OffsetsRequest } from '../core/offsets-request.ts';
import { planConnector, type Step } from '../core/reconcile/plan.ts';
import { failureTraces, NO_RESTARTS, planAutoRestart, type AutoRestartSettings, type RestartSchedule } from '../core/operate/auto-restart.ts';
import { classifyFailures } from '../core/operate/failure-class.ts';
import { recordOperation } from '../store/operations.ts';
import { findKafkaCluster } from '../store/clusters.ts';
import { fullConfig, type ConfigCipher } from '../store/config-cipher.ts';
import * as repo from '../store/connectors.ts';
import type { Store } from '../store/database.ts';
import type { Addresses } from './addresses.ts';
import { ConnectError, type ConnectClient, type EngineConnector } from './connect-client.ts';
import type { EngineSecrets } from './engine-secrets.ts';
import { OffsetsJobs } from './offsets-jobs.ts';
import { recentWarnings } from './pool-logs.ts';

export interface ConnectorReconcilerDeps {
  db: Store;
  client: ConnectClient;
  addresses: Addresses;
  cipher: ConfigCipher;
  secrets: EngineSecrets;
  logger: Logger;
  now: () => Date;
  /** Waits before restarting a failed connector or task (the settings' defaults unless given). */
  autoRestart?: AutoRestartSettings;
  /** A pool's log file, when this installation runs it: warnings there explain some failures. */
  poolLogFile?: (poolId: string) => string | undefined;
  /** The environment's Schema Registry as connectors reach it (AVRO and JSON_SR formats). */
  schemaRegistryOf?: (environmentId: string) => { url: string; userInfo: string } | undefined;
  /** Whether connectors may call this host's loopback; their engine re-checks each address. */
  allowLoopbackEgress?: boolean;
}

const MAX_BACKOFF_MS = 60_000;
/** How far back a failing connector's warnings count as evidence of its failure's cause. */
const EVIDENCE_WINDOW_MS = 10 * 60_000;
const DEFAULT_AUTO_RESTART: AutoRestartSettings = { baseMs: 60_000, maxMs: 3_600_000 };

type Schedule = Partial<Pick<ConnectorStatus, 'lastError' | 'attempts' | 'nextAttemptAt' | 'attemptGeneration' | 'restart'>>;

/** What a step may need besides the connector: the pending offsets request and the engine state. */
interface StepContext {
  offsetsRequest: OffsetsRequest | undefined;
  engineState: string;
}

export class ConnectorReconciler {
  /** Per failing connector: its failure's traces and the warnings read for them (failureEvidence). */
  private readonly evidence = new Map<string, { key: string; lines: string[] }>();
  private readonly offsetsJobs: OffsetsJobs;

  constructor(private readonly deps: ConnectorReconcilerDeps) {
    this.offsetsJobs = new OffsetsJobs(deps);
  }

  /** Reconciles one connector; true when it sent Connect any write. Never throws. */
  async reconcile(url: string, pool: ConnectPool, connector: Connector, observed: EngineConnector | undefined, status: ConnectorStatus | undefined): Promise<boolean> {
    const log = this.deps.logger.child({ connectorId: connector.id, poolId: pool.id });
    const now = this.deps.now();
    // The backoff of a failure holds only for the change that failed (C17, issue 7 #17).
    const backingOff = status?.nextAttemptAt && status.attemptGeneration === connector.generation && new Date(status.nextAttemptAt) > now;
    if (backingOff) return false;
    let steps: Step[] = [];
    try {
      const offsetsRequest = connector.deletedAt ? undefined : await this.offsetsJobs.pending(connector.id);
      const desired = connector.deletedAt ? undefined : {
        engineName: connector.id, engineConfig: await this.engineConfig(connector, pool), state: connector.desiredState,
        offsetsPending: connector.offsetsPending, offsetsRequest: offsetsRequest !== undefined,
      };
      const engineState = observed?.status?.connector.state ?? 'UNASSIGNED';
      steps = planConnector(desired, observed && { config: observed.config, state: engineState });
      for (const step of steps) {
        if (!(await this.apply(url, connector, step, { offsetsRequest, engineState }))) break;
      }
      if (steps.length > 0) log.info({ steps: steps.map((s) => s.kind) }, 'reconciled');
      if (connector.deletedAt) {
        await this.deps.secrets.remove(connector.id);
        this.evidence.delete(connector.id);
        await repo.removeConnector(this.deps.db, connector.id);
        return steps.length > 0;
      }
      const rewritten = steps.some((s) => s.kind !== 'pause' && s.kind !== 'resume');
      const engineStatus = rewritten || steps.length > 0 ? undefined : observed?.status;
      const view = toStatusView(connector.desiredState, rewritten ? undefined : observed?.status, status);
      const restart = await this.autoRestart(url, pool, connector, engineStatus, status?.restart ?? NO_RESTARTS, now);
      await this.writeStatus(connector, status, view, { lastError: '', attempts: 0, nextAttemptAt: null, attemptGeneration: null, restart });
    } catch (err) {
      await this.recordFailure(connector, status, observed, err as Error, now);
    }
    return steps.length > 0;
  }

  /**
   * Restarts what failed for a reason the platform can fix once its wait is over (issue 11); the
   * restart is recorded in the connector's history as the system's. Returns the new schedule.
   */
  private async autoRestart(url: string, pool: ConnectPool, connector: Connector, engine: EngineConnector['status'], before: RestartSchedule, now: Date): Promise<RestartSchedule> {
    const evidence = await this.failureEvidence(pool, connector, engine ? failureTraces(engine) : [], now);
    const decision = planAutoRestart(engine, connector.desiredState, before, now, this.deps.autoRestart ?? DEFAULT_AUTO_RESTART, evidence);
    if (!decision.restart) return decision.schedule;
    await this.deps.client.restart(url, connector.id, { includeTasks: true, onlyFailed: true });
    this.deps.logger.info({ connectorId: connector.id, attempts: decision.schedule.attempts }, 'restarted a failed connector');
    await recordOperation(this.deps.db, {
      operation: 'connect.connector.auto_restart', resourceId: connector.id, actor: 'system', at: now.toISOString(),
      detail: { name: connector.name, attempt: decision.schedule.attempts, failure_class: decision.schedule.failureClass, outcome: 'restarted' },
    });
    return decision.schedule;
  }

  /**
   * A trace that names no cause: the connector's own recent warnings may (a refused password).
   * Read once per failure: while the traces stay the same, so does what the log said about them,
   * and a failed connector is reconciled every pass until fixed or restarted.
   */
  private async failureEvidence(pool: ConnectPool, connector: Connector, traces: string[], now: Date): Promise<string[]> {
    if (traces.length === 0 || classifyFailures(traces) !== 'SYSTEM_ERROR') {
      this.evidence.delete(connector.id);
      return [];
    }
    const key = traces.join('\n');
    const known = this.evidence.get(connector.id);
    if (known?.key === key) return known.lines;
    const lines = await recentWarnings(this.deps.poolLogFile?.(pool.id), connector.id, new Date(now.getTime() - EVIDENCE_WINDOW_MS));
    this.evidence.set(connector.id, { key, lines });
    return lines;
  }

  /** A failure stays with its connector: its status, and a backoff that belongs to this change. */
  private async recordFailure(connector: Connector, status: ConnectorStatus | undefined, observed: EngineConnector | undefined, err: Error, now: Date): Promise<void> {
    const sameChange = status?.attemptGeneration === connector.generation;
    const attempts = (sameChange ? status.attempts : 0) + 1;
    const delay = Math.min(1000 * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    const log = this.deps.logger.child({ connectorId: connector.id });
    log.warn({ attempts, retryInMs: delay, err: err.message }, 'reconcile failed');
    if (connector.deletedAt) return;
    // Connect refusing the config (400) is the connector's failure; anything else is transient.
    const view: StatusView = err instanceof ConnectError && err.status === 400
      ? { state: 'FAILED', trace: err.message, tasks: [] }
      : err instanceof ConnectError && err.unreachable
        ? unreachableView(connector.desiredState, status)
        : toStatusView(connector.desiredState, observed?.status, status);
    await this.writeStatus(connector, status, view, {
      lastError: err.message, attempts, nextAttemptAt: new Date(now.getTime() + delay).toISOString(), attemptGeneration: connector.generation,
    }).catch((writeErr) => log.error({ err: writeErr }, 'status not stored'));
  }

  /**
   * A status Connect reported by itself (its status topic, issue 13): shown at once, its retry
   * schedule kept; steps and automatic restarts wait for the next pass. Never throws.
   */
  async observe(connector: Connector, engine: EngineStatus, status: ConnectorStatus | undefined): Promise<void> {
    if (connector.deletedAt) return;
    await this.writeStatus(connector, status, toStatusView(connector.desiredState, engine, status), {})
      .catch((err) => this.deps.logger.error({ err, connectorId: connector.id }, 'status not stored'));
  }

  /** The pool cannot be reached: what the store shows until it can. */
  async markUnreachable(connector: Connector, status: ConnectorStatus | undefined): Promise<void> {
    await this.writeStatus(connector, status, unreachableView(connector.desiredState, status), {});
  }

  /**
   * The engine config, its secrets as placeholders whose files are written first (an external
   * Connect cannot read our files: it gets the values, as any Connect client would send them).
   */
  private async engineConfig(connector: Connector, pool: ConnectPool): Promise<Record<string, string>> {
    const secrets = this.deps.secrets.collect(connector.id, pool.kind === 'external');
    const engine = await this.buildEngineConfig(connector, secrets.ref);
    await this.deps.secrets.write(connector.id, secrets.files);
    return engine;
  }

  private async buildEngineConfig(connector: Connector, secret: (value: string) => string): Promise<Record<string, string>> {
    const config = fullConfig(connector, this.deps.cipher);
    const schemaRegistry = this.deps.schemaRegistryOf?.(connector.environmentId);
    if (connector.pluginVersionId) {
      // A custom connector runs its plugin's class as the user configured it, in its own pool;
      // its secrets are the keys sealed at rest.
      const connectorClass = connector.config['connector.class'];
      if (!connectorClass) throw new Error(`custom connector ${connector.id} has no connector.class`);
      const secretKeys = new Set(Object.keys(this.deps.cipher.open(connector.sealedSecrets, connector.id)));
      return customEngineConfig(config, { connectorId: connector.id, connectorClass, secretKeys, secret, schemaRegistry });
    }
    const plugin = findManagedPlugin(connector.plugin);
    if (!plugin) throw new Error(`plugin ${connector.plugin} is not in the catalog`);
    const cluster = await findKafkaCluster(this.deps.db, connector.kafkaClusterId);
    if (!cluster) throw new Error(`cluster ${connector.kafkaClusterId} is gone`);
    return plugin.toEngineConfig(config, { connectorId: connector.id, kafkaBootstrapServers: this.deps.addresses.bootstrapServers(cluster), secret, schemaRegistry, allowLoopbackEgress: this.deps.allowLoopbackEgress });
  }

  /** Runs one step; false when the steps after it must wait for the next pass. */
  private async apply(url: string, connector: Connector, step: Step, context: StepContext): Promise<boolean> {
    const { client } = this.deps;
    switch (step.kind) {
      case 'create': return this.createOnce(url, connector, step.config, step.initialState);
      case 'update': await client.putConfig(url, connector.id, step.config); return true;
      case 'stop': await client.stop(url, connector.id); return true;
      case 'alter_offsets':
        await client.alterOffsets(url, connector.id, connector.initialOffsets);
        // Recorded before the connector may run: a crash from here on never re-applies or skips them.
        await repo.updateConnector(this.deps.db, connector.id, { offsetsPending: false });
        return true;
      case 'offsets_request': await this.offsetsJobs.advance(url, connector, context.offsetsRequest!, context.engineState); return true;
      case 'pause': await client.pause(url, connector.id); return true;
      case 'resume': await client.resume(url, connector.id); return true;
      case 'delete': await client.delete(url, connector.id); return true;
    }
  }

  /**
   * Creates the engine connector; false when it appeared since this pass listed the pool (Connect
   * answers 409 "already exists", the id being ours): the next pass reconciles it like any other.
   */
  private async createOnce(url: string, connector: Connector, config: Record<string, string>, state: 'RUNNING' | 'PAUSED' | 'STOPPED'): Promise<boolean> {
    try {
      await this.deps.client.create(url, connector.id, config, state);
      return true;
    } catch (err) {
      if (err instanceof ConnectError && err.status === 409 && /already exists/.test(err.message)) return false;
      throw err;
    }
  }

  /** Writes the status only when something in it changed (C16: no write on unchanged passes). */
  private async writeStatus(connector: Connector, before: ConnectorStatus | undefined, view: StatusView, schedule: Schedule): Promise<void> {
    const next: Omit<ConnectorStatus, 'observedAt'> = {
      state: view.state, trace: view.trace, tasks: view.tasks,
      lastError: schedule.lastError ?? before?.lastError ?? '', attempts: schedule.attempts ?? before?.attempts ?? 0,
      nextAttemptAt: schedule.nextAttemptAt !== undefined ? schedule.nextAttemptAt : before?.nextAttemptAt ?? null,
      attemptGeneration: schedule.attemptGeneration !== undefined ? schedule.attemptGeneration : before?.attemptGeneration ?? null,
      hasRun: before?.hasRun === true || view.state === 'RUNNING',
      restart: schedule.restart ?? before?.restart ?? NO_RESTARTS,
    };
    if (before && sameStatus(before, next)) return;
    await repo.upsertStatus(this.deps.db, connector.id, { ...next, observedAt: this.deps.now().toISOString() });
  }
}

function sameStatus(a: Omit<ConnectorStatus, 'observedAt'>, b: Omit<ConnectorStatus, 'observedAt'>): boolean {
  return a.state === b.state && a.trace === b.trace && JSON.stringify(a.tasks) === JSON.stringify(b.tasks) && a.lastError === b.lastError
    && a.attempts === b.attempts && a.nextAttemptAt === b.nextAttemptAt && a.attemptGeneration === b.attemptGeneration && a.hasRun === b.hasRun
    && JSON.stringify(a.restart) === JSON.stringify(b.restart);
}
