// Reading what connectors wrote, with a real Kafka client.
import { Admin, ConfigResourceTypes, Consumer, IncrementalAlterConfigOperationTypes, Producer, stringSerializers } from '@platformatic/kafka';
import { randomUUID } from 'node:crypto';

export interface TopicRecord {
  key: string;
  value: string;
  /** The value as written, for binary formats (AVRO in Confluent's wire format). */
  bytes: Buffer;
  partition: number;
  offset: bigint;
  headers: Record<string, string>;
}

/** What a string deserializer makes of a record's bytes (`undefined` for none), as text. */
const text = (data: unknown): string => String(Buffer.isBuffer(data) ? data.toString('utf-8') : undefined);

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
    maxWaitTime: 500,
  });
  // An error the client emits on itself (its group rejoin failed) fails this read; unheard, it
  // would be thrown, and fail whichever test of the file runs then.
  const failed = new Promise<never>((_, reject) => consumer.on('error', reject));
  failed.catch(() => undefined);
  const records: TopicRecord[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    await Promise.race([failed, new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`only ${records.length} of ${atLeast} records arrived in ${topic} within ${timeoutMs} ms`)), timeoutMs);
      let settling = false;
      stream.on('data', (message) => {
        records.push({
          key: text(message.key), value: text(message.value), bytes: Buffer.isBuffer(message.value) ? message.value : Buffer.alloc(0), partition: message.partition, offset: message.offset,
          headers: Object.fromEntries([...message.headers].map(([k, v]) => [text(k), text(v)])),
        });
        if (!settling && records.length >= atLeast) {
          settling = true;
          clearTimeout(deadline);
          setTimeout(resolve, settleMs);
        }
      });
      stream.on('error', reject);
    })]);
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  return records;
}

async function withAdmin<T>(bootstrapServers: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({ clientId: 'cirrus-test-admin', bootstrapBrokers: bootstrapServers.split(',') });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

/** Records ever written to `topic` (its end offsets, summed); 0 while the topic does not exist. */
export async function topicEndOffset(bootstrapServers: string, topic: string): Promise<number> {
  return withAdmin(bootstrapServers, async (admin) => {
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) return 0;
    const partitions = (await admin.metadata({ topics: [topic] })).topics.get(topic)?.partitionsCount ?? 1;
    const listed = await admin.listOffsets({
      topics: [{ name: topic, partitions: [...Array(partitions).keys()].map((partitionIndex) => ({ partitionIndex, timestamp: -1n })) }],
    });
    return listed.flatMap((t) => t.partitions).reduce((sum, p) => sum + Number(p.offset), 0);
  });
}

export async function createTopic(bootstrapServers: string, topic: string, configs: Record<string, string> = {}): Promise<void> {
  await withAdmin(bootstrapServers, async (admin) => {
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1, configs: Object.entries(configs).map(([name, value]) => ({ name, value })) });
  });
}

/** Sets configs of an existing topic (e.g. max.message.bytes, to make its producers fail). */
export async function setTopicConfig(bootstrapServers: string, topic: string, configs: Record<string, string>): Promise<void> {
  await withAdmin(bootstrapServers, async (admin) => {
    await admin.incrementalAlterConfigs({
      resources: [{
        resourceType: ConfigResourceTypes.TOPIC, resourceName: topic,
        configs: Object.entries(configs).map(([name, value]) => ({ name, value, configOperation: IncrementalAlterConfigOperationTypes.SET })),
      }],
    });
  });
}

export async function listTopics(bootstrapServers: string): Promise<string[]> {
  return withAdmin(bootstrapServers, (admin) => admin.listTopics());
}

/** Writes records whose values are bytes as they are (e.g. serialized by another client) to `topic`. */
export async function produceBytes(bootstrapServers: string, topic: string, values: Buffer[]): Promise<void> {
  const producer = new Producer({ clientId: 'cirrus-test-producer', bootstrapBrokers: bootstrapServers.split(','), autocreateTopics: true });
  try {
    await producer.send({ messages: values.map((value, i) => ({ topic, key: Buffer.from(String(i)), value })) });
  } finally {
    await producer.close();
  }
}

/** Writes string records to `topic` (created by the broker on first use if it does not exist). */
export async function produce(bootstrapServers: string, topic: string, records: { key: string; value: string }[]): Promise<void> {
  const producer = new Producer({
    clientId: 'cirrus-test-producer',
    bootstrapBrokers: bootstrapServers.split(','),
    serializers: stringSerializers,
    autocreateTopics: true,
  });
  try {
    await producer.send({ messages: records.map((r) => ({ topic, key: r.key, value: r.value })) });
  } finally {
    await producer.close();
  }
}
