// The connector service: every change is written to the store, with its operation record, in
// one transaction, before anything reaches Kafka Connect; the reconciler takes it from there.
// Reads answer from the store alone.
import { randomBytes } from 'node:crypto';
import { sensitiveKeys } from '../core/catalog/index.ts';
import { MASK, splitSecrets, type ConnectorConfig } from '../core/connector-config.ts';
import type { DesiredState } from '../core/connector-state.ts';
import { validateOffsets } from '../core/connector-offsets.ts';
import type { ValidationReport } from '../core/config-validation.ts';
import { AlreadyExists, InvalidRequest, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Store } from '../store/database.ts';
import * as repo from '../store/connectors.ts';
import { withOperation } from '../store/identity.ts';
import type { ConnectorRow, ConnectorStatusRow, KafkaCluster } from '../store/schema.ts';
import { decryptConnectorConfig, type ConfigCipher } from './config-cipher.ts';
import type { AcceptedConfig, ConnectorInput } from './connector-input.ts';
import type { Topology } from './topology.ts';

export interface Scope {
  environmentId: string;
  clusterId: string;
}

export interface ConnectorRecord {
  row: ConnectorRow;
  status: ConnectorStatusRow | undefined;
  cluster: KafkaCluster;
}

export interface ConnectorServiceDeps {
  db: Store;
  topology: Topology;
  input: ConnectorInput;
  cipher: ConfigCipher;
  /** Wakes the reconciler after a change. */
  onChange: () => void;
  now: () => Date;
}

export class ConnectorService {
  constructor(private readonly deps: ConnectorServiceDeps) {}

  cluster(scope: Scope): Promise<KafkaCluster> {
    return this.deps.topology.clusterInEnvironment(scope.environmentId, scope.clusterId);
  }

  async list(scope: Scope): Promise<ConnectorRecord[]> {
    const cluster = await this.cluster(scope);
    const rows = await repo.listLiveConnectors(this.deps.db, cluster.id);
    const statuses = await repo.findStatuses(this.deps.db, rows.map((r) => r.id));
    return rows.map((row) => ({ row, status: statuses.get(row.id), cluster }));
  }

  async get(scope: Scope, name: string): Promise<ConnectorRecord> {
    const cluster = await this.cluster(scope);
    const row = await repo.findLiveConnector(this.deps.db, cluster.id, name);
    if (!row) throw new NotFound('resource not found');
    const status = (await repo.findStatuses(this.deps.db, [row.id])).get(row.id);
    return { row, status, cluster };
  }

  async create(scope: Scope, body: { name?: unknown; config?: unknown; offsets?: unknown }, actor: string): Promise<ConnectorRecord> {
    const cluster = await this.cluster(scope);
    const rawName = body.name ?? (isObject(body.config) ? body.config.name : undefined);
    if (typeof rawName !== 'string') throw new InvalidRequest('The connector needs a name: set "name" or config.name');
    if (body.config === undefined) throw new InvalidRequest('The request needs a "config" object');
    const config = this.deps.input.parse(body.config, rawName);
    const accepted = await this.deps.input.accept(cluster, config, undefined);
    // Checked against the plugin's offset shape before anything is stored (issue 7.19).
    const offsets = validateOffsets(body.offsets, accepted.plugin);
    const row = await this.insert(cluster, accepted, offsets, actor);
    return { row, status: undefined, cluster };
  }

  async validate(scope: Scope, pluginName: string, raw: unknown): Promise<ValidationReport> {
    return this.deps.input.validate(await this.cluster(scope), pluginName, raw);
  }

  /** PUT …/config: create-or-replace; the body is the complete config. */
  async putConfig(scope: Scope, name: string, rawConfig: unknown, actor: string): Promise<ConnectorRecord> {
    const cluster = await this.cluster(scope);
    const config = this.deps.input.parse(rawConfig, name);
    const existing = await repo.findLiveConnector(this.deps.db, cluster.id, name);
    if (!existing) return { row: await this.insert(cluster, await this.deps.input.accept(cluster, config, undefined), [], actor), status: undefined, cluster };
    const accepted = await this.deps.input.accept(cluster, config, this.fullConfig(existing));
    const stored = this.storedConfig(accepted, existing.id);
    const at = this.deps.now().toISOString();
    await withOperation(this.deps.db, { operation: 'connect.connector.update', resourceId: existing.id, actor, at, detail: { name } },
      (tx) => repo.updateConnector(tx, existing.id, { ...stored, generation: existing.generation + 1, updated_at: at }));
    this.deps.onChange();
    return this.get(scope, name);
  }

  async delete(scope: Scope, name: string, actor: string): Promise<void> {
    const { row } = await this.get(scope, name);
    const at = this.deps.now().toISOString();
    await withOperation(this.deps.db, { operation: 'connect.connector.delete', resourceId: row.id, actor, at, detail: { name } },
      (tx) => repo.updateConnector(tx, row.id, { deleted_at: at, generation: row.generation + 1, updated_at: at }));
    this.deps.onChange();
  }

  async setDesiredState(scope: Scope, name: string, state: DesiredState, actor: string): Promise<void> {
    const { row } = await this.get(scope, name);
    if (row.desired_state === state) return;
    const at = this.deps.now().toISOString();
    await withOperation(this.deps.db, { operation: state === 'PAUSED' ? 'connect.connector.pause' : 'connect.connector.resume', resourceId: row.id, actor, at, detail: { name } },
      (tx) => repo.updateConnector(tx, row.id, { desired_state: state, generation: row.generation + 1, updated_at: at }));
    this.deps.onChange();
  }

  /** The stored config with its secrets decrypted (for the engine and the mask round trip). */
  fullConfig(row: ConnectorRow): ConnectorConfig {
    return decryptConnectorConfig(row, this.deps.cipher);
  }

  private storedConfig(accepted: AcceptedConfig, connectorId: string) {
    const { plain, secrets } = splitSecrets(accepted.config, sensitiveKeys(accepted.plugin));
    // The plain column keeps the secret keys' names (masked), so reads never decrypt.
    for (const key of Object.keys(secrets)) plain[key] = MASK;
    return { plugin: accepted.plugin.alias, connector_type: accepted.plugin.type, config: JSON.stringify(plain), secret_config: this.deps.cipher.seal(secrets, connectorId) };
  }

  private async insert(cluster: KafkaCluster, accepted: AcceptedConfig, offsets: unknown[], actor: string): Promise<ConnectorRow> {
    const at = this.deps.now().toISOString();
    const name = accepted.config.name!;
    const id = newId('connector', randomBytes);
    const row: ConnectorRow = {
      id, environment_id: cluster.environment_id, kafka_cluster_id: cluster.id, name,
      ...this.storedConfig(accepted, id), desired_state: 'RUNNING', initial_offsets: JSON.stringify(offsets), offsets_pending: offsets.length > 0 ? 1 : 0,
      generation: 1, created_at: at, updated_at: at, deleted_at: null,
    };
    try {
      await withOperation(this.deps.db, { operation: 'connect.connector.create', resourceId: row.id, actor, at, detail: { name, plugin: row.plugin } }, async (tx) => {
        if (await repo.findLiveConnector(tx, cluster.id, name)) throw new AlreadyExists(`A connector named "${name}" already exists`);
        await repo.insertConnector(tx, row);
      });
    } catch (err) {
      if (/UNIQUE constraint failed/.test((err as Error).message)) throw new AlreadyExists(`A connector named "${name}" already exists`);
      throw err;
    }
    this.deps.onChange();
    return row;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
