// Issue 12: the agent's status samples read into the states of the status metrics.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectorStates, STATUS_METRICS } from '../../src/core/metrics/connect-states.ts';
import { parsePrometheusText } from '../../src/core/metrics/prometheus-text.ts';

describe('connectorStates', () => {
  it('reads connector and task states in upper case; skips destroyed, other samples and odd labels', () => {
    const text = [
      'cirrus_connect_connector_status{connector="lcc-1",status="running"} 1.0',
      'cirrus_connect_task_status{connector="lcc-1",task="0",status="running"} 1.0',
      'cirrus_connect_task_status{connector="lcc-1",task="1",status="failed"} 1.0',
      'cirrus_connect_connector_status{connector="lcc-2",status="destroyed"} 1.0',
      'cirrus_connect_task_status{connector="lcc-2",task="x",status="paused"} 1.0',
      'cirrus_connect_task{connector="lcc-1",task="0",attribute="source-record-write-total"} 5.0',
      'cirrus_connect_connector_status{connector="lcc-3",status="paused"} 0.0',
    ].join('\n');
    assert.deepEqual(connectorStates(parsePrometheusText(text)), [
      { connectorId: 'lcc-1', metric: STATUS_METRICS.connector, task: '', status: 'RUNNING' },
      { connectorId: 'lcc-1', metric: STATUS_METRICS.task, task: '0', status: 'RUNNING' },
      { connectorId: 'lcc-1', metric: STATUS_METRICS.task, task: '1', status: 'FAILED' },
    ]);
  });
});
