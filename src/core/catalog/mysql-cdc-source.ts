// MySqlCdcSourceV2: Confluent's MySQL CDC source, run by Debezium's MySQL connector (binlog;
// one task). Debezium keeps the tables' schema history in a Kafka topic of the connector's own.
// A MariaDB server needs Debezium's MariaDB connector (the MySQL one sends it MySQL-only
// statements): Cirrus's own key `database.server.type` says which, MySQL unless given.
import { cdcRecordConfig, connectionKeys, copied, exclusiveWith, GROUP_CONNECTOR, GROUP_DATABASE, GROUP_OUTPUT, outputKeys, selectionKeys } from './cdc.ts';
import { commonLeadingKeys, commonTrailingKeys, engineIdentity, GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_PREDICATES, GROUP_TASKS, GROUP_TRANSFORMS, key, valueOf } from './common-keys.ts';
import type { ConfigKeyDefinition, ManagedPlugin } from './types.ts';

const definitions: ConfigKeyDefinition[] = [
  ...commonLeadingKeys(),
  ...connectionKeys('3306'),
  key('database.server.type', 'STRING', GROUP_DATABASE, 'Database server type', 'MySQL, or MariaDB (a Cirrus key: Debezium reads each with a connector of its own).', {
    defaultValue: 'MySQL', choices: ['MySQL', 'MariaDB'], choicesOnly: true,
  }),
  key('database.ssl.mode', 'STRING', GROUP_DATABASE, 'SSL mode', 'Whether and how the connection uses TLS.', {
    defaultValue: 'preferred', choices: ['disabled', 'preferred', 'required', 'verify_ca', 'verify_identity'], choicesOnly: true,
  }),
  key('database.include.list', 'LIST', GROUP_CONNECTOR, 'Databases included', 'Regular expressions of the databases to capture; all when empty.', { width: 'LONG' }),
  key('database.exclude.list', 'LIST', GROUP_CONNECTOR, 'Databases excluded', 'Regular expressions of databases not to capture.', { width: 'LONG', check: exclusiveWith('database.include.list') }),
  ...selectionKeys,
  key('snapshot.mode', 'STRING', GROUP_CONNECTOR, 'Snapshot mode', 'When to read the tables\' existing rows: initial (first start), never/no_data (changes only), when_needed, initial_only, schema_only_recovery.', {
    defaultValue: 'initial', choices: ['initial', 'when_needed', 'never', 'no_data', 'initial_only', 'recovery'], choicesOnly: true,
  }),
  key('snapshot.locking.mode', 'STRING', GROUP_CONNECTOR, 'Snapshot locking mode', 'How long the snapshot holds the global read lock.', {
    defaultValue: 'minimal', choices: ['minimal', 'extended', 'none'], choicesOnly: true, importance: 'LOW',
  }),
  ...outputKeys,
  ...commonTrailingKeys(1),
];

const MARIADB_ENGINE = 'io.debezium.connector.mariadb.MariaDbConnector';
/** MySQL's ssl modes as Debezium's MariaDB connector names them; `preferred` is its default. */
const MARIADB_SSL: Record<string, string | undefined> = { disabled: 'disable', preferred: undefined, required: 'trust', verify_ca: 'verify-ca', verify_identity: 'verify-full' };

/**
 * The replica id Debezium presents to the server: unique among its replicas, and stable for
 * the connector so restarts resume as the same replica. Derived from the connector id (FNV-1a).
 */
export function serverIdOf(connectorId: string): string {
  let hash = 0x811c9dc5;
  for (const ch of connectorId) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return String(10_000 + (hash % 2_000_000_000));
}

export const mySqlCdcSource: ManagedPlugin = {
  alias: 'MySqlCdcSourceV2',
  otherClassNames: ['io.debezium.connector.mysql.MySqlConnector'],
  engineClass: 'io.debezium.connector.mysql.MySqlConnector',
  type: 'source',
  version: '3.6.1.Final',
  groups: [GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_DATABASE, GROUP_CONNECTOR, GROUP_OUTPUT, GROUP_TASKS, GROUP_TRANSFORMS, GROUP_PREDICATES],
  definitions,
  toEngineConfig(config, context) {
    const v = (name: string) => valueOf(config, definitions, name);
    const mariadb = v('database.server.type').toLowerCase() === 'mariadb';
    const sslMode = mariadb ? MARIADB_SSL[v('database.ssl.mode')] : v('database.ssl.mode');
    return {
      ...engineIdentity(mariadb ? MARIADB_ENGINE : this.engineClass, config, context),
      'database.hostname': v('database.hostname'),
      'database.port': v('database.port'),
      'database.user': v('database.user'),
      'database.password': context.secret(config['database.password'] ?? ''),
      ...(sslMode ? { 'database.ssl.mode': sslMode } : {}),
      'database.server.id': serverIdOf(context.connectorId),
      'topic.prefix': v('topic.prefix'),
      'snapshot.mode': v('snapshot.mode'),
      'snapshot.locking.mode': v('snapshot.locking.mode'),
      'decimal.handling.mode': v('decimal.handling.mode'),
      'schema.history.internal.kafka.bootstrap.servers': context.kafkaBootstrapServers,
      'schema.history.internal.kafka.topic': `schema-history-${context.connectorId}`,
      'include.schema.changes': 'false',
      ...copied(config, ['database.include.list', 'database.exclude.list', 'table.include.list', 'table.exclude.list', 'column.exclude.list']),
      ...cdcRecordConfig(config, context),
    };
  },
};
