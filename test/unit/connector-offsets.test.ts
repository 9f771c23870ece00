// Starting offsets at create (issue 7.19): sinks use Kafka's shape, sources their plugin's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findManagedPlugin } from '../../src/core/catalog/index.ts';
import type { ManagedPlugin } from '../../src/core/catalog/types.ts';
import { managedOffsets, validateOffsets, type OffsetTarget } from '../../src/core/connector-offsets.ts';
import { InvalidRequest } from '../../src/core/errors.ts';

const datagen = managedOffsets(findManagedPlugin('DatagenSource')!);
const sink = managedOffsets({ ...findManagedPlugin('DatagenSource')!, alias: 'SomeSink', type: 'sink', sourceOffsets: undefined } as ManagedPlugin);
const bareSource = managedOffsets({ ...findManagedPlugin('DatagenSource')!, alias: 'BareSource', sourceOffsets: undefined } as ManagedPlugin);

function refusal(raw: unknown, plugin: OffsetTarget): { pointer?: string; message: string } {
  try {
    validateOffsets(raw, plugin);
  } catch (err) {
    assert.ok(err instanceof InvalidRequest, String(err));
    return { pointer: err.pointer, message: err.message };
  }
  assert.fail(`accepted ${JSON.stringify(raw)}`);
}

describe('starting offsets', () => {
  it('accept what the connector\'s tasks use, and none', () => {
    assert.deepEqual(validateOffsets(undefined, datagen), []);
    assert.deepEqual(validateOffsets([], bareSource), []);
    assert.deepEqual(validateOffsets([{ partition: { task: 0 }, offset: { count: 5 } }], datagen), [{ partition: { task: 0 }, offset: { count: 5 } }]);
    const sinkOffsets = [{ partition: { kafka_partition: 1, kafka_topic: 't' }, offset: { kafka_offset: 1000 } }, { partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 0 } }];
    assert.deepEqual(validateOffsets(sinkOffsets, sink).map((o) => o.partition), [{ kafka_topic: 't', kafka_partition: 1 }, { kafka_topic: 't', kafka_partition: 0 }]);
  });

  const cases: [string, unknown, OffsetTarget, string, RegExp][] = [
    ['not an array', { partition: {} }, datagen, '/offsets', /must be a JSON array/],
    ['a string entry', ['AAA'], datagen, '/offsets/0', /offsets\[0\] must be a JSON object with partition and offset/],
    ['an empty partition and a number offset', [{ partition: {}, offset: 0 }], datagen, '/offsets/0/partition/task', /is required/],
    ['a number offset', [{ partition: { task: 0 }, offset: 0 }], datagen, '/offsets/0/offset', /must be a JSON object with count/],
    ['a negative count', [{ partition: { task: 0 }, offset: { count: -1 } }], datagen, '/offsets/0/offset/count', /at least 0/],
    ['a count as text', [{ partition: { task: 0 }, offset: { count: '5' } }], datagen, '/offsets/0/offset/count', /integer/],
    ['a fractional task', [{ partition: { task: 0.5 }, offset: { count: 1 } }], datagen, '/offsets/0/partition/task', /integer/],
    ['a key the source does not use', [{ partition: { task: 0, table: 'x' }, offset: { count: 1 } }], datagen, '/offsets/0/partition/table', /not part of this connector's offsets/],
    ['sink offsets for a source', [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 1 } }], datagen, '/offsets/0/partition/kafka_topic', /not part/],
    ['a sink partition without topic', [{ partition: { kafka_partition: 0 }, offset: { kafka_offset: 1 } }], sink, '/offsets/0/partition/kafka_topic', /is required/],
    ['a bad topic name', [{ partition: { kafka_topic: 'a b', kafka_partition: 0 }, offset: { kafka_offset: 1 } }], sink, '/offsets/0/partition/kafka_topic', /topic name/],
    ['a partition given twice', [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 1 } }, { partition: { kafka_partition: 0, kafka_topic: 't' }, offset: { kafka_offset: 2 } }], sink, '/offsets/1/partition', /repeats offsets\[0\]\.partition/],
    ['offsets for a source without a declared shape', [{ partition: { task: 0 }, offset: { count: 1 } }], bareSource, '/offsets', /BareSource takes no starting offsets/],
  ];
  for (const [name, raw, plugin, pointer, message] of cases) {
    it(`refuse ${name}`, () => {
      const err = refusal(raw, plugin);
      assert.equal(err.pointer, pointer);
      assert.match(err.message, message);
    });
  }

  it('take any flat maps of scalars from a custom source plugin, whose shape only its author knows', () => {
    const custom: OffsetTarget = { name: 'ccp-abc123', type: 'source', sourceOffsets: 'any' };
    const offsets = [{ partition: { server: 'db1' }, offset: { lsn: 1234, snapshot: false } }];
    assert.deepEqual(validateOffsets(offsets, custom), offsets);
    assert.equal(refusal([{ partition: {}, offset: { lsn: 1 } }], custom).pointer, '/offsets/0/partition');
    assert.equal(refusal([{ partition: { s: 'x' }, offset: { nested: { a: 1 } } }], custom).pointer, '/offsets/0/offset/nested');
  });
});
