// From a pool agent's samples to the counters of each connector task, in Confluent's metric
// names (CONTRACT §3.4). What each metric counts, and from which bean (supervisor/metrics-agent.ts):
//   sent_records              source-task-metrics source-record-write-total: records a source task
//                             wrote to Kafka after its transformations (filtered records excluded)
//   received_records          sink-task-metrics sink-record-read-total: records a sink task read
//                             from Kafka, before transformations
//   sent_bytes                the source task's producer (connector-producer-<id>-<task>),
//                             producer-topic-metrics byte-total summed over topics: bytes of the
//                             record batches it sent (after compression, Kafka's own framing)
//   received_bytes            the sink task's consumer (connector-consumer-<id>-<task>),
//                             consumer-fetch-manager-metrics bytes-consumed-total: bytes it fetched
//   dead_letter_queue_records task-error-metrics deadletterqueue-produce-requests of sink tasks:
//                             records sent to the dead letter queue topic
// Connect keeps no byte totals of its own; the task's Kafka client is the nearest count there is.

import type { Sample } from './prometheus-text.ts';

export const CONNECT_METRICS = {
  sentRecords: 'io.confluent.kafka.connect/sent_records',
  receivedRecords: 'io.confluent.kafka.connect/received_records',
  sentBytes: 'io.confluent.kafka.connect/sent_bytes',
  receivedBytes: 'io.confluent.kafka.connect/received_bytes',
  deadLetterQueueRecords: 'io.confluent.kafka.connect/dead_letter_queue_records',
} as const;

/**
 * Not a metric: when the task's Kafka client started. It changes when the task starts again,
 * and then every counter of the task started again from zero.
 */
export const TASK_INCARNATION = 'cirrus/task_incarnation';

/** The counters of one task of one connector, as scraped. */
export interface TaskCounters {
  connectorId: string;
  /** `task-<n>` (metric_counters.source). */
  source: string;
  /** Confluent metric name → raw counter value. */
  counters: Record<string, number>;
  /** The task's client start time (ms), when its client exists yet. */
  incarnation?: number;
}

const TASK_ATTRIBUTES: Record<string, string> = {
  'source-record-write-total': CONNECT_METRICS.sentRecords,
  'sink-record-read-total': CONNECT_METRICS.receivedRecords,
};

/** Groups the agent's samples by connector task. Samples of other shapes are ignored. */
export function taskCounters(samples: Sample[]): TaskCounters[] {
  const tasks = new Map<string, TaskCounters & { sink: boolean; dlq?: number }>();
  const taskOf = (labels: Record<string, string>) => {
    const { connector, task } = labels;
    if (!connector || task === undefined || !/^\d+$/.test(task)) return undefined;
    const key = `${connector}\u0000${task}`;
    let found = tasks.get(key);
    if (!found) tasks.set(key, found = { connectorId: connector, source: `task-${task}`, counters: {}, sink: false });
    return found;
  };
  for (const { name, labels, value } of samples) {
    if (!Number.isFinite(value) || (name !== 'cirrus_connect_task' && name !== 'cirrus_connect_client')) continue;
    const task = taskOf(labels);
    const attribute = labels.attribute ?? '';
    if (!task) continue;
    const metric = TASK_ATTRIBUTES[attribute];
    if (metric) task.counters[metric] = value;
    if (attribute === 'sink-record-read-total') task.sink = true;
    else if (attribute === 'deadletterqueue-produce-requests') task.dlq = value;
    else if (attribute === 'producer-byte-total') task.counters[CONNECT_METRICS.sentBytes] = (task.counters[CONNECT_METRICS.sentBytes] ?? 0) + value;
    else if (attribute === 'consumer-bytes-consumed-total') task.counters[CONNECT_METRICS.receivedBytes] = value;
    else if (attribute.endsWith('-start-time-ms')) task.incarnation = Math.max(task.incarnation ?? 0, value);
  }
  return [...tasks.values()].map(({ sink, dlq, ...task }) => {
    // Only a sink has a dead letter queue in Connect; a source's zero would be a metric it has not.
    if (sink && dlq !== undefined) task.counters[CONNECT_METRICS.deadLetterQueueRecords] = dlq;
    return task;
  });
}
