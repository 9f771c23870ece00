// Kafka clusters (cmk/v2). By default a new cluster is a logical cluster on the embedded broker
// with its own managed Connect pool; with the `spec.cirrus` extension it registers an existing
// Kafka bootstrap and an existing Kafka Connect REST URL, which the engine then only calls.
import { randomBytes } from 'node:crypto';
import { Conflict, InvalidRequest, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { ConnectPools } from '../engine/pools.ts';
import type { Store } from '../store/database.ts';
import { findKafkaCluster, insertConnectPool, insertKafkaCluster, withOperation } from '../store/identity.ts';
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

export class ClusterService {
  constructor(private readonly db: Store, private readonly environments: EnvironmentService, private readonly pools: ConnectPools, private readonly now: () => Date) {}

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
      connectUrl: requiredText(input.external.connectUrl, '/spec/cirrus/connect_url', 1024),
    };
    if (external && !/^https?:\/\/[^/]+/.test(external.connectUrl)) throw new InvalidRequest('spec.cirrus.connect_url must be an http(s) URL', '/spec/cirrus/connect_url');
    const poolId = newId('pool', randomBytes);
    const cluster: KafkaCluster = {
      id: newId('kafkaCluster', randomBytes), environment_id: environmentId,
      display_name: requiredText(input.displayName, '/spec/display_name', 64),
      kind: external ? 'external' : 'embedded', bootstrap_servers: external?.bootstrap ?? null,
      cloud: oneOf(input.cloud, CLOUDS, '/spec/cloud'), region: requiredText(input.region, '/spec/region', 64),
      connect_pool_id: poolId, ...validCapacity(input), created_at: at, updated_at: at,
    };
    if (!external && !this.pools.addManagedPool) throw new InvalidRequest('This installation runs no embedded broker: register an existing cluster with spec.cirrus', '/spec/cirrus');
    await withOperation(this.db, { operation: 'cmk.cluster.create', resourceId: cluster.id, actor, at, detail: { environment: environmentId, kind: cluster.kind } }, async (tx) => {
      await insertConnectPool(tx, { id: poolId, kind: external ? 'external' : 'managed', rest_url: external?.connectUrl ?? null, created_at: at });
      await insertKafkaCluster(tx, cluster);
    });
    if (!external) void this.pools.addManagedPool!(poolId);
    return cluster;
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
    const cluster = await this.get(organizationId, environmentId, id);
    if (await topology.countLiveConnectors(this.db, id) > 0) throw new Conflict(`Kafka cluster ${id} still has connectors; delete them first`);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'cmk.cluster.delete', resourceId: id, actor, at }, (tx) => topology.deleteCluster(tx, id));
    if (cluster.kind === 'embedded') await this.pools.removeManagedPool?.(cluster.connect_pool_id);
  }

  /** PROVISIONING until the cluster's Connect pool is ready (external pools count as ready). */
  phase(cluster: KafkaCluster): 'PROVISIONING' | 'PROVISIONED' {
    if (cluster.kind === 'external') return 'PROVISIONED';
    const state = this.pools.health().pools[cluster.connect_pool_id]?.state;
    return state === 'ready' || state === undefined ? 'PROVISIONED' : 'PROVISIONING';
  }
}

/** Availability and `spec.config` of a create, checked together (cku needs the availability). */
function validCapacity(input: ClusterInput) {
  const availability = oneOf(input.availability, AVAILABILITIES, '/spec/availability');
  const config = clusterConfigOf({ kind: input.configKind, cku: input.cku, max_ecku: input.maxEcku }, availability);
  return { availability, config_kind: config.configKind, cku: config.cku, max_ecku: config.maxEcku };
}
