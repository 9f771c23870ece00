// Connector configs the tests send, built from a bootstrap's Kafka key.
import type { BootstrapInfo } from '../../src/services/bootstrap.ts';

export function datagenConfig(b: BootstrapInfo, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'connector.class': 'DatagenSource',
    name,
    'kafka.api.key': b.kafka_api_key,
    'kafka.api.secret': b.kafka_api_secret,
    'kafka.topic': `topic-${name.replace(/[^a-zA-Z0-9]/g, '_')}`,
    quickstart: 'PAGEVIEWS',
    'max.interval': '1000',
    'tasks.max': '1',
    ...extra,
  };
}
