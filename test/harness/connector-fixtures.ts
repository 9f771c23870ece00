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

/**
 * A complete config of each managed plugin (besides Kafka credentials and name): what a user
 * sends for a connector that validates with no error.
 */
export const COMPLETE_CONFIGS: Record<string, Record<string, string>> = {
  DatagenSource: { 'kafka.topic': 'pageviews', quickstart: 'PAGEVIEWS' },
  PostgresCdcSourceV2: {
    'database.hostname': 'db.example.com', 'database.port': '5432', 'database.user': 'cdc', 'database.password': 'pg-secret-1', 'database.dbname': 'shop',
    'topic.prefix': 'shop', 'table.include.list': 'public.orders', 'output.data.format': 'JSON',
  },
  MySqlCdcSourceV2: {
    'database.hostname': 'db.example.com', 'database.port': '3306', 'database.user': 'cdc', 'database.password': 'my-secret-1',
    'topic.prefix': 'shop', 'database.include.list': 'shop', 'output.data.format': 'JSON',
  },
  PostgresSink: {
    topics: 'shop.public.orders', 'input.data.format': 'JSON', 'connection.host': 'db.example.com', 'connection.port': '5432',
    'connection.user': 'writer', 'connection.password': 'pg-secret-2', 'db.name': 'copy', 'insert.mode': 'UPSERT', 'pk.mode': 'record_key', 'auto.create': 'true',
  },
  MySqlSink: {
    topics: 'shop.shop.orders', 'input.data.format': 'JSON', 'connection.host': 'db.example.com', 'connection.port': '3306',
    'connection.user': 'writer', 'connection.password': 'my-secret-2', 'db.name': 'copy', 'insert.mode': 'UPSERT', 'pk.mode': 'record_key', 'auto.create': 'true',
  },
  S3_SINK: {
    topics: 'pageviews', 'input.data.format': 'JSON', 'output.data.format': 'JSON', 'aws.access.key.id': 'AKIDEXAMPLE', 'aws.secret.access.key': 'aws-secret-1',
    's3.bucket.name': 'datagen-to-s3', 'time.interval': 'HOURLY', 'flush.size': '1000',
  },
  HttpSink: {
    topics: 'pageviews', 'input.data.format': 'JSON', 'http.api.url': 'https://receiver.example.com/events', 'auth.type': 'BASIC',
    'connection.user': 'hook', 'connection.password': 'http-secret-1',
  },
};
