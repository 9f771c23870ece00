// HttpSink: Confluent's HTTP sink, run by our own Java connector (jvm/http-sink), which takes
// Confluent's keys as they are. The URL is an attack on the host until shown otherwise
// (endpoints.ts); the connector never follows a redirect away from it.
import { commonLeadingKeys, commonTrailingKeys, engineIdentity, GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_PREDICATES, GROUP_TASKS, GROUP_TRANSFORMS, key, valueOf } from './common-keys.ts';
import { egressEngineConfig, httpEndpointProblem } from './endpoints.ts';
import { GROUP_ERRORS, GROUP_INPUT, inputFormatKey, sinkLeadingKeys, sinkRecordConfig, sinkTrailingKeys } from './sink-keys.ts';
import type { ConfigKeyDefinition, ManagedPlugin } from './types.ts';

const GROUP_HTTP = 'HTTP server details';
const GROUP_AUTH = 'Authentication';
const GROUP_BATCH = 'Request batching';
const GROUP_RETRIES = 'Retries';

const authIs = (type: string) => (config: Readonly<Record<string, string>>) => (config['auth.type'] ?? 'NONE').toUpperCase() === type;

const definitions: ConfigKeyDefinition[] = [
  ...commonLeadingKeys(),
  ...sinkLeadingKeys(),
  inputFormatKey(['AVRO', 'JSON_SR', 'PROTOBUF', 'JSON', 'STRING', 'BYTES']),
  key('http.api.url', 'STRING', GROUP_HTTP, 'HTTP URL', 'The http(s) URL records are sent to.', { required: true, importance: 'HIGH', width: 'LONG', check: httpEndpointProblem, egress: 'url' }),
  key('request.method', 'STRING', GROUP_HTTP, 'Request method', 'The HTTP method of each request.', { defaultValue: 'POST', choices: ['POST', 'PUT', 'PATCH'], choicesOnly: true }),
  key('request.body.format', 'STRING', GROUP_HTTP, 'Request body format', 'json: records as JSON; string: records as text.', { defaultValue: 'json', choices: ['json', 'string'], choicesOnly: true }),
  // Not a secret, as in Confluent's definition: masking a key Terraform holds as non-sensitive
  // makes endless plan diffs (CONTRACT §6.2). Credentials belong in the auth keys.
  key('headers', 'STRING', GROUP_HTTP, 'HTTP headers', 'Name:Value pairs sent with every request, separated by header.separator; put credentials in the authentication keys.', { width: 'LONG' }),
  key('header.separator', 'STRING', GROUP_HTTP, 'Header separator', 'What separates the pairs of headers.', { defaultValue: '|', importance: 'LOW' }),
  key('auth.type', 'STRING', GROUP_AUTH, 'Endpoint authentication type', 'NONE, BASIC (user and password) or BEARER (a static token).', {
    defaultValue: 'NONE', choices: ['NONE', 'BASIC', 'BEARER'], choicesOnly: true, importance: 'HIGH', dependents: ['connection.user', 'connection.password', 'bearer.token'],
  }),
  key('connection.user', 'STRING', GROUP_AUTH, 'Auth username', 'The user of BASIC authentication.', { requiredWhen: authIs('BASIC'), visibleWhen: authIs('BASIC') }),
  key('connection.password', 'PASSWORD', GROUP_AUTH, 'Auth password', 'The password of BASIC authentication.', { requiredWhen: authIs('BASIC'), visibleWhen: authIs('BASIC') }),
  key('bearer.token', 'PASSWORD', GROUP_AUTH, 'Bearer token', 'The token of BEARER authentication.', { requiredWhen: authIs('BEARER'), visibleWhen: authIs('BEARER') }),
  key('batch.max.size', 'INT', GROUP_BATCH, 'Batch max size', 'Records per request at most.', { defaultValue: '1', min: 1, max: 1_000_000 }),
  key('batch.prefix', 'STRING', GROUP_BATCH, 'Batch prefix', 'Text before the records of a request.', { importance: 'LOW' }),
  key('batch.suffix', 'STRING', GROUP_BATCH, 'Batch suffix', 'Text after the records of a request.', { importance: 'LOW' }),
  key('batch.separator', 'STRING', GROUP_BATCH, 'Batch separator', 'Text between the records of a request.', { defaultValue: ',', importance: 'LOW' }),
  key('batch.json.as.array', 'BOOLEAN', GROUP_BATCH, 'Batch JSON as array', 'With json bodies, send a batch as a JSON array.', { defaultValue: 'false' }),
  key('behavior.on.null.values', 'STRING', GROUP_ERRORS, 'Behavior on null values', 'What a record with no value does: ignore, log, or fail.', { defaultValue: 'ignore', choices: ['ignore', 'log', 'fail'], choicesOnly: true }),
  key('behavior.on.error', 'STRING', GROUP_ERRORS, 'Behavior on errors', 'What a request that still fails after its retries does when errors.tolerance is none: fail, log, or ignore. With errors.tolerance all its records go to the dead letter queue.', {
    defaultValue: 'fail', choices: ['fail', 'log', 'ignore'], choicesOnly: true,
  }),
  key('max.retries', 'INT', GROUP_RETRIES, 'Max retries', 'Retries of a failed request.', { defaultValue: '10', min: 0, max: 100 }),
  key('retry.backoff.ms', 'INT', GROUP_RETRIES, 'Retry backoff (ms)', 'The first wait before a retry; each next one doubles.', { defaultValue: '3000', min: 0 }),
  key('retry.on.status.codes', 'STRING', GROUP_RETRIES, 'Retry on HTTP codes', 'The statuses retried: codes and ranges such as 400- or 500-599,429.', { defaultValue: '400-', check: statusCodesProblem }),
  key('http.connect.timeout.ms', 'INT', GROUP_RETRIES, 'HTTP connect timeout (ms)', 'How long connecting may take.', { defaultValue: '30000', min: 1, importance: 'LOW' }),
  key('http.request.timeout.ms', 'INT', GROUP_RETRIES, 'HTTP request timeout (ms)', 'How long a request may take.', { defaultValue: '30000', min: 1, importance: 'LOW' }),
  ...sinkTrailingKeys(),
  ...commonTrailingKeys(10),
];

function statusCodesProblem(value: string): string | undefined {
  const ok = value.split(',').map((p) => p.trim()).filter((p) => p !== '').every((p) => /^(\d{3}|\d{3}-|-\d{3}|\d{3}-\d{3})$/.test(p));
  return ok ? undefined : 'Use codes and ranges such as 400-, 500-599 or 429, separated by commas';
}

const COPIED = [
  'http.api.url', 'request.method', 'request.body.format', 'header.separator', 'auth.type', 'batch.max.size', 'batch.separator', 'batch.json.as.array',
  'behavior.on.null.values', 'behavior.on.error', 'max.retries', 'retry.backoff.ms', 'retry.on.status.codes', 'http.connect.timeout.ms', 'http.request.timeout.ms',
];

export const httpSink: ManagedPlugin = {
  alias: 'HttpSink',
  otherClassNames: ['io.confluent.connect.http.HttpSinkConnector', 'dev.cirrus.connect.http.HttpSinkConnector'],
  engineClass: 'dev.cirrus.connect.http.HttpSinkConnector',
  type: 'sink',
  version: '0.1.0',
  groups: [GROUP_CONNECT, GROUP_CREDENTIALS, GROUP_INPUT, GROUP_HTTP, GROUP_AUTH, GROUP_BATCH, GROUP_RETRIES, GROUP_ERRORS, GROUP_TASKS, GROUP_TRANSFORMS, GROUP_PREDICATES],
  definitions,
  toEngineConfig(config, context) {
    const engine: Record<string, string> = { ...engineIdentity(this.engineClass, config, context), topics: valueOf(config, definitions, 'topics') };
    for (const name of COPIED) engine[name] = valueOf(config, definitions, name);
    engine['auth.type'] = engine['auth.type']!.toUpperCase();
    for (const name of ['batch.prefix', 'batch.suffix']) if (config[name]) engine[name] = config[name]!;
    if (authIs('BASIC')(config)) {
      engine['connection.user'] = config['connection.user'] ?? '';
      engine['connection.password'] = context.secret(config['connection.password'] ?? '');
    }
    if (authIs('BEARER')(config)) engine['bearer.token'] = context.secret(config['bearer.token'] ?? '');
    if (config.headers) engine.headers = config.headers;
    return { ...engine, ...egressEngineConfig(context), ...sinkRecordConfig(config, context) };
  },
};
