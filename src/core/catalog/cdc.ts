// What Confluent's V2 CDC sources (PostgresCdcSourceV2, MySqlCdcSourceV2) share, run by
// Debezium: connection keys, table selection, snapshot, the row format, and how those become
// Debezium's config. Cloud's `after.state.only` (default true) is Debezium's
// ExtractNewRecordState transform: the topic holds each row's new state, a delete a tombstone.
import { key, topicNameProblem } from './common-keys.ts';
import { hostProblem, portProblem } from './endpoints.ts';
import { converterConfig, formatKey } from './formats.ts';
import { RESERVED_PREFIX, transformEngineConfig } from './transforms.ts';
import type { ConfigKeyDefinition, EngineContext } from './types.ts';

export const GROUP_DATABASE = 'How should we connect to your database?';
export const GROUP_DETAILS = 'Database details';
export const GROUP_OUTPUT = 'Output messages';
export const GROUP_CONNECTOR = 'Connector details';

export function connectionKeys(defaultPort: string): ConfigKeyDefinition[] {
  return [
    key('database.hostname', 'STRING', GROUP_DATABASE, 'Database hostname', 'The address of the database server.', { required: true, importance: 'HIGH', check: hostProblem, egress: 'host' }),
    key('database.port', 'INT', GROUP_DATABASE, 'Database port', 'The port of the database server.', { required: true, defaultValue: defaultPort, importance: 'HIGH', check: portProblem }),
    key('database.user', 'STRING', GROUP_DATABASE, 'Database username', 'The user the connector logs in as.', { required: true, importance: 'HIGH' }),
    key('database.password', 'PASSWORD', GROUP_DATABASE, 'Database Password', 'The password of that user.', { required: true, importance: 'HIGH' }),
  ];
}

export const outputKeys: ConfigKeyDefinition[] = [
  formatKey({
    name: 'output.data.format', group: GROUP_OUTPUT, displayName: 'Output Kafka record value format', defaultValue: 'JSON', required: true,
    documentation: 'The format of record values. Without a Schema Registry, JSON carries Kafka Connect\'s schema envelope, so JDBC sinks can build tables from it.',
    choices: ['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON'],
  }),
  formatKey({
    name: 'output.key.format', group: GROUP_OUTPUT, displayName: 'Output Kafka record key format', defaultValue: 'JSON',
    documentation: 'The format of record keys (the row\'s primary key).', choices: ['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON', 'STRING'],
  }),
  key('after.state.only', 'BOOLEAN', GROUP_OUTPUT, 'After-state only', 'true: records hold the row\'s new state only; false: Debezium\'s full change event (before, after, source, op).', { defaultValue: 'true' }),
  key('tombstones.on.delete', 'BOOLEAN', GROUP_OUTPUT, 'Tombstones on delete', 'Whether a delete is followed by a tombstone record, which lets compaction and sinks remove the row.', { defaultValue: 'true' }),
  key('decimal.handling.mode', 'STRING', GROUP_OUTPUT, 'Decimal handling mode', 'How DECIMAL and NUMERIC columns are written.', { defaultValue: 'precise', choices: ['precise', 'double', 'string'], choicesOnly: true }),
];

export const selectionKeys: ConfigKeyDefinition[] = [
  key('topic.prefix', 'STRING', GROUP_CONNECTOR, 'Topic prefix', 'Topics are named <topic.prefix>.<schema or database>.<table>.', {
    required: true, importance: 'HIGH', check: (v) => topicNameProblem(v) ?? (v.includes('..') ? 'A topic prefix cannot contain ".."' : undefined),
  }),
  key('table.include.list', 'LIST', GROUP_CONNECTOR, 'Table included', 'Regular expressions of the tables to capture (schema.table); all when empty.', { width: 'LONG' }),
  key('table.exclude.list', 'LIST', GROUP_CONNECTOR, 'Table excluded', 'Regular expressions of tables not to capture.', { width: 'LONG', check: exclusiveWith('table.include.list') }),
  key('column.exclude.list', 'LIST', GROUP_CONNECTOR, 'Columns excluded', 'Regular expressions of columns (schema.table.column) left out of records.', { width: 'LONG', importance: 'LOW' }),
];

export function exclusiveWith(other: string) {
  return (value: string, config: Readonly<Record<string, string>>) =>
    value.trim() !== '' && (config[other] ?? '').trim() !== '' ? `Set either ${other} or this key, not both` : undefined;
}

/** The Debezium keys taken as they are, when set. */
export function copied(config: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (config[k] !== undefined && config[k]!.trim() !== '') out[k] = config[k]!.trim();
  return out;
}

/** Converters, the unwrap of `after.state.only` and the user's transforms, for a CDC source. */
export function cdcRecordConfig(config: Readonly<Record<string, string>>, context: EngineContext): Record<string, string> {
  const afterOnly = (config['after.state.only'] ?? 'true').toLowerCase() === 'true';
  const tombstones = (config['tombstones.on.delete'] ?? 'true').toLowerCase() === 'true';
  const unwrap = {
    type: 'io.debezium.transforms.ExtractNewRecordState',
    // A delete becomes a tombstone (the sink deletes the row) or, without tombstones, the row's
    // last state marked `__deleted: true`.
    'delete.tombstone.handling.mode': tombstones ? 'tombstone' : 'rewrite',
  };
  return {
    ...converterConfig('key', config['output.key.format'], context, true),
    ...converterConfig('value', config['output.data.format'], context, true),
    'tombstones.on.delete': String(tombstones),
    ...transformEngineConfig(config, afterOnly ? { [`${RESERVED_PREFIX}Unwrap`]: unwrap } : {}),
  };
}
