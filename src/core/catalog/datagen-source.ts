// The managed DatagenSource: Confluent's sample-data connector, run by our own Java connector
// (jvm/datagen). Converters follow `output.data.format`; Cloud-only keys never reach the engine.
import { commonLeadingKeys, commonTrailingKeys, topicNameProblem, GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_PREDICATES, GROUP_TASKS, GROUP_TRANSFORMS } from './common-keys.ts';
import { converterConfig, formatKey } from './formats.ts';
import { transformEngineConfig } from './transforms.ts';
import type { ManagedPlugin } from './types.ts';

const GROUP_TOPIC = 'Which topic do you want to send data to?';
const GROUP_OUTPUT = 'Output messages';
const GROUP_DATAGEN = 'Datagen Details';

const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

export const datagenSource: ManagedPlugin = {
  alias: 'DatagenSource',
  otherClassNames: ['io.confluent.kafka.connect.datagen.DatagenConnector', 'dev.cirrus.connect.datagen.DatagenSourceConnector'],
  engineClass: 'dev.cirrus.connect.datagen.DatagenSourceConnector',
  type: 'source',
  version: '0.1.0',
  groups: [GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_TOPIC, GROUP_OUTPUT, GROUP_DATAGEN, GROUP_TASKS, GROUP_TRANSFORMS, GROUP_PREDICATES],
  // As DatagenSourceTask writes them (jvm/datagen): partition {task: <task number>}, offset
  // {count: <records produced so far>}.
  sourceOffsets: { partition: { task: 'position' }, offset: { count: 'position' } },
  definitions: [
    ...commonLeadingKeys(),
    {
      name: 'kafka.topic', type: 'STRING', required: true, defaultValue: '', importance: 'HIGH', width: 'LONG', group: GROUP_TOPIC,
      displayName: 'Topic name', documentation: 'The topic the generated records are written to.',
      check: topicNameProblem,
    },
    formatKey({
      name: 'output.data.format', group: GROUP_OUTPUT, displayName: 'Output Kafka record value format', defaultValue: 'JSON',
      documentation: 'The format of record values: AVRO, JSON_SR or PROTOBUF (schema in the environment\'s Schema Registry), JSON objects, or the same JSON as plain strings.',
      choices: ['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON', 'STRING'],
    }),
    {
      name: 'quickstart', type: 'STRING', required: true, defaultValue: '', importance: 'HIGH', width: 'NONE', group: GROUP_DATAGEN,
      displayName: 'Select a template', documentation: 'The kind of sample data to generate.',
      choices: ['PAGEVIEWS', 'USERS', 'ORDERS', 'STOCK_TRADES'], choicesOnly: true,
    },
    {
      name: 'max.interval', type: 'LONG', required: false, defaultValue: '1000', importance: 'MEDIUM', width: 'NONE', group: GROUP_DATAGEN,
      displayName: 'Max interval between messages (ms)', documentation: 'Each task waits a random time up to this many milliseconds between records.', min: 0,
    },
    {
      name: 'iterations', type: 'LONG', required: false, defaultValue: '-1', importance: 'MEDIUM', width: 'NONE', group: GROUP_DATAGEN,
      displayName: 'Number of messages to send from each task', documentation: 'Records per task; -1 for no limit.', min: -1,
      check: (v) => (Number(v) === 0 ? 'Must be -1 (no limit) or at least 1' : undefined),
    },
    ...commonTrailingKeys(10),
  ],
  toEngineConfig(config, context) {
    const format = (config['output.data.format'] ?? 'JSON').toUpperCase();
    const engine: Record<string, string> = {
      'connector.class': this.engineClass,
      name: context.connectorId,
      'tasks.max': config['tasks.max'] ?? '1',
      'kafka.topic': config['kafka.topic']!,
      quickstart: config.quickstart!.toUpperCase(),
      'max.interval': config['max.interval'] ?? '1000',
      iterations: config.iterations ?? '-1',
      // The engine writes structs for every format but STRING; the converter makes them JSON, AVRO, JSON_SR or PROTOBUF.
      'output.data.format': format === 'STRING' ? 'STRING' : 'JSON',
      'key.converter': STRING_CONVERTER,
      ...converterConfig('value', format, context),
    };
    return { ...engine, ...transformEngineConfig(config) };
  },
};
