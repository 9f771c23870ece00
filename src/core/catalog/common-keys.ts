// Keys every managed connector shares: identity, Kafka credentials, tasks and transforms.
import type { ConfigKeyDefinition, EngineContext } from './types.ts';

export const GROUP_CONNECT = 'How should we connect to your data?';
export const GROUP_CREDENTIALS = 'Kafka Cluster credentials';
export const GROUP_TASKS = 'Number of tasks for this connector';
export const GROUP_TRANSFORMS = 'Transforms';
export const GROUP_PREDICATES = 'Predicates';

export const KAFKA_AUTH_MODES = ['KAFKA_API_KEY', 'SERVICE_ACCOUNT'];

const base = { required: false, defaultValue: '', importance: 'HIGH', width: 'NONE', documentation: '' } as const;

export function commonLeadingKeys(): ConfigKeyDefinition[] {
  return [
    { ...base, name: 'connector.class', type: 'STRING', required: true, group: GROUP_CONNECT, displayName: 'Connector class' },
    { ...base, name: 'name', type: 'STRING', required: true, group: GROUP_CONNECT, displayName: 'Connector name', documentation: 'Sets a name for your connector.' },
    {
      ...base, name: 'kafka.auth.mode', type: 'STRING', defaultValue: 'KAFKA_API_KEY', group: GROUP_CREDENTIALS, displayName: 'Kafka Cluster Authentication mode',
      documentation: 'How the connector authenticates to Kafka: with an API key and secret, or as a service account.', choices: KAFKA_AUTH_MODES, choicesOnly: true,
    },
    { ...base, name: 'kafka.api.key', type: 'STRING', sensitive: true, group: GROUP_CREDENTIALS, displayName: 'Kafka API Key', documentation: 'A Kafka API key of this cluster.' },
    { ...base, name: 'kafka.api.secret', type: 'PASSWORD', group: GROUP_CREDENTIALS, displayName: 'Kafka API Secret', documentation: 'The secret of that Kafka API key.' },
    {
      ...base, name: 'kafka.service.account.id', type: 'STRING', group: GROUP_CREDENTIALS, displayName: 'Kafka Service Account',
      documentation: 'The service account the connector acts as when kafka.auth.mode is SERVICE_ACCOUNT.',
    },
  ];
}

export function commonTrailingKeys(maxTasks: number): ConfigKeyDefinition[] {
  return [
    {
      ...base, name: 'tasks.max', type: 'INT', required: true, defaultValue: '1', group: GROUP_TASKS, displayName: 'Tasks',
      documentation: 'Maximum number of tasks for the connector.', min: 1, max: maxTasks,
    },
    {
      ...base, name: 'transforms', type: 'LIST', importance: 'LOW', width: 'LONG', group: GROUP_TRANSFORMS, displayName: 'Transforms',
      documentation: 'Aliases of the Single Message Transforms to apply, in order; each needs transforms.<alias>.type, one of Kafka\'s own.',
    },
    {
      ...base, name: 'predicates', type: 'LIST', importance: 'LOW', width: 'LONG', group: GROUP_PREDICATES, displayName: 'Predicates',
      documentation: 'Aliases of the predicates transforms may name; each needs predicates.<alias>.type, one of Kafka\'s own.',
    },
  ];
}

export const GROUP_INPUT = 'Input messages';
export const GROUP_ERRORS = 'Error handling';

/** The keys every sink shares: its topics and what to do with records it cannot write. */
export function sinkLeadingKeys(): ConfigKeyDefinition[] {
  return [
    {
      ...base, name: 'topics', type: 'LIST', required: true, width: 'LONG', group: GROUP_INPUT, displayName: 'Topic names',
      documentation: 'The topics to read, separated by commas.', check: topicListProblem,
    },
  ];
}

export function sinkTrailingKeys(): ConfigKeyDefinition[] {
  return [
    {
      ...base, name: 'errors.tolerance', type: 'STRING', defaultValue: 'all', importance: 'LOW', group: GROUP_ERRORS, displayName: 'Errors tolerance',
      documentation: 'all: a record that cannot be converted, transformed or written goes to the dead letter queue topic dlq-<connector id>, with headers describing the error, and the connector goes on; none: the task fails.',
      choices: ['all', 'none'], choicesOnly: true,
    },
  ];
}

/**
 * A sink's error handling in the engine: with `errors.tolerance=all`, bad records go to the
 * connector's dead letter queue `dlq-<id>` (named by the id, so a re-created name starts clean),
 * with Connect's `__connect.errors.*` headers saying what failed.
 */
export function sinkErrorsEngineConfig(config: Readonly<Record<string, string>>, connectorId: string): Record<string, string> {
  if ((config['errors.tolerance'] ?? 'all').toLowerCase() === 'none') return { 'errors.tolerance': 'none' };
  return {
    'errors.tolerance': 'all',
    'errors.log.enable': 'true',
    'errors.deadletterqueue.topic.name': dlqTopic(connectorId),
    // Embedded clusters have one broker, so every replication factor is 1.
    'errors.deadletterqueue.topic.replication.factor': '1',
    'errors.deadletterqueue.context.headers.enable': 'true',
  };
}

export function dlqTopic(connectorId: string): string {
  return `dlq-${connectorId}`;
}

/**
 * A topic a managed connector writes to or reads from. Names beginning with `_` belong to Kafka
 * and Kafka Connect (`__consumer_offsets`, a pool's `_cirrus-…-configs`): a connector that could
 * write there could rewrite its pool's own configuration.
 */
export function topicNameProblem(value: string): string | undefined {
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(value)) return 'Topic names use only letters, digits, ".", "_" and "-" (at most 249)';
  if (value.startsWith('_')) return 'Topic names beginning with "_" are reserved for internal topics';
  if (value === '.' || value === '..') return 'A topic cannot be named "." or ".."';
  return undefined;
}

/** The topics a sink reads: a comma-separated list, each a topic a connector may use. */
export function topicListProblem(value: string): string | undefined {
  const topics = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (topics.length === 0) return 'At least one topic is required';
  for (const topic of topics) {
    const problem = topicNameProblem(topic);
    if (problem) return `${topic}: ${problem}`;
  }
  return undefined;
}

type KeyOptions = Partial<Omit<ConfigKeyDefinition, 'name' | 'type' | 'group' | 'displayName' | 'documentation'>>;

/** One definition, with the defaults most keys share (optional, no default, MEDIUM importance). */
export function key(name: string, type: ConfigKeyDefinition['type'], group: string, displayName: string, documentation: string, options: KeyOptions = {}): ConfigKeyDefinition {
  return { name, type, group, displayName, documentation, required: false, defaultValue: '', importance: 'MEDIUM', width: 'NONE', ...options };
}

/** The value of a key, or its definition's default: what the engine config is built from. */
export function valueOf(config: Readonly<Record<string, string>>, definitions: readonly ConfigKeyDefinition[], name: string): string {
  const given = config[name];
  if (given !== undefined && given.trim() !== '') return given.trim();
  return definitions.find((d) => d.name === name)?.defaultValue ?? '';
}

/** The keys every engine config starts with. */
export function engineIdentity(engineClass: string, config: Readonly<Record<string, string>>, context: EngineContext): Record<string, string> {
  return { 'connector.class': engineClass, name: context.connectorId, 'tasks.max': config['tasks.max'] ?? '1' };
}
