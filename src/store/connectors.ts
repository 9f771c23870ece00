// Repository of connectors and their observed status (C11): the one place that encodes and
// decodes their JSON columns. A name taken by a live connector of the cluster is refused here,
// whatever the database says it in (AlreadyExists).
import type { Selectable } from 'kysely';
import type { Connector, ConnectorStatus } from '../core/connector.ts';
import type { ConnectorConfig } from '../core/connector-config.ts';
import type { ConnectorOffset } from '../core/connector-offsets.ts';
import type { ConnectorState, TaskView } from '../core/connector-state.ts';
import { AlreadyExists } from '../core/errors.ts';
import type { Executor } from './database.ts';
import type { ConnectorStatusTable, ConnectorTable } from './schema.ts';

function toConnector(row: Selectable<ConnectorTable>): Connector {
  return {
    id: row.id, environmentId: row.environment_id, kafkaClusterId: row.kafka_cluster_id, name: row.name, plugin: row.plugin,
    pluginVersionId: row.plugin_version_id, poolId: row.connect_pool_id,
    type: row.connector_type, config: JSON.parse(row.config) as ConnectorConfig, sealedSecrets: row.secret_config,
    desiredState: row.desired_state, initialOffsets: JSON.parse(row.initial_offsets) as ConnectorOffset[],
    offsetsPending: row.offsets_pending === 1, generation: row.generation,
    createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at,
  };
}

function toStatus(row: Selectable<ConnectorStatusTable>): ConnectorStatus {
  return {
    state: row.state as ConnectorState, trace: row.trace, tasks: JSON.parse(row.tasks) as TaskView[], observedAt: row.observed_at,
    lastError: row.last_error, attempts: row.attempts, nextAttemptAt: row.next_attempt_at, hasRun: row.has_run === 1,
    attemptGeneration: row.attempt_generation,
    restart: {
      attempts: row.restart_attempts, nextAt: row.next_restart_at, lastAt: row.last_restart_at,
      failureClass: row.failure_class as ConnectorStatus['restart']['failureClass'],
    },
  };
}

const nameTaken = (name: string) => new AlreadyExists(`A connector named "${name}" already exists`);

/** Inserts a new connector; AlreadyExists when a live one of its cluster has the name. */
export async function insertConnector(db: Executor, c: Connector): Promise<void> {
  if (await findLiveConnector(db, c.kafkaClusterId, c.name)) throw nameTaken(c.name);
  try {
    await db.insertInto('connectors').values({
      id: c.id, environment_id: c.environmentId, kafka_cluster_id: c.kafkaClusterId, name: c.name, plugin: c.plugin,
      plugin_version_id: c.pluginVersionId, connect_pool_id: c.poolId,
      connector_type: c.type, config: JSON.stringify(c.config), secret_config: c.sealedSecrets, desired_state: c.desiredState,
      initial_offsets: JSON.stringify(c.initialOffsets), offsets_pending: c.offsetsPending ? 1 : 0, generation: c.generation,
      created_at: c.createdAt, updated_at: c.updatedAt, deleted_at: c.deletedAt,
    }).execute();
  } catch (err) {
    // Two creates racing past the lookup: the unique index on live names has the last word.
    if (await findLiveConnector(db, c.kafkaClusterId, c.name).catch(() => undefined)) throw nameTaken(c.name);
    throw err;
  }
}

export async function findLiveConnector(db: Executor, clusterId: string, name: string): Promise<Connector | undefined> {
  const row = await db.selectFrom('connectors').selectAll()
    .where('kafka_cluster_id', '=', clusterId).where('name', '=', name).where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && toConnector(row);
}

export async function listLiveConnectors(db: Executor, clusterId: string): Promise<Connector[]> {
  const rows = await db.selectFrom('connectors').selectAll()
    .where('kafka_cluster_id', '=', clusterId).where('deleted_at', 'is', null)
    .orderBy('name').execute();
  return rows.map(toConnector);
}

/**
 * Every connector a pool should (or should no longer) run, deleted ones included: custom ones
 * name their pool; managed ones run in their cluster's.
 */
export async function listConnectorsOfPool(db: Executor, poolId: string): Promise<Connector[]> {
  const rows = await db.selectFrom('connectors').selectAll('connectors')
    .innerJoin('kafka_clusters', 'kafka_clusters.id', 'connectors.kafka_cluster_id')
    .where((eb) => eb.or([
      eb('connectors.connect_pool_id', '=', poolId),
      eb.and([eb('connectors.connect_pool_id', 'is', null), eb('kafka_clusters.connect_pool_id', '=', poolId)]),
    ]))
    .execute();
  return rows.map(toConnector);
}

/** How many connectors (deleted ones not yet gone from the engine included) run a plugin version. */
export async function countConnectorsOfVersion(db: Executor, versionId: string): Promise<number> {
  const row = await db.selectFrom('connectors').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plugin_version_id', '=', versionId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ConnectorChanges = Partial<Pick<Connector,
  'plugin' | 'type' | 'config' | 'sealedSecrets' | 'desiredState' | 'offsetsPending' | 'generation' | 'updatedAt' | 'deletedAt'>>;

export async function updateConnector(db: Executor, id: string, changes: ConnectorChanges): Promise<void> {
  await db.updateTable('connectors').set({
    plugin: changes.plugin,
    connector_type: changes.type,
    config: changes.config && JSON.stringify(changes.config),
    secret_config: changes.sealedSecrets,
    desired_state: changes.desiredState,
    offsets_pending: changes.offsetsPending === undefined ? undefined : changes.offsetsPending ? 1 : 0,
    generation: changes.generation,
    updated_at: changes.updatedAt,
    deleted_at: changes.deletedAt,
  }).where('id', '=', id).execute();
}

export async function removeConnector(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('offsets_requests').where('connector_id', '=', id).execute();
  await db.deleteFrom('connector_status').where('connector_id', '=', id).execute();
  await db.deleteFrom('connectors').where('id', '=', id).execute();
}

export async function findStatuses(db: Executor, ids: string[]): Promise<Map<string, ConnectorStatus>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('connector_status').selectAll().where('connector_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.connector_id, toStatus(r)]));
}

export async function upsertStatus(db: Executor, connectorId: string, status: ConnectorStatus): Promise<void> {
  const columns = {
    state: status.state, trace: status.trace, tasks: JSON.stringify(status.tasks), observed_at: status.observedAt,
    last_error: status.lastError, attempts: status.attempts, next_attempt_at: status.nextAttemptAt,
    has_run: status.hasRun ? 1 : 0, attempt_generation: status.attemptGeneration,
    restart_attempts: status.restart.attempts, next_restart_at: status.restart.nextAt, last_restart_at: status.restart.lastAt,
    failure_class: status.restart.failureClass,
  };
  await db.insertInto('connector_status').values({ connector_id: connectorId, ...columns })
    .onConflict((oc) => oc.column('connector_id').doUpdateSet(columns))
    .execute();
}
