// Observes a pool's connector and task states as Kafka Connect writes them: a consumer on the
// pool's status.storage.topic (issue 13), read from the beginning (the topic is compacted, so
// that is every connector's latest state) and then as records arrive. It only adds speed: the
// reconciler's REST passes stay the source of truth and the fallback, so a topic that cannot be
// read is logged once and retried quietly, and nothing here ever throws into the reconciler.
import type { Consumer, MessagesStream } from '@platformatic/kafka';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EngineStatus } from '../core/connector-state.ts';
import { applyStatusRecord, parseStatusRecord, toEngineStatus, type TopicStatus } from '../core/reconcile/status-records.ts';

export interface StatusTopic {
  bootstrapServers: string;
  topic: string;
}

export interface StatusTopicWatcherOptions extends StatusTopic {
  poolId: string;
  logger: Logger;
  /** Engine connectors whose status changed; called once per batch of records, never concurrently. */
  onChange: (engineNames: string[]) => Promise<void>;
  /** Wait before reading again after a failure. */
  retryMs?: number;
  /** The Kafka client's module; @platformatic/kafka, loaded once, unless given (unit tests). */
  loadClient?: () => Promise<KafkaClient>;
}

type KafkaClient = Pick<typeof import('@platformatic/kafka'), 'Consumer' | 'stringDeserializers'>;

const RETRY_MS = 10_000;

// Loaded when the first watcher opens, not with the control plane: importing the client takes
// ~270 ms, the largest part of the start before the data plane is spawned (issue 13, cold start).
let kafkaClient: Promise<typeof import('@platformatic/kafka')> | undefined;
const loadKafkaClient = () => (kafkaClient ??= import('@platformatic/kafka'));
/** Each try gives up quickly: the REST passes cover the pool meanwhile. */
const CLIENT_TIMEOUT_MS = 5_000;

export class StatusTopicWatcher {
  private readonly statuses = new Map<string, TopicStatus>();
  private consumer: Consumer<string, string, string, string> | undefined;
  private stream: MessagesStream<string, string, string, string> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  /** True while records flow: only then does the reconciler prefer what the topic says. */
  private reading = false;
  /** The failure was logged; the next ones of this outage are not. */
  private failing = false;
  private readonly pending = new Set<string>();
  private delivering: Promise<void> | undefined;

  constructor(private readonly options: StatusTopicWatcherOptions) {}

  get live(): boolean {
    return this.reading;
  }

  start(): void {
    void this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.close();
    await this.delivering;
  }

  /** The latest status the topic gave for an engine connector, while the topic is being read. */
  status(engineName: string): EngineStatus | undefined {
    return this.reading ? toEngineStatus(this.statuses.get(engineName)) : undefined;
  }

  /**
   * Drops records of tasks Connect no longer has (REST lists the tasks of the current config);
   * a list without tasks (a connector just created) drops nothing.
   */
  keepTasks(engineName: string, taskIds: number[]): void {
    const entry = this.statuses.get(engineName);
    if (!entry || taskIds.length === 0) return;
    const keep = new Set(taskIds);
    for (const id of entry.tasks.keys()) if (!keep.has(id)) entry.tasks.delete(id);
  }

  private async open(): Promise<void> {
    const { bootstrapServers, topic, poolId } = this.options;
    try {
      const { Consumer, stringDeserializers } = await (this.options.loadClient ?? loadKafkaClient)();
      if (this.stopped) return;
      // A group of its own, never committed: every start reads the whole compacted topic. Never
      // create the topic: one made by us would not be compacted, and Connect then refuses to start.
      const consumer = new Consumer<string, string, string, string>({
        groupId: `cirrus-status-${poolId}-${randomUUID()}`, clientId: `cirrus-status-${poolId}`,
        bootstrapBrokers: bootstrapServers.split(','), deserializers: stringDeserializers, autocreateTopics: false,
        maxWaitTime: 500, timeout: CLIENT_TIMEOUT_MS, retries: 2, retryDelay: 500,
      });
      this.consumer = consumer;
      // The client emits 'error' on itself when rejoining its group fails (a broker restart, a
      // slow broker): without a listener that is an uncaught exception, the end of the process.
      // A consumer already let go of (closed, or replaced) may still emit it: nothing to do then.
      consumer.on('error', (err: Error) => void (this.consumer === consumer && this.fail(err)));
      const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
      this.stream = stream;
      // Listened to before anything else: a stop while consume() was joining closes this stream
      // at once, and its fetch then fails with 'Client is closed', an 'error' event.
      // Only the current stream's end counts: close() lets go of it before closing it.
      stream.on('error', (err: Error) => void (this.stream === stream && this.fail(err)));
      stream.on('close', () => void (this.stream === stream && this.fail(new Error('the status topic stream closed'))));
      if (this.stopped) return await this.close();
      stream.on('data', (message) => this.onRecord(message.key, message.value));
      this.reading = true;
      if (this.failing) this.options.logger.info({ poolId, topic }, 'reading the Connect status topic again');
      this.failing = false;
    } catch (err) {
      await this.fail(err as Error);
    }
  }

  private async fail(err: Error): Promise<void> {
    this.reading = false;
    if (!this.failing) {
      this.options.logger.warn({ poolId: this.options.poolId, topic: this.options.topic, err: err.message },
        'cannot read the Connect status topic; status comes from REST polling until it can');
    }
    this.failing = true;
    await this.close();
    clearTimeout(this.retry);
    if (!this.stopped) this.retry = setTimeout(() => void this.open(), this.options.retryMs ?? RETRY_MS);
  }

  private async close(): Promise<void> {
    const { stream, consumer } = this;
    this.stream = undefined;
    this.consumer = undefined;
    this.reading = false;
    if (stream) await stream.close().catch(() => undefined);
    // Forced: the group is ours alone, nothing to hand over; any error is the end of it anyway.
    if (consumer) await new Promise<void>((resolve) => consumer.close(true, () => resolve()));
  }

  private onRecord(key: string | undefined, value: string | undefined): void {
    const record = key === undefined ? undefined : parseStatusRecord(key, value);
    if (!record) return;
    this.pending.add(applyStatusRecord(this.statuses, record));
    this.deliver();
  }

  /** Hands changed connectors over in batches, one batch at a time, so a burst costs one write each. */
  private deliver(): void {
    if (this.delivering || this.pending.size === 0) return;
    this.delivering = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        const names = [...this.pending];
        this.pending.clear();
        await this.options.onChange(names);
      })
      .catch((err: Error) => this.options.logger.error({ poolId: this.options.poolId, err }, 'status from the status topic not stored'))
      .finally(() => {
        this.delivering = undefined;
        this.deliver();
      });
  }
}
