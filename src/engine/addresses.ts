// Where a cluster's brokers and a pool's Kafka Connect REST API are: external ones where they
// were registered, embedded ones where the data plane runs them (stored ports, or the settings).
import type { ConnectPool, KafkaCluster } from '../core/cluster.ts';
import type { DataPlane } from './data-plane.ts';

export class Addresses {
  constructor(private readonly dataPlane: DataPlane) {}

  bootstrapServers(cluster: KafkaCluster): string {
    return cluster.kind === 'embedded' ? this.dataPlane.brokerAddress(cluster.brokerPorts) : cluster.bootstrapServers ?? '';
  }

  /** The first bootstrap server with its security protocol: embedded brokers are unsecured (§6.3). */
  kafkaEndpoint(cluster: KafkaCluster): string {
    return `PLAINTEXT://${this.bootstrapServers(cluster).split(',')[0] ?? ''}`;
  }

  connectUrl(pool: ConnectPool): string | undefined {
    return pool.kind === 'external' ? pool.restUrl : this.dataPlane.poolUrl(pool);
  }
}
