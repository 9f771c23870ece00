// One connector, one pass (C15–C17): plan the steps from desired and observed state, run them
// in order, write the observed status back. A failure is caught here, written into the
// connector's status with a backoff that belongs to the change it was trying to apply, so a
// newer change (config, pause, resume, delete) is tried at once.
import type { Logger } from 'pino';
import { findManagedPlugin } from '../core/catalog/index.ts';
import { toStatusView, unreachableView, type PreviousStatus, type StatusView, type TaskView } from '../core/connector-state.ts';
import { planConnector, type Step } from '../core/reconcile/plan.ts';
import type { Store } from '../store/database.ts';
import * as repo from '../store/connectors.ts';
import { findKafkaCluster } from '../store/identity.ts';
import type { ConnectorRow, ConnectorStatusRow } from '../store/schema.ts';
import type { Addresses } from './addresses.ts';
import { ConnectError, type ConnectClient, type EngineConnector } from './connect-client.ts';

/** A stored connector's full config, its secrets decrypted (the store's cipher). */
export type ConnectorCipher = (row: ConnectorRow) => Record<string, string>;

export interface ConnectorReconcilerDeps {
  db: Store;
  client: ConnectClient;
  addresses: Addresses;
  cipher: ConnectorCipher;
  logger: Logger;
  now: () => Date;
}

const MAX_BACKOFF_MS = 60_000;

type Schedule = Partial<Pick<ConnectorStatusRow, 'last_error' | 'attempts' | 'next_attempt_at' | 'attempt_generation'>>;

export class ConnectorReconciler {
  constructor(private readonly deps: ConnectorReconcilerDeps) {}

  /** Reconciles one connector; true when it sent Connect any write. Never throws. */
  async reconcile(url: string, poolId: string, row: ConnectorRow, observed: EngineConnector | undefined, status: ConnectorStatusRow | undefined): Promise<boolean> {
    const log = this.deps.logger.child({ connectorId: row.id, poolId });
    const now = this.deps.now();
    // The backoff of a failure holds only for the change that failed (C17, issue 7 #17).
    const backingOff = status?.next_attempt_at && status.attempt_generation === row.generation && new Date(status.next_attempt_at) > now;
    if (backingOff) return false;
    const previous = previousOf(status);
    let steps: Step[] = [];
    try {
      const desired = row.deleted_at
        ? undefined
        : { engineName: row.id, engineConfig: await this.engineConfig(row), state: row.desired_state, offsetsPending: row.offsets_pending === 1 };
      steps = planConnector(desired, observed && { config: observed.config, state: observed.status?.connector.state ?? 'UNASSIGNED' });
      for (const step of steps) {
        if (!(await this.apply(url, row, step))) break;
      }
      if (steps.length > 0) log.info({ steps: steps.map((s) => s.kind) }, 'reconciled');
      if (row.deleted_at) {
        await repo.removeConnector(this.deps.db, row.id);
        return steps.length > 0;
      }
      const rewritten = steps.some((s) => s.kind !== 'pause' && s.kind !== 'resume');
      const view = toStatusView(row.desired_state, rewritten ? undefined : observed?.status, previous);
      await this.writeStatus(row, status, view, { last_error: '', attempts: 0, next_attempt_at: null, attempt_generation: null });
    } catch (err) {
      const sameChange = status?.attempt_generation === row.generation;
      const attempts = (sameChange ? status.attempts : 0) + 1;
      const delay = Math.min(1000 * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      const message = (err as Error).message;
      log.warn({ attempts, retryInMs: delay, err: message }, 'reconcile failed');
      if (!row.deleted_at) {
        // Connect refusing the config (400) is the connector's failure; anything else is transient.
        const view: StatusView = err instanceof ConnectError && err.status === 400
          ? { state: 'FAILED', trace: message, tasks: [] }
          : err instanceof ConnectError && err.unreachable
            ? unreachableView(row.desired_state, previous)
            : toStatusView(row.desired_state, observed?.status, previous);
        await this.writeStatus(row, status, view, {
          last_error: message, attempts, next_attempt_at: new Date(now.getTime() + delay).toISOString(), attempt_generation: row.generation,
        }).catch((writeErr) => log.error({ err: writeErr }, 'status not stored'));
      }
    }
    return steps.length > 0;
  }

  /** The pool cannot be reached: what the store shows until it can. */
  async markUnreachable(row: ConnectorRow, status: ConnectorStatusRow | undefined): Promise<void> {
    await this.writeStatus(row, status, unreachableView(row.desired_state, previousOf(status)), {});
  }

  private async engineConfig(row: ConnectorRow): Promise<Record<string, string>> {
    const plugin = findManagedPlugin(row.plugin);
    if (!plugin) throw new Error(`plugin ${row.plugin} is not in the catalog`);
    const cluster = await findKafkaCluster(this.deps.db, row.kafka_cluster_id);
    if (!cluster) throw new Error(`cluster ${row.kafka_cluster_id} is gone`);
    return plugin.toEngineConfig(this.deps.cipher(row), {
      connectorId: row.id, kafkaBootstrapServers: this.deps.addresses.bootstrapServers(cluster),
    });
  }

  /** Runs one step; false when the steps after it must wait for the next pass. */
  private async apply(url: string, row: ConnectorRow, step: Step): Promise<boolean> {
    const { client } = this.deps;
    switch (step.kind) {
      case 'create': return this.createOnce(url, row, step.config, step.initialState);
      case 'update': await client.putConfig(url, row.id, step.config); return true;
      case 'stop': await client.stop(url, row.id); return true;
      case 'alter_offsets':
        await client.alterOffsets(url, row.id, JSON.parse(row.initial_offsets) as unknown[]);
        // Recorded before the connector may run: a crash from here on never re-applies or skips them.
        await repo.updateConnector(this.deps.db, row.id, { offsets_pending: 0 });
        return true;
      case 'pause': await client.pause(url, row.id); return true;
      case 'resume': await client.resume(url, row.id); return true;
      case 'delete': await client.delete(url, row.id); return true;
    }
  }

  /**
   * Creates the engine connector; false when it appeared since this pass listed the pool (Connect
   * answers 409 "already exists", the id being ours): the next pass reconciles it like any other.
   */
  private async createOnce(url: string, row: ConnectorRow, config: Record<string, string>, state: 'RUNNING' | 'PAUSED' | 'STOPPED'): Promise<boolean> {
    try {
      await this.deps.client.create(url, row.id, config, state);
      return true;
    } catch (err) {
      if (err instanceof ConnectError && err.status === 409 && /already exists/.test(err.message)) return false;
      throw err;
    }
  }

  private async writeStatus(row: ConnectorRow, before: ConnectorStatusRow | undefined, view: StatusView, schedule: Schedule): Promise<void> {
    const next = {
      connector_id: row.id, state: view.state, trace: view.trace, tasks: JSON.stringify(view.tasks),
      last_error: schedule.last_error ?? before?.last_error ?? '', attempts: schedule.attempts ?? before?.attempts ?? 0,
      next_attempt_at: schedule.next_attempt_at !== undefined ? schedule.next_attempt_at : before?.next_attempt_at ?? null,
      attempt_generation: schedule.attempt_generation !== undefined ? schedule.attempt_generation : before?.attempt_generation ?? null,
      has_run: before?.has_run === 1 || view.state === 'RUNNING' ? 1 : 0,
    };
    const unchanged = before && (Object.keys(next) as (keyof typeof next)[]).every((k) => before[k] === next[k]);
    if (unchanged) return;
    await repo.upsertStatus(this.deps.db, { ...next, observed_at: this.deps.now().toISOString() });
  }
}

function previousOf(status: ConnectorStatusRow | undefined): PreviousStatus | undefined {
  return status && { state: status.state, tasks: JSON.parse(status.tasks) as TaskView[], hasRun: status.has_run === 1 };
}
