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

/** A custom connector's config: the plugin by id, the Kafka key, and the plugin's own keys. */
export function customConfig(b: BootstrapInfo, name: string, pluginId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    'confluent.connector.type': 'CUSTOM',
    'confluent.custom.plugin.id': pluginId,
    'kafka.api.key': b.kafka_api_key,
    'kafka.api.secret': b.kafka_api_secret,
    'tasks.max': '1',
    ...extra,
  };
}

/** A managed connector's config: the plugin's alias, the Kafka key, one task, and the plugin's own keys. */
export function managedConfig(b: BootstrapInfo, connectorClass: string, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { 'connector.class': connectorClass, name, 'kafka.api.key': b.kafka_api_key, 'kafka.api.secret': b.kafka_api_secret, 'tasks.max': '1', ...extra };
}
