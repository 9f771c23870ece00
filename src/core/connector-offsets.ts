// Starting offsets given at connector create (CONTRACT §1.4): a list of {partition, offset}
// whose maps must have the shape the connector's tasks use, or Kafka Connect refuses them later
// (a 500 to the offsets write, and the connector silently starts from scratch, issue 7.19).
// Sinks share Kafka's shape; a source plugin declares its own in the catalog.
import type { ManagedPlugin, OffsetField, OffsetShape } from './catalog/types.ts';
import { InvalidRequest } from './errors.ts';
import { fieldName } from './validation.ts';

export interface ConnectorOffset {
  partition: Record<string, string | number>;
  offset: Record<string, string | number>;
}

/** What Kafka Connect takes for a sink: the topic partition and the next offset to consume. */
export const SINK_OFFSETS: OffsetShape = {
  partition: { kafka_topic: 'topic', kafka_partition: 'position' },
  offset: { kafka_offset: 'position' },
};

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

/** The starting offsets of a create, checked against the plugin's shape; absent means none. */
export function validateOffsets(raw: unknown, plugin: ManagedPlugin): ConnectorOffset[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) refuse('/offsets', 'must be a JSON array of {partition, offset} objects');
  if (raw.length === 0) return [];
  const shape = plugin.type === 'sink' ? SINK_OFFSETS : plugin.sourceOffsets;
  if (!shape) refuse('/offsets', `cannot be given: ${plugin.alias} takes no starting offsets`);
  const seen = new Map<string, number>();
  return raw.map((entry: unknown, i) => {
    const pointer = `/offsets/${i}`;
    if (!isObject(entry)) refuse(pointer, 'must be a JSON object with partition and offset');
    const partition = checkMap(entry.partition, shape.partition, `${pointer}/partition`);
    const offset = checkMap(entry.offset, shape.offset, `${pointer}/offset`);
    // Keys in the shape's order, so the same partition written two ways is still one.
    const key = JSON.stringify(partition);
    const earlier = seen.get(key);
    if (earlier !== undefined) refuse(`${pointer}/partition`, `repeats offsets[${earlier}].partition`);
    seen.set(key, i);
    return { partition, offset };
  });
}
