// Reading what connectors wrote, with a real Kafka client.
import { Consumer, stringDeserializers } from '@platformatic/kafka';
import { randomUUID } from 'node:crypto';

export interface TopicRecord {
  key: string;
  value: string;
  partition: number;
  offset: bigint;
}

/**
 * Reads `topic` from the beginning until `atLeast` records arrived, then keeps listening for
 * `settleMs` so that surplus records (e.g. beyond `iterations`) are seen too.
 */
export async function readTopic(
  bootstrapServers: string,
  topic: string,
  { atLeast, settleMs = 0, timeoutMs = 60_000 }: { atLeast: number; settleMs?: number; timeoutMs?: number },
): Promise<TopicRecord[]> {
  const consumer = new Consumer({
    groupId: `cirrus-test-${randomUUID()}`,
    clientId: 'cirrus-test',
    bootstrapBrokers: bootstrapServers.split(','),
    deserializers: stringDeserializers,
    maxWaitTime: 500,
  });
  const records: TopicRecord[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`only ${records.length} of ${atLeast} records arrived in ${topic} within ${timeoutMs} ms`)), timeoutMs);
      let settling = false;
      stream.on('data', (message) => {
        records.push({ key: String(message.key), value: String(message.value), partition: message.partition, offset: message.offset });
        if (!settling && records.length >= atLeast) {
          settling = true;
          clearTimeout(deadline);
          setTimeout(resolve, settleMs);
        }
      });
      stream.on('error', reject);
    });
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  return records;
}
