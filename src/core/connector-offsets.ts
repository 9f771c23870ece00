// Starting offsets given at connector create (CONTRACT §1.4): a list of {partition, offset}
// whose maps must have the shape the connector's tasks use, or Kafka Connect refuses them later
// (a 500 to the offsets write, and the connector silently starts from scratch, issue 7.19).
// Sinks share Kafka's shape; a source plugin declares its own in the catalog.
import type { ManagedPlugin, OffsetField, OffsetShape } from './catalog/types.ts';
import { InvalidRequest } from './errors.ts';
import { fieldName } from './validation.ts';

export interface ConnectorOffset {
  partition: Record<string, string | number | boolean>;
  offset: Record<string, string | number | boolean>;
}

/**
 * Whose offsets these are: sinks share Kafka's shape; a source plugin declares its own, or takes
 * any (a custom plugin, whose maps only its author knows: flat maps of JSON scalars).
 */
export interface OffsetTarget {
  name: string;
  type: 'source' | 'sink';
  sourceOffsets?: OffsetShape | 'any';
}

/** What Kafka Connect takes for a sink: the topic partition and the next offset to consume. */
export const SINK_OFFSETS: OffsetShape = {
  partition: { kafka_topic: 'topic', kafka_partition: 'position' },
  offset: { kafka_offset: 'position' },
};

export function managedOffsets(plugin: ManagedPlugin): OffsetTarget {
  return { name: plugin.alias, type: plugin.type, sourceOffsets: plugin.sourceOffsets };
}

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

function refuse(pointer: string, problem: string): never {
  throw new InvalidRequest(`${fieldName(pointer)} ${problem}`, pointer);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkField(value: unknown, field: OffsetField, pointer: string): string | number {
  if (field === 'topic') {
    if (typeof value !== 'string' || !TOPIC.test(value)) refuse(pointer, 'must be a Kafka topic name');
    return value;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) refuse(pointer, 'must be an integer of at least 0');
  return value;
}

function checkMap(value: unknown, shape: Readonly<Record<string, OffsetField>>, pointer: string): Record<string, string | number> {
  const keys = Object.keys(shape);
  if (!isObject(value)) refuse(pointer, `must be a JSON object with ${keys.join(', ')}`);
  const extra = Object.keys(value).find((k) => !(k in shape));
  if (extra !== undefined) refuse(`${pointer}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`, `is not part of this connector's offsets (they hold ${keys.join(', ')})`);
  const out: Record<string, string | number> = {};
  for (const key of keys) {
    if (!(key in value)) refuse(`${pointer}/${key}`, 'is required');
    out[key] = checkField(value[key], shape[key]!, `${pointer}/${key}`);
  }
  return out;
}

function checkScalars(value: unknown, pointer: string): Record<string, string | number | boolean> {
  if (!isObject(value) || Object.keys(value).length === 0) refuse(pointer, 'must be a non-empty JSON object');
  for (const [key, v] of Object.entries(value)) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) refuse(`${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'must be a string, number or boolean');
  }
  return value as Record<string, string | number | boolean>;
}

/** The starting offsets of a create, checked against the plugin's shape; absent means none. */
export function validateOffsets(raw: unknown, target: OffsetTarget): ConnectorOffset[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) refuse('/offsets', 'must be a JSON array of {partition, offset} objects');
  if (raw.length === 0) return [];
  const shape = target.type === 'sink' ? SINK_OFFSETS : target.sourceOffsets;
  if (!shape) refuse('/offsets', `cannot be given: ${target.name} takes no starting offsets`);
  const seen = new Map<string, number>();
  return raw.map((entry: unknown, i) => {
    const pointer = `/offsets/${i}`;
    if (!isObject(entry)) refuse(pointer, 'must be a JSON object with partition and offset');
    const partition = shape === 'any' ? checkScalars(entry.partition, `${pointer}/partition`) : checkMap(entry.partition, shape.partition, `${pointer}/partition`);
    const offset = shape === 'any' ? checkScalars(entry.offset, `${pointer}/offset`) : checkMap(entry.offset, shape.offset, `${pointer}/offset`);
    // Keys in the shape's order, so the same partition written two ways is still one.
    const key = JSON.stringify(partition);
    const earlier = seen.get(key);
    if (earlier !== undefined) refuse(`${pointer}/partition`, `repeats offsets[${earlier}].partition`);
    seen.set(key, i);
    return { partition, offset };
  });
}
