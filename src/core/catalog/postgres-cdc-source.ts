// PostgresCdcSourceV2: Confluent's Postgres CDC source, run by Debezium's PostgreSQL connector
// (pgoutput logical decoding; one task, as Debezium reads one replication slot).
import { cdcRecordConfig, connectionKeys, copied, exclusiveWith, GROUP_CONNECTOR, GROUP_DATABASE, GROUP_DETAILS, GROUP_OUTPUT, outputKeys, selectionKeys } from './cdc.ts';
import { commonLeadingKeys, commonTrailingKeys, engineIdentity, GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_PREDICATES, GROUP_TASKS, GROUP_TRANSFORMS, key, valueOf } from './common-keys.ts';
import type { ConfigKeyDefinition, ManagedPlugin } from './types.ts';

const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const sqlName = (v: string) => (SQL_NAME.test(v) ? undefined : 'Use lower-case letters, digits and "_" (at most 63), starting with a letter or "_"');

const definitions: ConfigKeyDefinition[] = [
  ...commonLeadingKeys(),
  ...connectionKeys('5432'),
  key('database.dbname', 'STRING', GROUP_DATABASE, 'Database name', 'The database to capture.', { required: true, importance: 'HIGH' }),
  key('database.sslmode', 'STRING', GROUP_DATABASE, 'SSL mode', 'Whether and how the connection uses TLS.', {
    defaultValue: 'prefer', choices: ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'], choicesOnly: true,
  }),
  ...selectionKeys,
  key('schema.include.list', 'LIST', GROUP_CONNECTOR, 'Schemas included', 'Regular expressions of the schemas to capture; all when empty.', { width: 'LONG' }),
  key('schema.exclude.list', 'LIST', GROUP_CONNECTOR, 'Schemas excluded', 'Regular expressions of schemas not to capture.', { width: 'LONG', check: exclusiveWith('schema.include.list') }),
  key('snapshot.mode', 'STRING', GROUP_CONNECTOR, 'Snapshot mode', 'When to read the tables\' existing rows: initial (first start), never/no_data (changes only), always, initial_only, when_needed.', {
    defaultValue: 'initial', choices: ['initial', 'always', 'never', 'no_data', 'initial_only', 'when_needed'], choicesOnly: true,
  }),
  key('slot.name', 'STRING', GROUP_DETAILS, 'Slot name', 'The logical replication slot the connector reads; one per connector.', { defaultValue: 'debezium', check: sqlName }),
  key('publication.name', 'STRING', GROUP_DETAILS, 'Publication name', 'The publication of the captured tables.', { defaultValue: 'dbz_publication', check: sqlName }),
  key('publication.autocreate.mode', 'STRING', GROUP_DETAILS, 'Publication auto-create mode', 'all_tables: create the publication for all tables; filtered: for the captured tables; disabled: it must exist.', {
    defaultValue: 'all_tables', choices: ['all_tables', 'filtered', 'disabled'], choicesOnly: true,
  }),
  ...outputKeys,
  ...commonTrailingKeys(1),
];

export const postgresCdcSource: ManagedPlugin = {
  alias: 'PostgresCdcSourceV2',
  otherClassNames: ['io.debezium.connector.postgresql.PostgresConnector'],
  engineClass: 'io.debezium.connector.postgresql.PostgresConnector',
  type: 'source',
  version: '3.6.1.Final',
  groups: [GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_DATABASE, GROUP_CONNECTOR, GROUP_DETAILS, GROUP_OUTPUT, GROUP_TASKS, GROUP_TRANSFORMS, GROUP_PREDICATES],
  definitions,
  toEngineConfig(config, context) {
    const v = (name: string) => valueOf(config, definitions, name);
    return {
      ...engineIdentity(this.engineClass, config, context),
      'database.hostname': v('database.hostname'),
      'database.port': v('database.port'),
      'database.user': v('database.user'),
      'database.password': context.secret(config['database.password'] ?? ''),
      'database.dbname': v('database.dbname'),
      'database.sslmode': v('database.sslmode'),
      'topic.prefix': v('topic.prefix'),
      'plugin.name': 'pgoutput',
      'slot.name': v('slot.name'),
      'publication.name': v('publication.name'),
      'publication.autocreate.mode': v('publication.autocreate.mode'),
      'snapshot.mode': v('snapshot.mode'),
      'decimal.handling.mode': v('decimal.handling.mode'),
      ...copied(config, ['table.include.list', 'table.exclude.list', 'schema.include.list', 'schema.exclude.list', 'column.exclude.list']),
      ...cdcRecordConfig(config, context),
    };
  },
};
