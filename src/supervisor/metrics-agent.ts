// The metrics agent of every Connect pool (issue 12): Prometheus's JMX exporter as a -javaagent,
// serving on one loopback port per pool only the beans the scraper reads. Connect has no other
// way out for its metrics (JMX only). We chose the exporter over Jolokia's JVM agent because it
// is read-only by construction (Jolokia's default policy also lets a caller write attributes and
// invoke MBean operations, DiagnosticCommand included), it filters beans by its own config, and
// Prometheus text is the format the rest of issue 12 speaks (export, GET /metrics).
import fs from 'node:fs';

/**
 * Every sample is `cirrus_connect_task{connector, task, attribute}` (or `_client` with a topic,
 * `_status` with a state): one shape to parse, whatever bean it came from. Bean patterns are
 * matched unanchored by the exporter, so values stop at a comma (`[^,]+`): a topic-level bean of
 * the same client must not pass for the client-level one.
 */
const RULES = [
  {
    // Records: source-record-write-total (sent_records), sink-record-read-total (received_records);
    // DLQ: deadletterqueue-produce-requests (dead_letter_queue_records); the rest for diagnosis.
    pattern: 'kafka.connect<type=(source-task-metrics|sink-task-metrics|task-error-metrics), connector=([^,]+), task=(\\d+)><>'
      + '(source-record-write-total|source-record-poll-total|sink-record-read-total|sink-record-send-total|'
      + 'deadletterqueue-produce-requests|deadletterqueue-produce-failures|total-record-errors|total-record-failures|total-records-skipped)',
    name: 'cirrus_connect_task', labels: { connector: '$2', task: '$3', attribute: '$4' },
  },
  {
    // Bytes as stored in Kafka's record batches: what a source task's producer wrote per topic.
    pattern: 'kafka.producer<type=producer-topic-metrics, client-id=connector-producer-([^,]+)-(\\d+), topic=([^,>]+)><>(byte-total)',
    name: 'cirrus_connect_client', labels: { connector: '$1', task: '$2', topic: '$3', attribute: 'producer-$4' },
  },
  {
    // Bytes a sink task's consumer fetched (the client-level bean: no topic key).
    pattern: 'kafka.consumer<type=consumer-fetch-manager-metrics, client-id=connector-consumer-([^,]+)-(\\d+)><>(bytes-consumed-total)',
    name: 'cirrus_connect_client', labels: { connector: '$1', task: '$2', topic: '', attribute: 'consumer-$3' },
  },
  {
    // What past runs of the task counted (jvm/metrics-reporter): live + retired never drops
    // while the worker runs, whatever restarts its tasks.
    pattern: 'cirrus.connect<type=retired-task-metrics, connector=([^,]+), task=(\\d+)><>([a-z-]+)',
    name: 'cirrus_connect_task_retired', labels: { connector: '$1', task: '$2', attribute: '$3' },
  },
  {
    // When this worker JVM started: a new value means every counter started again from zero.
    pattern: 'java.lang<type=Runtime><>StartTime', name: 'cirrus_worker_start_time_ms',
  },
  {
    pattern: 'kafka.connect<type=connector-task-metrics, connector=([^,]+), task=(\\d+)><>status: ([a-z-]+)',
    name: 'cirrus_connect_task_status', value: 1, labels: { connector: '$1', task: '$2', status: '$3' },
  },
  {
    pattern: 'kafka.connect<type=connector-metrics, connector=([^,]+)><>status: ([a-z-]+)',
    name: 'cirrus_connect_connector_status', value: 1, labels: { connector: '$1', status: '$2' },
  },
];

const INCLUDED_BEANS = [
  'kafka.connect:type=source-task-metrics,*', 'kafka.connect:type=sink-task-metrics,*', 'kafka.connect:type=task-error-metrics,*',
  'kafka.connect:type=connector-task-metrics,*', 'kafka.connect:type=connector-metrics,*',
  'kafka.producer:type=producer-topic-metrics,*', 'kafka.consumer:type=consumer-fetch-manager-metrics,*',
  'cirrus.connect:type=retired-task-metrics,*', 'java.lang:type=Runtime',
];

/** The exporter's YAML. JSON is YAML, so no YAML writer is needed. */
export function metricsAgentConfig(): string {
  const rules = RULES.map((r) => ({ ...r, type: 'GAUGE' }));
  return `${JSON.stringify({ includeObjectNames: INCLUDED_BEANS, rules }, null, 2)}\n`;
}

export function writeMetricsAgentConfig(file: string): void {
  fs.writeFileSync(file, metricsAgentConfig());
}

/** The agent's JVM option: bound to 127.0.0.1 only (the host part), never to every address. */
export function metricsAgentOption(jar: string, port: number, configFile: string): string {
  return `-javaagent:${jar}=127.0.0.1:${port}:${configFile}`;
}

export function metricsAgentUrl(port: number): string {
  return `http://127.0.0.1:${port}/metrics`;
}
