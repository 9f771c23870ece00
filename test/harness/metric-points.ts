// Stored connector metrics for the Metrics API tests and benchmark: rows written straight into
// metric_points (what the scraper would have written), so the query side is tested on its own.
import type { Store } from '../../src/store/database.ts';
import type { MetricState } from '../../src/store/metric-states.ts';

export interface StoredPoint {
  connectorId: string;
  kafkaClusterId: string;
  metric: string;
  minute: number;
  value: number;
}

export const RECEIVED_RECORDS = 'io.confluent.kafka.connect/received_records';
export const SENT_RECORDS = 'io.confluent.kafka.connect/sent_records';

export async function insertPoints(db: Store, points: readonly StoredPoint[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < points.length; i += 500) {
      const rows = points.slice(i, i + 500).map((p) => ({ connector_id: p.connectorId, kafka_cluster_id: p.kafkaClusterId, metric: p.metric, minute: p.minute, value: p.value }));
      await tx.insertInto('metric_points').values(rows).execute();
    }
  });
}

export const minuteOf = (iso: string): number => Date.parse(iso) / 60_000;

export const CONNECTOR_STATUS = 'io.confluent.kafka.connect/connector_status';
export const TASK_STATUS = 'io.confluent.kafka.connect/connector_task_status';

/** A state row as the scraper writes it (task '' for the connector itself). */
export type StoredState = MetricState;

export async function insertStates(db: Store, states: readonly StoredState[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < states.length; i += 500) {
      const rows = states.slice(i, i + 500).map((s) => ({ connector_id: s.connectorId, kafka_cluster_id: s.kafkaClusterId, metric: s.metric, task: s.task, minute: s.minute, status: s.status }));
      await tx.insertInto('metric_states').values(rows).execute();
    }
  });
}
