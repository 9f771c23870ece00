// The connector service: every change is written to the store, with its operation record, in
// one transaction, before anything reaches Kafka Connect; the reconciler takes it from there.
// Reads answer from the store alone.
import { randomBytes } from 'node:crypto';
import { findManagedPlugin, sensitiveKeys } from '../core/catalog/index.ts';
import type { KafkaCluster } from '../core/cluster.ts';
import type { Connector, ConnectorStatus } from '../core/connector.ts';
import { MASK, splitSecrets, type ConnectorConfig } from '../core/connector-config.ts';
import { validateOffsets, type ConnectorOffset } from '../core/connector-offsets.ts';
import type { DesiredState } from '../core/connector-state.ts';
import type { ValidationReport } from '../core/config-validation.ts';
import { InvalidRequest, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { fullConfig, type ConfigCipher } from '../store/config-cipher.ts';
import * as repo from '../store/connectors.ts';
import type { Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import { ReadCache } from '../store/read-cache.ts';
import { customSensitiveKeys, KAFKA_CREDENTIAL_KEYS } from '../core/custom-connector.ts';
import { findVersionsByIds } from '../store/plugins.ts';
import { configChanges } from '../core/operate/config-changes.ts';
import { connectorTypeOf, offsetTargetOf, sensitiveKeysOf, type AcceptedConfig, type ConnectorInput } from './connector-input.ts';
import type { Topology } from './topology.ts';

export interface Scope {
  environmentId: string;
  clusterId: string;
}

/** POST …/connectors, as its schema lets it through: config values are checked here. */
export interface NewConnector {
  name?: string;
  config: Record<string, unknown>;
  offsets?: unknown[];
}

/** A connector with what the engine was last seen doing, and its cluster (for answers). */
export interface ConnectorRecord {
  connector: Connector;
  status: ConnectorStatus | undefined;
  cluster: KafkaCluster;
  /** Its plugin's sensitive keys: masked in every answer. */
  sensitive: ReadonlySet<string>;
}

/** Where a custom connector runs: its plugin version's pool for its cluster (made when missing). */
export interface CustomPools {
  poolFor(cluster: KafkaCluster, versionId: string): Promise<string>;
}

export interface ConnectorServiceDeps {
  db: Store;
  topology: Topology;
  input: ConnectorInput;
  customPools: CustomPools;
  cipher: ConfigCipher;
  /** Wakes the reconciler after a change. */
  onChange: () => void;
  now: () => Date;
}

export class ConnectorService {
  /**
   * Reads as the store answered them, until it is next written (store/read-cache.ts): a status
   * read is mostly the same answer again (issue 13). Records are shared: nobody changes them.
   */
  private readonly lists: ReadCache<ConnectorRecord[]>;
  private readonly records: ReadCache<ConnectorRecord>;

  constructor(private readonly deps: ConnectorServiceDeps) {
    this.lists = new ReadCache(deps.db);
    this.records = new ReadCache(deps.db);
  }

  cluster(scope: Scope): Promise<KafkaCluster> {
    return this.deps.topology.clusterInEnvironment(scope.environmentId, scope.clusterId);
  }

  async list(scope: Scope): Promise<ConnectorRecord[]> {
    return (await this.lists.get(`${scope.environmentId}/${scope.clusterId}`, () => this.listFromStore(scope)))!;
  }

  async get(scope: Scope, name: string): Promise<ConnectorRecord> {
    return (await this.records.get(`${scope.environmentId}/${scope.clusterId}/${name}`, () => this.getFromStore(scope, name)))!;
  }

  private async listFromStore(scope: Scope): Promise<ConnectorRecord[]> {
    const cluster = await this.cluster(scope);
    const connectors = await repo.listLiveConnectors(this.deps.db, cluster.id);
    const statuses = await repo.findStatuses(this.deps.db, connectors.map((c) => c.id));
    const sensitive = await this.sensitiveKeys(connectors);
    return connectors.map((connector) => ({ connector, status: statuses.get(connector.id), cluster, sensitive: sensitive(connector) }));
  }

  private async getFromStore(scope: Scope, name: string): Promise<ConnectorRecord> {
    const cluster = await this.cluster(scope);
    const connector = await repo.findLiveConnector(this.deps.db, cluster.id, name);
    if (!connector) throw new NotFound('resource not found');
    const status = (await repo.findStatuses(this.deps.db, [connector.id])).get(connector.id);
    return { connector, status, cluster, sensitive: (await this.sensitiveKeys([connector]))(connector) };
  }

  async create(scope: Scope, input: NewConnector, actor: string): Promise<ConnectorRecord> {
    const cluster = await this.cluster(scope);
    const name = input.name ?? input.config.name;
    if (typeof name !== 'string') throw new InvalidRequest('The connector needs a name: set "name" or config.name');
    const config = this.deps.input.parse(input.config, name);
    const accepted = await this.deps.input.accept(cluster, config, undefined);
    // Checked against the plugin's offset shape before anything is stored (issue 7.19).
    const offsets = validateOffsets(input.offsets, offsetTargetOf(accepted.plugin));
    const connector = await this.insert(cluster, accepted, offsets, actor);
    return { connector, status: undefined, cluster, sensitive: sensitiveKeysOf(accepted.plugin) };
  }

  /** The body is optional and reported on, not refused: anything but a flat JSON object is a 400. */
  async validate(scope: Scope, pluginName: string, raw: unknown): Promise<ValidationReport> {
    return this.deps.input.validate(await this.cluster(scope), pluginName, raw);
  }

  /** PUT …/config: create-or-replace; the body is the complete config. */
  async putConfig(scope: Scope, name: string, rawConfig: Record<string, unknown>, actor: string): Promise<ConnectorRecord> {
    const cluster = await this.cluster(scope);
    const config = this.deps.input.parse(rawConfig, name);
    const existing = await repo.findLiveConnector(this.deps.db, cluster.id, name);
    if (!existing) {
      const accepted = await this.deps.input.accept(cluster, config, undefined);
      return { connector: await this.insert(cluster, accepted, [], actor), status: undefined, cluster, sensitive: sensitiveKeysOf(accepted.plugin) };
    }
    const accepted = await this.deps.input.accept(cluster, config, this.fullConfig(existing), existing);
    if ((accepted.plugin.kind === 'custom' ? accepted.plugin.version.id : null) !== existing.pluginVersionId) {
      throw new InvalidRequest('A connector keeps its plugin: confluent.connector.type and confluent.custom.plugin.id cannot change; create a new connector');
    }
    const stored = this.storedConfig(accepted, existing.id);
    const at = this.deps.now().toISOString();
    const changes = configChanges(this.fullConfig(existing), accepted.config, sensitiveKeysOf(accepted.plugin), MASK);
    await withOperation(this.deps.db, { operation: 'connect.connector.update', resourceId: existing.id, actor, at, detail: { name, changes } },
      (tx) => repo.updateConnector(tx, existing.id, { ...stored, generation: existing.generation + 1, updatedAt: at }));
    this.deps.onChange();
    return this.get(scope, name);
  }

  async delete(scope: Scope, name: string, actor: string): Promise<void> {
    const { connector } = await this.get(scope, name);
    const at = this.deps.now().toISOString();
    await withOperation(this.deps.db, { operation: 'connect.connector.delete', resourceId: connector.id, actor, at, detail: { name } },
      (tx) => repo.updateConnector(tx, connector.id, { deletedAt: at, generation: connector.generation + 1, updatedAt: at }));
    this.deps.onChange();
  }

  async setDesiredState(scope: Scope, name: string, state: DesiredState, actor: string): Promise<void> {
    const { connector } = await this.get(scope, name);
    if (connector.desiredState === state) return;
    const at = this.deps.now().toISOString();
    const operation = state === 'PAUSED' ? 'connect.connector.pause' : 'connect.connector.resume';
    await withOperation(this.deps.db, { operation, resourceId: connector.id, actor, at, detail: { name } },
      (tx) => repo.updateConnector(tx, connector.id, { desiredState: state, generation: connector.generation + 1, updatedAt: at }));
    this.deps.onChange();
  }

  /** The stored config with its secrets decrypted (the mask round trip; tests of encryption). */
  fullConfig(connector: Connector): ConnectorConfig {
    return fullConfig(connector, this.deps.cipher);
  }

  /** Sensitive keys per connector: the catalog's for managed ones, the plugin version's for custom ones. */
  private async sensitiveKeys(connectors: Connector[]): Promise<(c: Connector) => ReadonlySet<string>> {
    const versions = await findVersionsByIds(this.deps.db, connectors.flatMap((c) => (c.pluginVersionId ? [c.pluginVersionId] : [])));
    return (c) => {
      const version = c.pluginVersionId ? versions.get(c.pluginVersionId) : undefined;
      if (version) return customSensitiveKeys(version);
      const plugin = findManagedPlugin(c.plugin);
      // A plugin gone from the catalog: its Kafka credentials are still secret.
      return plugin ? sensitiveKeys(plugin) : new Set(KAFKA_CREDENTIAL_KEYS);
    };
  }

  /** The config as stored: sensitive values sealed for this connector, masked in the rest. */
  private storedConfig(accepted: AcceptedConfig, connectorId: string): Pick<Connector, 'plugin' | 'type' | 'config' | 'sealedSecrets' | 'pluginVersionId'> {
    const { plain, secrets } = splitSecrets(accepted.config, sensitiveKeysOf(accepted.plugin));
    // The plain config keeps the secret keys' names (masked), so reads never decrypt.
    const config: ConnectorConfig = { ...plain };
    for (const key of Object.keys(secrets)) config[key] = MASK;
    const { plugin } = accepted;
    // A custom connector's class is its plugin's, whatever it sent (CONTRACT §6.4).
    if (plugin.kind === 'custom') config['connector.class'] = plugin.connectorClass.className;
    return {
      plugin: plugin.kind === 'managed' ? plugin.plugin.alias : plugin.pluginId, type: connectorTypeOf(plugin), config,
      sealedSecrets: this.deps.cipher.seal(secrets, connectorId), pluginVersionId: plugin.kind === 'custom' ? plugin.version.id : null,
    };
  }

  private async insert(cluster: KafkaCluster, accepted: AcceptedConfig, offsets: ConnectorOffset[], actor: string): Promise<Connector> {
    const at = this.deps.now().toISOString();
    const id = newId('connector', randomBytes);
    const stored = this.storedConfig(accepted, id);
    const poolId = stored.pluginVersionId ? await this.deps.customPools.poolFor(cluster, stored.pluginVersionId) : null;
    const connector: Connector = {
      id, environmentId: cluster.environmentId, kafkaClusterId: cluster.id, name: accepted.config.name!,
      ...stored, poolId, desiredState: 'RUNNING', initialOffsets: offsets, offsetsPending: offsets.length > 0,
      generation: 1, createdAt: at, updatedAt: at, deletedAt: null,
    };
    const changes = configChanges({}, accepted.config, sensitiveKeysOf(accepted.plugin), MASK);
    const record = { operation: 'connect.connector.create', resourceId: id, actor, at, detail: { name: connector.name, plugin: connector.plugin, changes } };
    await withOperation(this.deps.db, record, (tx) => repo.insertConnector(tx, connector));
    this.deps.onChange();
    return connector;
  }
}

