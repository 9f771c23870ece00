// S3_SINK: Confluent's Amazon S3 sink (the docs page's own example), run by our own Java
// connector (jvm/s3-sink; no maintained S3 sink is served on Maven Central here). Objects are
// laid out as Confluent's are: <topics.dir>/<topic>/year=…/month=…/day=…[/hour=…]/
// <topic>+<partition>+<start offset>.<ext>, committed exactly once.
import { commonLeadingKeys, commonTrailingKeys, engineIdentity, GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_PREDICATES, GROUP_TASKS, GROUP_TRANSFORMS, key, valueOf } from './common-keys.ts';
import { egressEngineConfig, httpEndpointProblem } from './endpoints.ts';
import { formatKey, usesRegistry } from './formats.ts';
import { COMPRESSION_CHOICES, compressionEngineConfig, compressionProblem } from './s3-compression.ts';
import { GROUP_ERRORS, GROUP_INPUT, inputFormatKey, sinkLeadingKeys, sinkRecordConfig, sinkTrailingKeys } from './sink-keys.ts';
import type { ConfigKeyDefinition, ManagedPlugin } from './types.ts';

const GROUP_AWS = 'AWS credentials';
const GROUP_STORAGE = 'Amazon S3 details';
const GROUP_OUTPUT = 'Output messages';
const GROUP_ORGANIZATION = 'Organize my data by...';

const BUCKET = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const definitions: ConfigKeyDefinition[] = [
  ...commonLeadingKeys(),
  ...sinkLeadingKeys(),
  inputFormatKey(['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON', 'STRING', 'BYTES']),
  key('aws.access.key.id', 'STRING', GROUP_AWS, 'Amazon Access Key ID', 'The access key of the account that writes the bucket; empty: the host\'s default AWS credentials.', { importance: 'HIGH', sensitive: true, dependents: ['aws.secret.access.key'] }),
  key('aws.secret.access.key', 'PASSWORD', GROUP_AWS, 'Amazon Secret Access Key', 'The secret of that access key.', { importance: 'HIGH', requiredWhen: (c) => (c['aws.access.key.id'] ?? '').trim() !== '' }),
  key('s3.bucket.name', 'STRING', GROUP_STORAGE, 'Bucket name', 'The bucket objects are written to.', { required: true, importance: 'HIGH', check: (v) => (BUCKET.test(v) ? undefined : 'Not a valid S3 bucket name') }),
  key('s3.region', 'STRING', GROUP_STORAGE, 'Bucket region', 'The AWS region of the bucket.', { defaultValue: 'us-east-1', check: (v) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(v) ? undefined : 'Not an AWS region name') }),
  key('store.url', 'STRING', GROUP_STORAGE, 'Store URL', 'The endpoint of an S3-compatible store, instead of AWS (path-style requests).', { width: 'LONG', importance: 'LOW', check: httpEndpointProblem, egress: 'url' }),
  key('topics.dir', 'STRING', GROUP_STORAGE, 'Topic directory', 'The top folder of the objects.', { defaultValue: 'topics', check: (v) => (/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(v) ? undefined : 'Use folder names separated by "/"') }),
  formatKey({
    name: 'output.data.format', group: GROUP_OUTPUT, displayName: 'Output message format', defaultValue: 'JSON', required: true, choices: ['AVRO', 'PARQUET', 'JSON', 'BYTES'],
    documentation: 'AVRO: Avro container files (.avro); PARQUET: Parquet files, snappy (.snappy.parquet); JSON: one JSON value per line (.json); BYTES: raw values, one per line (.bin).',
    check: objectFormatProblem,
  }),
  key('compression.codec', 'STRING', GROUP_OUTPUT, 'Compression type', 'Compression of AVRO blocks or PARQUET pages, named with its format: "AVRO - deflate", "AVRO - snappy", "PARQUET - gzip", "PARQUET - snappy" or "PARQUET - none". Empty: AVRO uncompressed, PARQUET snappy.', {
    importance: 'LOW', choices: COMPRESSION_CHOICES, check: compressionProblem,
  }),
  key('time.interval', 'STRING', GROUP_ORGANIZATION, 'Time interval', 'The folders objects are put in: by hour (HOURLY) or by day (DAILY) of the record\'s time.', { required: true, defaultValue: 'HOURLY', importance: 'HIGH', choices: ['HOURLY', 'DAILY'], choicesOnly: true }),
  key('timezone', 'STRING', GROUP_ORGANIZATION, 'Timezone', 'The time zone of the folders\' dates.', { defaultValue: 'UTC', importance: 'LOW' }),
  key('flush.size', 'INT', GROUP_ORGANIZATION, 'Flush size', 'Records per object: an object is written when it holds this many.', { defaultValue: '1000', min: 1, importance: 'HIGH' }),
  key('rotate.schedule.interval.ms', 'LONG', GROUP_ORGANIZATION, 'Scheduled rotation interval (ms)', 'Also write an object once it has been open this long (wall clock); -1: never.', { defaultValue: '-1', min: -1 }),
  key('rotate.interval.ms', 'LONG', GROUP_ORGANIZATION, 'Rotation interval (ms)', 'Also write an object once its records span this long (record time); -1: never.', { defaultValue: '-1', min: -1 }),
  ...sinkTrailingKeys(),
  ...commonTrailingKeys(10),
];

/** Object formats written from the records' schemas (jvm/s3-sink): the records must carry one. */
const SCHEMA_FILES = new Set(['AVRO', 'PARQUET']);

function objectFormatProblem(value: string, config: Readonly<Record<string, string>>): string | undefined {
  const format = value.trim().toUpperCase();
  if (!SCHEMA_FILES.has(format) || usesRegistry(config['input.data.format'])) return undefined;
  return `${format} objects are written from the records' schemas: input.data.format must be AVRO or JSON_SR`;
}

const COPIED = ['s3.bucket.name', 's3.region', 'topics.dir', 'time.interval', 'timezone', 'flush.size', 'rotate.schedule.interval.ms', 'rotate.interval.ms'];

export const s3Sink: ManagedPlugin = {
  alias: 'S3_SINK',
  otherClassNames: ['io.confluent.connect.s3.S3SinkConnector', 'dev.cirrus.connect.s3.S3SinkConnector'],
  engineClass: 'dev.cirrus.connect.s3.S3SinkConnector',
  type: 'sink',
  version: '0.1.0',
  groups: [GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_INPUT, GROUP_AWS, GROUP_STORAGE, GROUP_OUTPUT, GROUP_ORGANIZATION, GROUP_ERRORS, GROUP_TASKS, GROUP_TRANSFORMS, GROUP_PREDICATES],
  definitions,
  toEngineConfig(config, context) {
    const engine: Record<string, string> = { ...engineIdentity(this.engineClass, config, context), topics: valueOf(config, definitions, 'topics') };
    for (const name of COPIED) engine[name] = valueOf(config, definitions, name);
    engine['time.interval'] = engine['time.interval']!.toUpperCase();
    engine.format = valueOf(config, definitions, 'output.data.format').toUpperCase();
    if (config['store.url']) engine['store.url'] = config['store.url'].trim();
    if (config['aws.access.key.id']) {
      engine['aws.access.key.id'] = context.secret(config['aws.access.key.id']);
      engine['aws.secret.access.key'] = context.secret(config['aws.secret.access.key'] ?? '');
    }
    // The engine checks every request to store.url again, refusing loopback unless told it may.
    return { ...engine, ...compressionEngineConfig(config), ...egressEngineConfig(context), ...sinkRecordConfig(config, context) };
  },
};
