// The status-topic watcher (engine/status-topic.ts) against a Kafka client that fails on its own:
// @platformatic/kafka emits 'error' on the consumer itself when rejoining its group fails. An
// 'error' event nobody listens to is thrown, and in the control plane that is the end of the
// process; the watcher takes it as one more reason to fall back to REST and read again later.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { StatusTopicWatcher } from '../../src/engine/status-topic.ts';
import { eventually } from '../harness/wait.ts';

describe('status-topic watcher: errors of the Kafka client', () => {
  it('takes an error the consumer emits on itself, and one emitted after the watcher stopped', async (t) => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _enc, done) => { lines.push(chunk.toString()); done(); } }));
    // Nothing listens on port 9: the consumer never reaches a broker, and no retry comes in time.
    const watcher = new StatusTopicWatcher({ bootstrapServers: '127.0.0.1:9', topic: 'status', poolId: 'lcc-p', logger, onChange: async () => undefined, retryMs: 60_000 });
    watcher.start();
    t.after(() => watcher.stop());
    const consumer = await eventually('the consumer', async () => (watcher as unknown as { consumer?: EventEmitter }).consumer, { intervalMs: 1 });
    assert.doesNotThrow(() => consumer.emit('error', new Error('rejoining the group failed')));
    assert.equal(watcher.live, false);
    await watcher.stop();
    assert.doesNotThrow(() => consumer.emit('error', new Error('a late one')));
    const warnings = lines.filter((line) => line.includes('cannot read the Connect status topic'));
    assert.equal(warnings.length, 1, 'said once');
    assert.match(warnings[0]!, /rejoining the group failed/);
  });

  it('listens to a stream that a stop closed while the consumer was joining its group', async () => {
    // The real client's stream fails its fetch with 'Client is closed' once its consumer is
    // closed: an 'error' event, which must find a listener even when the watcher never read.
    let joined!: () => void;
    const joining = new Promise<void>((resolve) => { joined = resolve; });
    const stream = Object.assign(new EventEmitter(), {
      close: async () => { setImmediate(() => stream.emit('error', new Error('Client is closed.'))); },
    });
    class Consumer extends EventEmitter {
      async consume() {
        await joining;
        return stream;
      }
      close(_force: boolean, done: () => void) { done(); }
    }
    const client = { Consumer, stringDeserializers: {} } as unknown as Awaited<ReturnType<NonNullable<ConstructorParameters<typeof StatusTopicWatcher>[0]['loadClient']>>>;
    const watcher = new StatusTopicWatcher({
      bootstrapServers: '127.0.0.1:9', topic: 'status', poolId: 'lcc-p', logger: pino({ level: 'silent' }), onChange: async () => undefined,
      retryMs: 60_000, loadClient: async () => client,
    });
    watcher.start();
    await eventually('the consumer', async () => (watcher as unknown as { consumer?: EventEmitter }).consumer, { intervalMs: 1 });
    const stopped = watcher.stop();
    joined();
    await stopped;
    await eventually('the stream closed', async () => stream.listenerCount('error') > 0 && (await new Promise((r) => setImmediate(r)), true), { intervalMs: 1 });
    assert.equal(watcher.live, false);
  });
});
