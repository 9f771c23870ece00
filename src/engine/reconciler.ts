// Drives every Connect pool toward the store (C15–C17). One pass at a time, so writes to a
// connector never interleave; a pass runs every `intervalMs` and right after each change. A
// failure stays with its connector (status + backoff in the store); the loop never throws.
import type { Logger } from 'pino';
import { findManagedPlugin } from '../core/catalog/index.ts';
import { toStatusView, type StatusView } from '../core/connector-state.ts';
import { planConnector, type Step } from '../core/reconcile/plan.ts';
import { decryptConnectorConfig, type ConfigCipher } from '../services/config-cipher.ts';
import type { Topology } from '../services/topology.ts';
import type { Store } from '../store/database.ts';
import * as repo from '../store/connectors.ts';
import { findKafkaCluster, listConnectPools } from '../store/identity.ts';
import type { ConnectPool, ConnectorRow, ConnectorStatusRow } from '../store/schema.ts';
import { ConnectError, type ConnectClient, type EngineConnector } from './connect-client.ts';

export interface ReconcilerDeps {
  db: Store;
  client: ConnectClient;
  topology: Topology;
  cipher: ConfigCipher;
  logger: Logger;
  now: () => Date;
  intervalMs: number;
}

const MAX_BACKOFF_MS = 60_000;
/** After a pass that changed something, look again soon: Connect reports new states quickly. */
const FOLLOW_UP_MS = 250;

export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Set by a pass that sent any write to Connect. */
  private changed = false;
  /** Pools last seen unreachable, so the warning is logged once per outage. */
  private readonly unreachable = new Set<string>();

  constructor(private readonly deps: ReconcilerDeps) {}

  start(): void {
    this.stopped = false;
    this.poke();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Asks for a pass as soon as the current one (if any) ends. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.poke();
      } else {
        this.timer = setTimeout(() => this.poke(), this.changed ? FOLLOW_UP_MS : this.deps.intervalMs);
      }
    });
  }

  /** One pass over every pool; never throws. */
  async pass(): Promise<void> {
    this.changed = false;
    try {
      for (const pool of await listConnectPools(this.deps.db)) await this.reconcilePool(pool);
    } catch (err) {
      this.deps.logger.error({ err }, 'reconcile pass failed');
    }
  }

  private async reconcilePool(pool: ConnectPool): Promise<void> {
    const poolId = pool.id;
    const url = this.deps.topology.connectUrl(pool);
    if (!url) return;
    const rows = await repo.listConnectorsOfPool(this.deps.db, poolId);
    const statuses = await repo.findStatuses(this.deps.db, rows.map((r) => r.id));
    let observed: Map<string, EngineConnector>;
    try {
      observed = await this.deps.client.list(url);
    } catch (err) {
      if (!(err instanceof ConnectError)) throw err;
      if (!this.unreachable.has(poolId)) this.deps.logger.warn({ poolId, err: err.message }, 'Connect pool unreachable');
      this.unreachable.add(poolId);
      for (const row of rows.filter((r) => !r.deleted_at)) {
        await this.writeStatus(row, statuses.get(row.id), unreachableView(row, statuses.get(row.id)), {});
      }
      return;
    }
    if (this.unreachable.delete(poolId)) this.deps.logger.info({ poolId }, 'Connect pool reachable again');
    const known = new Set(rows.map((r) => r.id));
    for (const row of rows) await this.reconcileConnector(url, poolId, row, observed.get(row.id), statuses.get(row.id));
    for (const name of observed.keys()) {
      if (known.has(name)) continue;
      // Drift: a connector we do not know runs in our pool.
      this.deps.logger.warn({ poolId, engineConnector: name }, 'removing a connector the store does not know');
      await this.deps.client.delete(url, name).catch((err) => this.deps.logger.warn({ poolId, err: (err as Error).message }, 'drift removal failed'));
    }
  }

  private async reconcileConnector(url: string, poolId: string, row: ConnectorRow, observed: EngineConnector | undefined, status: ConnectorStatusRow | undefined): Promise<void> {
    const log = this.deps.logger.child({ connectorId: row.id, poolId });
    const now = this.deps.now();
    if (status?.next_attempt_at && new Date(status.next_attempt_at) > now) return;
    let steps: Step[] = [];
    try {
      const desired = row.deleted_at ? undefined : { engineName: row.id, engineConfig: await this.engineConfig(row), state: row.desired_state };
      steps = planConnector(desired, observed && { config: observed.config, state: observed.status?.connector.state ?? 'UNASSIGNED' });
      for (const step of steps) await this.apply(url, row, step);
      if (steps.length > 0) {
        this.changed = true;
        log.info({ steps: steps.map((s) => s.kind) }, 'reconciled');
      }
      if (row.deleted_at) {
        await repo.removeConnector(this.deps.db, row.id);
        return;
      }
      const view = steps.some((s) => s.kind === 'create' || s.kind === 'update')
        ? toStatusView(row.desired_state, undefined)
        : toStatusView(row.desired_state, observed?.status);
      await this.writeStatus(row, status, view, { last_error: '', attempts: 0, next_attempt_at: null });
    } catch (err) {
      const attempts = (status?.attempts ?? 0) + 1;
      const delay = Math.min(1000 * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      const message = (err as Error).message;
      log.warn({ attempts, retryInMs: delay, err: message }, 'reconcile failed');
      if (row.deleted_at) return;
      // Connect refusing the config (400) is the connector's failure; anything else is transient.
      const refused = err instanceof ConnectError && err.status === 400;
      const view: StatusView = refused
        ? { state: 'FAILED', trace: message, tasks: [] }
        : toStatusView(row.desired_state, observed?.status, !(err instanceof ConnectError && err.unreachable));
      await this.writeStatus(row, status, view, { last_error: message, attempts, next_attempt_at: new Date(now.getTime() + delay).toISOString() });
    }
  }

  private async engineConfig(row: ConnectorRow): Promise<Record<string, string>> {
    const plugin = findManagedPlugin(row.plugin);
    if (!plugin) throw new Error(`plugin ${row.plugin} is not in the catalog`);
    const cluster = await findKafkaCluster(this.deps.db, row.kafka_cluster_id);
    if (!cluster) throw new Error(`cluster ${row.kafka_cluster_id} is gone`);
    return plugin.toEngineConfig(decryptConnectorConfig(row, this.deps.cipher), {
      connectorId: row.id, kafkaBootstrapServers: this.deps.topology.bootstrapServers(cluster),
    });
  }

  private async apply(url: string, row: ConnectorRow, step: Step): Promise<void> {
    const { client } = this.deps;
    switch (step.kind) {
      case 'create': {
        const offsets = JSON.parse(row.initial_offsets) as unknown[];
        // Starting offsets can only be written while the connector is STOPPED (KIP-875).
        const created = await this.createOnce(url, row, step.config, offsets.length === 0 ? step.initialState : 'STOPPED');
        if (!created || offsets.length === 0) return;
        await client.alterOffsets(url, row.id, offsets);
        return step.initialState === 'PAUSED' ? client.pause(url, row.id) : client.resume(url, row.id);
      }
      case 'update': return client.putConfig(url, row.id, step.config);
      case 'pause': return client.pause(url, row.id);
      case 'resume': return client.resume(url, row.id);
      case 'delete': return client.delete(url, row.id);
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

  private async writeStatus(row: ConnectorRow, before: ConnectorStatusRow | undefined, view: StatusView, schedule: Partial<Pick<ConnectorStatusRow, 'last_error' | 'attempts' | 'next_attempt_at'>>): Promise<void> {
    const next = {
      connector_id: row.id, state: view.state, trace: view.trace, tasks: JSON.stringify(view.tasks),
      last_error: schedule.last_error ?? before?.last_error ?? '', attempts: schedule.attempts ?? before?.attempts ?? 0,
      next_attempt_at: schedule.next_attempt_at !== undefined ? schedule.next_attempt_at : before?.next_attempt_at ?? null,
    };
    const unchanged = before && before.state === next.state && before.trace === next.trace && before.tasks === next.tasks
      && before.last_error === next.last_error && before.attempts === next.attempts && before.next_attempt_at === next.next_attempt_at;
    if (unchanged) return;
    await repo.upsertStatus(this.deps.db, { ...next, observed_at: this.deps.now().toISOString() });
  }
}

function unreachableView(row: ConnectorRow, status: ConnectorStatusRow | undefined): StatusView {
  const tasks = status ? (JSON.parse(status.tasks) as StatusView['tasks']) : [];
  const everRan = status !== undefined && status.state !== 'PROVISIONING';
  if (!everRan) return { state: 'PROVISIONING', trace: 'Waiting for the Kafka Connect pool to become reachable', tasks };
  return {
    state: row.desired_state === 'PAUSED' ? 'PAUSED' : 'DEGRADED',
    trace: 'The Kafka Connect pool is unreachable; showing the last known task states',
    tasks: tasks.map((t) => ({ ...t, state: 'UNASSIGNED' })),
  };
}
