// Keys every managed connector shares: identity, Kafka credentials, tasks and transforms.
import type { ConfigKeyDefinition, EngineContext } from './types.ts';

export const GROUP_CONNECT = 'How should we connect to your data?';
export const GROUP_CREDENTIALS = 'Kafka Cluster credentials';
export const GROUP_TASKS = 'Number of tasks for this connector';
export const GROUP_TRANSFORMS = 'Transforms';
export const GROUP_PREDICATES = 'Predicates';

export const KAFKA_AUTH_MODES = ['KAFKA_API_KEY', 'SERVICE_ACCOUNT'];

/** What the shared keys have in common; each names what it differs in. */
export const base = { required: false, defaultValue: '', importance: 'HIGH', width: 'NONE', documentation: '' } as const;

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
