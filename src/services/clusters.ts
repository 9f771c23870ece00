// Kafka clusters (cmk/v2). By default a new cluster is one of our own: a broker and a Connect
// pool the data plane runs (desired state: stored now, started when the data plane can). With the
// `spec.cirrus` extension it registers an existing Kafka bootstrap and an existing Kafka Connect
// REST URL, which the engine then only calls.
import { randomBytes } from 'node:crypto';
import type { ConnectPool, KafkaCluster } from '../core/cluster.ts';
import { AVAILABILITIES, CLOUDS, clusterConfigOf, patchedCluster, type ClusterPatch } from '../core/cluster-spec.ts';
import { listenerKey, parseConnectUrl } from '../core/connect-url.ts';
import { Conflict, InvalidRequest, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { oneOf, requiredText } from '../core/validation.ts';
import type { Addresses } from '../engine/addresses.ts';
import type { DataPlane } from '../engine/data-plane.ts';
import type { PoolManager } from '../engine/pool-manager.ts';
import * as repo from '../store/clusters.ts';
import type { Executor, Store } from '../store/database.ts';
import { recordOperation, withOperation } from '../store/operations.ts';
import { insertConnectPool, listConnectPools } from '../store/pools.ts';
import type { EnvironmentService } from './environments.ts';

/** What create takes, as its schema lets it through (values checked here and in core). */
export interface ClusterInput {
  displayName: string;
  availability: string;
  cloud: string;
  region: string;
  configKind: string;
  /** `spec.config.cku` (Dedicated) and `spec.config.max_ecku` (other kinds), as sent. */
  cku?: number;
  maxEcku?: number;
  /** Cirrus extension: register an existing cluster and Connect pool. */
  external?: { kafkaBootstrapServers: string; connectUrl: string };
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

  async list(organizationId: string, environmentId: string): Promise<KafkaCluster[]> {
    // The list declares no 404 (cmk-v2.yaml): an environment that does not exist is a bad parameter.
    await this.environments.get(organizationId, environmentId).catch((err: unknown) => {
      throw err instanceof NotFound ? new InvalidRequest(`Environment ${environmentId} does not exist`, undefined, 'environment') : err;
    });
    return repo.listClusters(this.db, environmentId);
  }

  async get(organizationId: string, environmentId: string, id: string): Promise<KafkaCluster> {
    const cluster = await repo.findKafkaCluster(this.db, id);
    const env = cluster && await this.environments.get(organizationId, cluster.environmentId).catch(() => undefined);
    if (!cluster || !env || cluster.environmentId !== environmentId) throw new NotFound(`Kafka cluster ${id} was not found`);
    return cluster;
  }

  async create(organizationId: string, environmentId: string, input: ClusterInput, actor: string): Promise<KafkaCluster> {
    await this.environments.get(organizationId, environmentId).catch(() => {
      throw new InvalidRequest(`Environment ${environmentId} does not exist`, '/spec/environment/id');
    });
    const at = this.now().toISOString();
    const external = input.external && {
      bootstrap: requiredText(input.external.kafkaBootstrapServers, '/spec/cirrus/kafka_bootstrap_servers', 1024),
      connectUrl: parseConnectUrl(requiredText(input.external.connectUrl, '/spec/cirrus/connect_url', 1024)),
    };
    const cluster: KafkaCluster = {
      id: newId('kafkaCluster', randomBytes), environmentId,
      displayName: requiredText(input.displayName, '/spec/display_name', 64),
      kind: external ? 'external' : 'embedded', bootstrapServers: external?.bootstrap,
      cloud: oneOf(input.cloud, CLOUDS, '/spec/cloud'), region: requiredText(input.region, '/spec/region', 64),
      connectPoolId: newId('pool', randomBytes), ...validCapacity(input), brokerPorts: undefined, createdAt: at, updatedAt: at,
    };
    if (!external && !this.deps.dataPlane.embedded) {
      throw new InvalidRequest('This installation runs no embedded Kafka (CIRRUS_EMBEDDED=false): register an existing cluster with spec.cirrus', '/spec/cirrus');
    }
    const record = { operation: 'cmk.cluster.create', resourceId: cluster.id, actor, at, detail: { environment: environmentId, kind: cluster.kind } };
    const pool: ConnectPool = {
      id: cluster.connectPoolId, kind: external ? 'external' : 'managed', restUrl: external?.connectUrl, port: undefined,
      pluginVersionId: undefined, kafkaClusterId: undefined, createdAt: at,
    };
    if (external) {
      await withOperation(this.db, record, async (tx) => {
        await this.refuseTakenConnectUrl(tx, external.connectUrl);
        await insertConnectPool(tx, pool);
        await repo.insertKafkaCluster(tx, cluster);
      });
      return cluster;
    }
    // Desired state only: the pool manager starts the broker and pool when the data plane can.
    const created = await this.withOwnPorts(cluster, async (tx, ports) => {
      await insertConnectPool(tx, { ...pool, port: ports.pool });
      await repo.insertKafkaCluster(tx, { ...cluster, brokerPorts: { broker: ports.broker, controller: ports.controller } });
      await recordOperation(tx, record);
    });
    this.deps.poolManager.poke();
    return created;
  }

  /** Reserves a broker, controller and Connect port no one holds, and stores them with the cluster. */
  private async withOwnPorts(cluster: KafkaCluster, insert: (tx: Executor, ports: { broker: number; controller: number; pool: number }) => Promise<void>): Promise<KafkaCluster> {
    for (let attempt = 1; ; attempt++) {
      const [broker, controller, pool] = await this.deps.dataPlane.freePorts(3, await repo.storedPorts(this.db));
      const ports = { broker: broker!, controller: controller!, pool: pool! };
      const stored = await this.db.transaction().execute(async (tx) => {
        // Another create may have taken one of them since: choose again.
        const taken = await repo.storedPorts(tx);
        if ([ports.broker, ports.controller, ports.pool].some((p) => taken.has(p)) && attempt < 5) return false;
        await insert(tx, ports);
        return true;
      });
      if (stored) return { ...cluster, brokerPorts: { broker: ports.broker, controller: ports.controller } };
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
  async update(organizationId: string, environmentId: string, id: string, input: ClusterPatch, actor: string): Promise<KafkaCluster> {
    const cluster = await this.get(organizationId, environmentId, id);
    const next = patchedCluster(cluster, input);
    const changes: repo.ClusterChanges = {
      displayName: next.displayName, availability: next.availability, configKind: next.configKind, cku: next.cku, maxEcku: next.maxEcku,
      updatedAt: this.now().toISOString(),
    };
    await withOperation(this.db, { operation: 'cmk.cluster.update', resourceId: id, actor, at: changes.updatedAt },
      (tx) => repo.updateCluster(tx, id, changes));
    return { ...cluster, ...changes };
  }

  async delete(organizationId: string, environmentId: string, id: string, actor: string): Promise<void> {
    await this.get(organizationId, environmentId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'cmk.cluster.delete', resourceId: id, actor, at }, async (tx) => {
      // A connector whose delete has not reached the engine yet still runs there: wait for it.
      const connectors = await repo.countConnectors(tx, id);
      if (connectors > 0) throw new Conflict(`Kafka cluster ${id} still has ${connectors} connector(s), or deletes of them not yet done in Kafka Connect; delete them first and retry`);
      await repo.deleteCluster(tx, id);
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
  return { availability, configKind: config.configKind, cku: config.cku, maxEcku: config.maxEcku };
}
