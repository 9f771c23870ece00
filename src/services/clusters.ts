// Kafka clusters (cmk/v2). By default a new cluster is a logical cluster on the embedded broker
// with its own managed Connect pool; with the `spec.cirrus` extension it registers an existing
// Kafka bootstrap and an existing Kafka Connect REST URL, which the engine then only calls.
import { randomBytes } from 'node:crypto';
import { listenerKey, parseConnectUrl } from '../core/connect-url.ts';
import { Conflict, InvalidRequest, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Addresses } from '../engine/addresses.ts';
import type { DataPlane } from '../engine/data-plane.ts';
import type { PoolManager } from '../engine/pool-manager.ts';
import type { Store } from '../store/database.ts';
import { findKafkaCluster, insertConnectPool, insertKafkaCluster, listConnectPools, recordOperation, withOperation, type Executor } from '../store/identity.ts';
import type { KafkaCluster } from '../store/schema.ts';
import * as topology from '../store/topology.ts';
import type { EnvironmentService } from './environments.ts';
import { AVAILABILITIES, CLOUDS, clusterConfigOf, patchedCluster, type ClusterPatch } from '../core/cluster-spec.ts';
import { oneOf, requiredText } from '../core/validation.ts';

export interface ClusterInput {
  displayName: unknown;
  availability: unknown;
  cloud: unknown;
  region: unknown;
  configKind: unknown;
  /** `spec.config.cku` (Dedicated) and `spec.config.max_ecku` (other kinds), as sent. */
  cku?: unknown;
  maxEcku?: unknown;
  /** Cirrus extension: register an existing cluster and Connect pool. */
  external?: { kafkaBootstrapServers: unknown; connectUrl: unknown };
}

export interface ClusterServiceDeps {
  db: Store;
  environments: EnvironmentService;
  dataPlane: DataPlane;
  addresses: Addresses;
  poolManager: PoolManager;
  now: () => Date;
}

export class ClusterService {
  private readonly db: Store;
  private readonly environments: EnvironmentService;
  private readonly now: () => Date;

  constructor(private readonly deps: ClusterServiceDeps) {
    ({ db: this.db, environments: this.environments, now: this.now } = deps);
  }

  async list(organizationId: string, environmentId: unknown): Promise<KafkaCluster[]> {
    if (typeof environmentId !== 'string' || !environmentId) throw new InvalidRequest('environment is required', undefined, 'environment');
    await this.environments.get(organizationId, environmentId);
    return topology.listClusters(this.db, environmentId);
  }

  async get(organizationId: string, environmentId: unknown, id: string): Promise<KafkaCluster> {
    if (typeof environmentId !== 'string' || !environmentId) throw new InvalidRequest('environment is required', undefined, 'environment');
    const cluster = await findKafkaCluster(this.db, id);
    const env = cluster && await this.environments.get(organizationId, cluster.environment_id).catch(() => undefined);
    if (!cluster || !env || cluster.environment_id !== environmentId) throw new NotFound(`Kafka cluster ${id} was not found`);
    return cluster;
  }

  async create(organizationId: string, environmentId: unknown, input: ClusterInput, actor: string): Promise<KafkaCluster> {
    if (typeof environmentId !== 'string') throw new InvalidRequest('spec.environment.id is required', '/spec/environment/id');
    await this.environments.get(organizationId, environmentId).catch(() => {
      throw new InvalidRequest(`Environment ${environmentId} does not exist`, '/spec/environment/id');
    });
    const at = this.now().toISOString();
    const external = input.external && {
      bootstrap: requiredText(input.external.kafkaBootstrapServers, '/spec/cirrus/kafka_bootstrap_servers', 1024),
      connectUrl: parseConnectUrl(requiredText(input.external.connectUrl, '/spec/cirrus/connect_url', 1024)),
    };
    const cluster: KafkaCluster = {
      id: newId('kafkaCluster', randomBytes), environment_id: environmentId,
      display_name: requiredText(input.displayName, '/spec/display_name', 64),
      kind: external ? 'external' : 'embedded', bootstrap_servers: external?.bootstrap ?? null,
      cloud: oneOf(input.cloud, CLOUDS, '/spec/cloud'), region: requiredText(input.region, '/spec/region', 64),
      connect_pool_id: newId('pool', randomBytes), ...validCapacity(input), broker_port: null, controller_port: null, created_at: at, updated_at: at,
    };
    if (!external && !this.deps.dataPlane.embedded) {
      throw new InvalidRequest('This installation runs no embedded Kafka (CIRRUS_EMBEDDED=false): register an existing cluster with spec.cirrus', '/spec/cirrus');
    }
    const record = { operation: 'cmk.cluster.create', resourceId: cluster.id, actor, at, detail: { environment: environmentId, kind: cluster.kind } };
    if (external) {
      await withOperation(this.db, record, async (tx) => {
        await this.refuseTakenConnectUrl(tx, external.connectUrl);
        await insertConnectPool(tx, { id: cluster.connect_pool_id, kind: 'external', rest_url: external.connectUrl, port: null, created_at: at });
        await insertKafkaCluster(tx, cluster);
      });
      return cluster;
    }
    // Desired state only: the pool manager starts the broker and pool when the data plane can.
    const created = await this.withOwnPorts(cluster, async (tx, ports) => {
      await insertConnectPool(tx, { id: cluster.connect_pool_id, kind: 'managed', rest_url: null, port: ports.pool, created_at: at });
      await insertKafkaCluster(tx, { ...cluster, broker_port: ports.broker, controller_port: ports.controller });
      await recordOperation(tx, record);
    });
    this.deps.poolManager.poke();
    return created;
  }

  /** Reserves a broker, controller and Connect port no one holds, and stores them with the cluster. */
  private async withOwnPorts(cluster: KafkaCluster, insert: (tx: Executor, ports: { broker: number; controller: number; pool: number }) => Promise<void>): Promise<KafkaCluster> {
    for (let attempt = 1; ; attempt++) {
      const [broker, controller, pool] = await this.deps.dataPlane.freePorts(3, await topology.storedPorts(this.db));
      const ports = { broker: broker!, controller: controller!, pool: pool! };
      const stored = await this.db.transaction().execute(async (tx) => {
        // Another create may have taken one of them since: choose again.
        const taken = await topology.storedPorts(tx);
        if ([ports.broker, ports.controller, ports.pool].some((p) => taken.has(p)) && attempt < 5) return false;
        await insert(tx, ports);
        return true;
      });
      if (stored) return { ...cluster, broker_port: ports.broker, controller_port: ports.controller };
    }
  }

  /** One Connect cluster serves one pool: a second registration would let it be driven twice. */
  private async refuseTakenConnectUrl(tx: Executor, url: string): Promise<void> {
    const key = listenerKey(url);
    for (const pool of await listConnectPools(tx)) {
      const used = this.deps.addresses.connectUrl(pool);
      if (used && listenerKey(used) === key) throw new Conflict(`spec.cirrus.connect_url ${url} is already used by another cluster of this installation`);
    }
  }

  /** PATCH: what the spec lets a client change is applied; the rest must be sent unchanged or not at all. */
  async update(organizationId: string, environmentId: unknown, id: string, input: ClusterPatch, actor: string): Promise<KafkaCluster> {
    const cluster = await this.get(organizationId, environmentId, id);
    const next = patchedCluster({
      displayName: cluster.display_name, availability: cluster.availability, cloud: cluster.cloud, region: cluster.region,
      configKind: cluster.config_kind, cku: cluster.cku, maxEcku: cluster.max_ecku,
    }, input);
    const changes = {
      display_name: next.displayName, availability: next.availability, config_kind: next.configKind, cku: next.cku, max_ecku: next.maxEcku,
      updated_at: this.now().toISOString(),
    };
    await withOperation(this.db, { operation: 'cmk.cluster.update', resourceId: id, actor, at: changes.updated_at },
      (tx) => topology.updateCluster(tx, id, changes));
    return { ...cluster, ...changes };
  }

  async delete(organizationId: string, environmentId: unknown, id: string, actor: string): Promise<void> {
    await this.get(organizationId, environmentId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'cmk.cluster.delete', resourceId: id, actor, at }, async (tx) => {
      // A connector whose delete has not reached the engine yet still runs there: wait for it.
      const connectors = await topology.countConnectors(tx, id);
      if (connectors > 0) throw new Conflict(`Kafka cluster ${id} still has ${connectors} connector(s), or deletes of them not yet done in Kafka Connect; delete them first and retry`);
      await topology.deleteCluster(tx, id);
    });
    this.deps.poolManager.poke();
  }

  /** PROVISIONING until the cluster's broker and Connect pool are ready (external ones count as ready). */
  phase(cluster: KafkaCluster): 'PROVISIONING' | 'PROVISIONED' {
    return this.deps.poolManager.clusterPhase(cluster);
  }
}

/** Availability and `spec.config` of a create, checked together (cku needs the availability). */
function validCapacity(input: ClusterInput) {
  const availability = oneOf(input.availability, AVAILABILITIES, '/spec/availability');
  const config = clusterConfigOf({ kind: input.configKind, cku: input.cku, max_ecku: input.maxEcku }, availability);
  return { availability, config_kind: config.configKind, cku: config.cku, max_ecku: config.maxEcku };
}
