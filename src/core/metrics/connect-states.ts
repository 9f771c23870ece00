// From a pool agent's status samples (supervisor/metrics-agent.ts: Connect's connector-metrics
// and connector-task-metrics `status` attributes, one sample of 1 per state) to the states of the
// status metrics (CONTRACT §3.4, issue 12), in Connect's words upper-cased as its REST API says them.
import type { Sample } from './prometheus-text.ts';

export const STATUS_METRICS = {
  connector: 'io.confluent.kafka.connect/connector_status',
  task: 'io.confluent.kafka.connect/connector_task_status',
} as const;

export interface ObservedState {
  connectorId: string;
  metric: string;
  /** The task's number, or '' for the connector. */
  task: string;
  status: string;
}

// `destroyed` is a connector on its way out of the worker: no state a user asked about.
const STATES = new Set(['running', 'paused', 'failed', 'unassigned', 'restarting', 'stopped']);

export function connectorStates(samples: readonly Sample[]): ObservedState[] {
  const states: ObservedState[] = [];
  for (const { name, labels, value } of samples) {
    const { connector, task, status } = labels;
    if (value !== 1 || !connector || !status || !STATES.has(status)) continue;
    if (name === 'cirrus_connect_connector_status') {
      states.push({ connectorId: connector, metric: STATUS_METRICS.connector, task: '', status: status.toUpperCase() });
    } else if (name === 'cirrus_connect_task_status' && task && /^\d+$/.test(task)) {
      states.push({ connectorId: connector, metric: STATUS_METRICS.task, task, status: status.toUpperCase() });
    }
  }
  return states;
}
