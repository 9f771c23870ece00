// What every managed sink shares: the topics it reads, the format of their records, and what it
// does with a record it cannot write (the connector's dead letter queue).
import { base, topicNameProblem } from './common-keys.ts';
import { converterConfig, formatKey, type RecordFormat } from './formats.ts';
import { transformEngineConfig } from './transforms.ts';
import type { ConfigKeyDefinition, EngineContext } from './types.ts';

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

/** Cloud's `input.data.format` of a sink, offering `choices`. */
export function inputFormatKey(choices: RecordFormat[], documentation = 'The format of record values.'): ConfigKeyDefinition {
  return formatKey({ name: 'input.data.format', group: GROUP_INPUT, displayName: 'Input Kafka record value format', defaultValue: 'JSON', required: true, documentation, choices });
}

/**
 * The end of every sink's engine config: converters (keys as text unless `keyFormat` is given;
 * JSON with Kafka Connect's schema envelope when `schemas`), the dead letter queue, the user's
 * transforms.
 */
export function sinkRecordConfig(config: Readonly<Record<string, string>>, context: EngineContext, options: { keyFormat?: string; schemas?: boolean } = {}): Record<string, string> {
  return {
    ...converterConfig('key', options.keyFormat ?? 'STRING', context, options.schemas),
    ...converterConfig('value', config['input.data.format'], context, options.schemas),
    ...sinkErrorsEngineConfig(config, context.connectorId),
    ...transformEngineConfig(config),
  };
}
