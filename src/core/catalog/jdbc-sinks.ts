// PostgresSink and MySqlSink: Confluent's JDBC sinks, run by Debezium's JDBC sink connector
// (3.6.0.Final, the newest served here; Confluent's own is not on Maven Central). Cloud's
// connection keys become a JDBC URL; `pk.mode`, `insert.mode`, `auto.create`/`auto.evolve`
// become Debezium's primary-key, insert and schema-evolution settings. Records need a schema:
// JSON input is read with Kafka Connect's schema envelope (what our CDC sources write).
import { commonLeadingKeys, commonTrailingKeys, engineIdentity, GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_PREDICATES, GROUP_TASKS, GROUP_TRANSFORMS, key, valueOf } from './common-keys.ts';
import { hostProblem, portProblem } from './endpoints.ts';
import { formatKey } from './formats.ts';
import { GROUP_ERRORS, GROUP_INPUT, inputFormatKey, sinkLeadingKeys, sinkRecordConfig, sinkTrailingKeys } from './sink-keys.ts';
import type { ConfigKeyDefinition, ManagedPlugin } from './types.ts';

const GROUP_DATABASE = 'How should we connect to your database?';
const GROUP_DATABASE_DETAILS = 'Database details';

interface JdbcFlavor {
  alias: string;
  defaultPort: string;
  sslModes: string[];
  defaultSslMode: string;
  url(host: string, port: string, database: string, sslMode: string): string;
}

function definitionsFor(flavor: JdbcFlavor): ConfigKeyDefinition[] {
  return [
    ...commonLeadingKeys(),
    ...sinkLeadingKeys(),
    inputFormatKey(['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON'], 'The format of record values; JSON must carry Kafka Connect\'s schema envelope.'),
    formatKey({ name: 'input.key.format', group: GROUP_INPUT, displayName: 'Input Kafka record key format', defaultValue: 'JSON', documentation: 'The format of record keys (used when pk.mode is record_key).', choices: ['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON', 'STRING'] }),
    key('connection.host', 'STRING', GROUP_DATABASE, 'Connection host', 'The address of the database server.', { required: true, importance: 'HIGH', check: hostProblem, egress: 'host' }),
    key('connection.port', 'INT', GROUP_DATABASE, 'Connection port', 'The port of the database server.', { required: true, defaultValue: flavor.defaultPort, importance: 'HIGH', check: portProblem }),
    key('connection.user', 'STRING', GROUP_DATABASE, 'Connection user', 'The user the connector logs in as.', { required: true, importance: 'HIGH' }),
    key('connection.password', 'PASSWORD', GROUP_DATABASE, 'Connection password', 'The password of that user.', { required: true, importance: 'HIGH' }),
    key('db.name', 'STRING', GROUP_DATABASE, 'Database name', 'The database the tables are in.', { required: true, importance: 'HIGH' }),
    key('ssl.mode', 'STRING', GROUP_DATABASE, 'SSL mode', 'Whether and how the connection uses TLS.', { defaultValue: flavor.defaultSslMode, choices: flavor.sslModes, choicesOnly: true }),
    key('insert.mode', 'STRING', GROUP_DATABASE_DETAILS, 'Insert mode', 'INSERT: plain inserts; UPSERT: insert or update by primary key; UPDATE: updates only.', { defaultValue: 'INSERT', choices: ['INSERT', 'UPSERT', 'UPDATE'], choicesOnly: true, dependents: ['pk.mode'] }),
    key('delete.enabled', 'BOOLEAN', GROUP_DATABASE_DETAILS, 'Enable deletes', 'Whether a tombstone record deletes the row with its key; needs pk.mode record_key.', { defaultValue: 'false', dependents: ['pk.mode'] }),
    key('table.name.format', 'STRING', GROUP_DATABASE_DETAILS, 'Table name format', 'The table a topic\'s records go to; ${topic} is the topic\'s name (dots become underscores).', { defaultValue: '${topic}', width: 'LONG' }),
    key('pk.mode', 'STRING', GROUP_DATABASE_DETAILS, 'Primary key mode', 'Where the primary key comes from: none, kafka (topic, partition, offset), record_key or record_value.', {
      defaultValue: 'none', choices: ['none', 'kafka', 'record_key', 'record_value'], choicesOnly: true, dependents: ['pk.fields'], check: pkModeProblem,
    }),
    key('pk.fields', 'LIST', GROUP_DATABASE_DETAILS, 'Primary key fields', 'The fields of the key or value that make the primary key; all of the key\'s when empty.', { width: 'LONG', visibleWhen: (c) => !['none', undefined].includes(c['pk.mode']?.toLowerCase()) }),
    key('auto.create', 'BOOLEAN', GROUP_DATABASE_DETAILS, 'Auto create table', 'Create a missing table from the record\'s schema.', { defaultValue: 'false' }),
    key('auto.evolve', 'BOOLEAN', GROUP_DATABASE_DETAILS, 'Auto add columns', 'Add columns a record has and the table lacks.', { defaultValue: 'false' }),
    key('batch.sizes', 'INT', GROUP_DATABASE_DETAILS, 'Batch size', 'Records written to the database in one batch.', { defaultValue: '3000', min: 1, importance: 'LOW' }),
    key('db.timezone', 'STRING', GROUP_DATABASE_DETAILS, 'Database timezone', 'The time zone of time values written.', { defaultValue: 'UTC', importance: 'LOW' }),
    ...sinkTrailingKeys(),
    ...commonTrailingKeys(10),
  ];
}

function pkModeProblem(value: string, config: Readonly<Record<string, string>>): string | undefined {
  const mode = value.trim().toLowerCase();
  if ((config['delete.enabled'] ?? '').toLowerCase() === 'true' && mode !== 'record_key') return 'delete.enabled=true needs pk.mode record_key';
  if (['UPSERT', 'UPDATE'].includes((config['insert.mode'] ?? '').toUpperCase()) && mode === 'none') return `insert.mode ${config['insert.mode']} needs a primary key: choose a pk.mode other than none`;
  return undefined;
}

function jdbcSink(flavor: JdbcFlavor): ManagedPlugin {
  const definitions = definitionsFor(flavor);
  return {
    alias: flavor.alias,
    otherClassNames: [],
    engineClass: 'io.debezium.connector.jdbc.JdbcSinkConnector',
    type: 'sink',
    version: '3.6.0.Final',
    groups: [GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_INPUT, GROUP_DATABASE, GROUP_DATABASE_DETAILS, GROUP_ERRORS, GROUP_TASKS, GROUP_TRANSFORMS, GROUP_PREDICATES],
    definitions,
    toEngineConfig(config, context) {
      const v = (name: string) => valueOf(config, definitions, name);
      const evolve = v('auto.create').toLowerCase() === 'true' || v('auto.evolve').toLowerCase() === 'true';
      const pkFields = v('pk.fields');
      return {
        ...engineIdentity(this.engineClass, config, context),
        topics: v('topics'),
        'connection.url': flavor.url(v('connection.host'), v('connection.port'), v('db.name'), v('ssl.mode')),
        'connection.username': v('connection.user'),
        'connection.password': context.secret(config['connection.password'] ?? ''),
        'insert.mode': v('insert.mode').toLowerCase(),
        'delete.enabled': v('delete.enabled').toLowerCase(),
        'primary.key.mode': v('pk.mode').toLowerCase(),
        ...(pkFields ? { 'primary.key.fields': pkFields } : {}),
        // Debezium creates missing tables and adds missing columns together.
        'schema.evolution': evolve ? 'basic' : 'none',
        'collection.name.format': v('table.name.format'),
        'batch.size': v('batch.sizes'),
        'use.time.zone': v('db.timezone'),
        ...sinkRecordConfig(config, context, { keyFormat: v('input.key.format'), schemas: true }),
      };
    },
  };
}

const encode = encodeURIComponent;

export const postgresSink = jdbcSink({
  alias: 'PostgresSink', defaultPort: '5432', defaultSslMode: 'prefer', sslModes: ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'],
  url: (host, port, db, ssl) => `jdbc:postgresql://${host}:${port}/${encode(db)}?sslmode=${ssl}`,
});

export const mySqlSink = jdbcSink({
  alias: 'MySqlSink', defaultPort: '3306', defaultSslMode: 'prefer', sslModes: ['prefer', 'require', 'verify-ca', 'verify-full', 'disable'],
  url: (host, port, db, ssl) => `jdbc:mysql://${host}:${port}/${encode(db)}?sslMode=${MYSQL_SSL[ssl] ?? 'PREFERRED'}`,
});

/** Confluent's MySqlSink ssl.mode values, as MySQL Connector/J's sslMode names them. */
const MYSQL_SSL: Record<string, string> = { prefer: 'PREFERRED', require: 'REQUIRED', 'verify-ca': 'VERIFY_CA', 'verify-full': 'VERIFY_IDENTITY', disable: 'DISABLED' };
