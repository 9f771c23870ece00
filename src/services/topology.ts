// Where things are: environments and Kafka clusters of the store, the broker addresses and the
// Connect pool URLs of the data plane. Lookups a request path needs raise the contract's 404.
import { NotFound } from '../core/errors.ts';
import type { ClusterFacts } from '../core/connector-config.ts';
import type { ConnectPools } from '../engine/pools.ts';
import type { Store } from '../store/database.ts';
import type { ConnectPool, KafkaCluster } from '../store/schema.ts';
import * as identity from '../store/identity.ts';

export class Topology {
  constructor(private readonly db: Store, private readonly pools: ConnectPools) {}

  /** The cluster of a connect/v1 path; unknown, or in another environment: "account not found". */
  async clusterInEnvironment(environmentId: string, clusterId: string): Promise<KafkaCluster> {
    const cluster = await identity.findKafkaCluster(this.db, clusterId);
    if (!cluster || cluster.environment_id !== environmentId) throw new NotFound('account not found');
    return cluster;
  }

  findCluster(clusterId: string): Promise<KafkaCluster | undefined> {
    return identity.findKafkaCluster(this.db, clusterId);
  }

  bootstrapServers(cluster: KafkaCluster): string {
    return cluster.kind === 'embedded' ? this.pools.embeddedKafkaBootstrap : cluster.bootstrap_servers ?? '';
  }

  facts(cluster: KafkaCluster): ClusterFacts {
    // The embedded broker is unsecured, so the endpoint says PLAINTEXT (CONTRACT §6.3).
    const servers = this.bootstrapServers(cluster).split(',')[0] ?? '';
    return { cloud: cluster.cloud, region: cluster.region, kafkaEndpoint: `PLAINTEXT://${servers}`, dedicated: false };
  }

  /** Managed pools are where the data plane runs them; external ones where they were registered. */
  connectUrl(pool: ConnectPool): string | undefined {
    return pool.kind === 'external' ? pool.rest_url ?? undefined : this.pools.restUrl(pool.id);
  }
}
