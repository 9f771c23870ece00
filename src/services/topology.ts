// Where things are: environments and Kafka clusters of the store, and the addresses of their
// brokers (engine/addresses.ts). Lookups a request path needs raise the contract's 404.
import { NotFound } from '../core/errors.ts';
import type { ClusterFacts } from '../core/connector-config.ts';
import type { Addresses } from '../engine/addresses.ts';
import type { KafkaCluster } from '../core/cluster.ts';
import { findKafkaCluster } from '../store/clusters.ts';
import type { Store } from '../store/database.ts';

export class Topology {
  constructor(private readonly db: Store, readonly addresses: Addresses) {}

  /** The cluster of a connect/v1 path; unknown, or in another environment: "account not found". */
  async clusterInEnvironment(environmentId: string, clusterId: string): Promise<KafkaCluster> {
    const cluster = await findKafkaCluster(this.db, clusterId);
    if (!cluster || cluster.environmentId !== environmentId) throw new NotFound('account not found');
    return cluster;
  }

  findCluster(clusterId: string): Promise<KafkaCluster | undefined> {
    return findKafkaCluster(this.db, clusterId);
  }

  bootstrapServers(cluster: KafkaCluster): string {
    return this.addresses.bootstrapServers(cluster);
  }

  facts(cluster: KafkaCluster): ClusterFacts {
    return { cloud: cluster.cloud, region: cluster.region, kafkaEndpoint: this.addresses.kafkaEndpoint(cluster), dedicated: cluster.configKind === 'Dedicated' };
  }
}
