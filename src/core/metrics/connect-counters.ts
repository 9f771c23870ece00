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
// Each is the live counter plus what earlier runs of the task in the same worker counted
// (jvm/metrics-reporter keeps it when a restart removes the task's metrics).

import type { Sample } from './prometheus-text.ts';

export const CONNECT_METRICS = {
  sentRecords: 'io.confluent.kafka.connect/sent_records',
  receivedRecords: 'io.confluent.kafka.connect/received_records',
  sentBytes: 'io.confluent.kafka.connect/sent_bytes',
  receivedBytes: 'io.confluent.kafka.connect/received_bytes',
  deadLetterQueueRecords: 'io.confluent.kafka.connect/dead_letter_queue_records',
} as const;

/**
 * Not a metric: when the task's worker JVM started. Counters (live + retired, see below) only
 * start again from zero in a new JVM, so a new value is the one reset there is.
 */
export const TASK_INCARNATION = 'cirrus/task_incarnation';

/** The counters of one task of one connector, as scraped. */
export interface TaskCounters {
  connectorId: string;
  /** `task-<n>` (metric_counters.source). */
  source: string;
  /** Confluent metric name → raw counter value. */
  counters: Record<string, number>;
  /** The worker JVM's start time (ms), when the agent serves it. */
  incarnation?: number;
}

/** The agent's attribute label → the metric it counts. */
const ATTRIBUTES: Record<string, string> = {
  'source-record-write-total': CONNECT_METRICS.sentRecords,
  'sink-record-read-total': CONNECT_METRICS.receivedRecords,
  'producer-byte-total': CONNECT_METRICS.sentBytes,
  'consumer-bytes-consumed-total': CONNECT_METRICS.receivedBytes,
  'deadletterqueue-produce-requests': CONNECT_METRICS.deadLetterQueueRecords,
};
const COUNTER_SAMPLES = new Set(['cirrus_connect_task', 'cirrus_connect_client', 'cirrus_connect_task_retired']);

/**
 * Groups the agent's samples by connector task. A task's counter is its live value plus the
 * retired total of its earlier runs in this worker (jvm/metrics-reporter), summed over topics
 * for bytes. Samples of other shapes are ignored.
 */
export function taskCounters(samples: Sample[]): TaskCounters[] {
  const tasks = new Map<string, { connectorId: string; source: string; attributes: Map<string, number> }>();
  let incarnation: number | undefined;
  for (const { name, labels, value } of samples) {
    if (name === 'cirrus_worker_start_time_ms' && Number.isFinite(value)) incarnation = value;
    const { connector, task, attribute } = labels;
    if (!COUNTER_SAMPLES.has(name) || !Number.isFinite(value) || !connector || !task || !/^\d+$/.test(task) || !attribute) continue;
    const key = `${connector}\u0000${task}`;
    let found = tasks.get(key);
    if (!found) tasks.set(key, found = { connectorId: connector, source: `task-${task}`, attributes: new Map() });
    found.attributes.set(attribute, (found.attributes.get(attribute) ?? 0) + value);
  }
  return [...tasks.values()].map(({ connectorId, source, attributes }) => {
    const counters: Record<string, number> = {};
    for (const [attribute, value] of attributes) {
      const metric = ATTRIBUTES[attribute];
      if (metric) counters[metric] = value;
    }
    // Only a sink has a dead letter queue in Connect; a source's zero would be a metric it has not.
    if (!attributes.has('sink-record-read-total')) delete counters[CONNECT_METRICS.deadLetterQueueRecords];
    return { connectorId, source, counters, ...(incarnation === undefined ? {} : { incarnation }) };
  });
}
