// The connector metrics Cirrus publishes (CONTRACT §3.4), the labels a query may filter and group
// on, and the granularities with the longest interval each may cover (§3.1).

export type Aggregation = 'SUM' | 'MAX' | 'MIN';

export interface MetricDescriptor {
  name: string;
  description: string;
  type: 'COUNTER_INT64' | 'GAUGE_INT64';
  unit: string;
  lifecycle_stage: 'GENERAL_AVAILABILITY';
  exportable: boolean;
  resources: string[];
  labels: { key: string; description: string; exportable: boolean }[];
}

const PREFIX = 'io.confluent.kafka.connect/';
/** CONTRACT Q24: clients omit `agg` and get SUM; MAX and MIN pick one connector's value per bucket. */
export const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MAX', 'MIN'];

function counter(short: string, unit: string, what: string): MetricDescriptor {
  return {
    name: `${PREFIX}${short}`,
    description: `${what}, counted per minute (the increase within the minute, over all of the connector's tasks). Summed over time.`,
    type: 'COUNTER_INT64', unit, lifecycle_stage: 'GENERAL_AVAILABILITY', exportable: true, resources: ['connector'], labels: [],
  };
}

const STATUS_LABEL = { key: 'status', description: 'The state Connect reported: RUNNING, PAUSED, FAILED, UNASSIGNED, RESTARTING or STOPPED.', exportable: true };

/** A status metric: always 1 while the connector (or task) is seen, its state in `metric.status`. */
function status(short: string, what: string, labels: MetricDescriptor['labels']): MetricDescriptor {
  return {
    name: `${PREFIX}${short}`,
    description: `The state of ${what}, as its worker reports it. The value is always 1 for each state seen within the minute; the state is the metric.status label.`,
    type: 'GAUGE_INT64', unit: '1', lifecycle_stage: 'GENERAL_AVAILABILITY', exportable: true, resources: ['connector'], labels,
  };
}

export const METRICS: readonly MetricDescriptor[] = [
  status('connector_status', 'the connector', [STATUS_LABEL]),
  status('connector_task_status', 'each task of the connector', [STATUS_LABEL, { key: 'task_id', description: 'The number of the task (0, 1, …).', exportable: true }]),
  counter('dead_letter_queue_records', '1', 'Records the connector wrote to its dead letter queue topic'),
  counter('received_bytes', 'By', 'Bytes a sink connector read from Kafka'),
  counter('received_records', '1', 'Records a sink connector read from Kafka'),
  counter('sent_bytes', 'By', 'Bytes a source connector wrote to Kafka'),
  counter('sent_records', '1', 'Records a source connector wrote to Kafka'),
];

export function metricNamed(name: string): MetricDescriptor | undefined {
  return METRICS.find((m) => m.name === name);
}

/** Resource types and their labels; `connector.id` is addressed as `resource.connector.id`. */
export const RESOURCES = [
  { type: 'connector', description: 'A connector (managed or custom) running in Cirrus.', labels: [{ key: 'connector.id', description: 'The id of the connector (lcc-…).', exportable: true }] },
  { type: 'kafka', description: 'The Kafka cluster a connector belongs to; connector metrics carry its id.', labels: [{ key: 'kafka.id', description: 'The id of the Kafka cluster (lkc-…).', exportable: true }] },
] as const;

/** Every label a point can carry: the resource's on all metrics, `metric.*` on those that declare them. */
export const LABELS = ['resource.connector.id', 'resource.kafka.id', 'metric.status', 'metric.task_id'] as const;
export type Label = (typeof LABELS)[number];

export function isLabel(field: unknown): field is Label {
  return typeof field === 'string' && (LABELS as readonly string[]).includes(field);
}

/** Whether the metric's points are states (metric_states) rather than per-minute counts. */
export function isStatusMetric(metric: MetricDescriptor): boolean {
  return metric.type === 'GAUGE_INT64';
}

/** The labels a query of `metric` may filter and group on; every label when no metric is named. */
export function labelsOf(metric: MetricDescriptor | undefined): Label[] {
  if (!metric) return [...LABELS];
  return LABELS.filter((l) => l.startsWith('resource.') || metric.labels.some((m) => `metric.${m.key}` === l));
}

/** Bucket length in minutes (ALL: one bucket over every interval) and the longest interval allowed. */
export const GRANULARITIES = {
  PT1M: { minutes: 1, maxIntervalMinutes: 6 * 60 },
  PT5M: { minutes: 5, maxIntervalMinutes: 24 * 60 },
  PT15M: { minutes: 15, maxIntervalMinutes: 4 * 24 * 60 },
  PT30M: { minutes: 30, maxIntervalMinutes: 7 * 24 * 60 },
  PT1H: { minutes: 60, maxIntervalMinutes: Infinity },
  PT4H: { minutes: 4 * 60, maxIntervalMinutes: Infinity },
  PT6H: { minutes: 6 * 60, maxIntervalMinutes: Infinity },
  PT12H: { minutes: 12 * 60, maxIntervalMinutes: Infinity },
  P1D: { minutes: 24 * 60, maxIntervalMinutes: Infinity },
  ALL: { minutes: undefined, maxIntervalMinutes: Infinity },
} as const;
export type Granularity = keyof typeof GRANULARITIES;

export function isGranularity(value: unknown): value is Granularity {
  return typeof value === 'string' && Object.hasOwn(GRANULARITIES, value);
}
