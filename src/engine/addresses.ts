// Where a cluster's brokers and a pool's Kafka Connect REST API are: external ones where they
// were registered, embedded ones where the data plane runs them (stored ports, or the settings).
import type { ConnectPool, KafkaCluster } from '../store/schema.ts';
import type { BrokerPorts, DataPlane } from './data-plane.ts';

export function brokerPortsOf(cluster: Pick<KafkaCluster, 'broker_port' | 'controller_port'>): BrokerPorts | undefined {
  return cluster.broker_port !== null && cluster.controller_port !== null
    ? { broker: cluster.broker_port, controller: cluster.controller_port }
    : undefined;
}

export class Addresses {
  constructor(private readonly dataPlane: DataPlane) {}

  bootstrapServers(cluster: KafkaCluster): string {
    return cluster.kind === 'embedded' ? this.dataPlane.brokerAddress(brokerPortsOf(cluster)) : cluster.bootstrap_servers ?? '';
  }

  /** The first bootstrap server with its security protocol: embedded brokers are unsecured (§6.3). */
  kafkaEndpoint(cluster: KafkaCluster): string {
    return `PLAINTEXT://${this.bootstrapServers(cluster).split(',')[0] ?? ''}`;
  }

  connectUrl(pool: ConnectPool): string | undefined {
    if (pool.kind === 'external') return pool.rest_url ?? undefined;
    return this.dataPlane.poolUrl({ id: pool.id, port: pool.port ?? undefined });
  }
}
