// Connect's status topic records, folded the way Connect's own status store folds them (issue 13).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyStatusRecord, mergeEngineStatus, parseStatusRecord, toEngineStatus, type StatusRecord, type TopicStatus,
} from '../../src/core/reconcile/status-records.ts';

const value = (state: string, trace: string | null = null) => JSON.stringify({ state, trace, worker_id: '127.0.0.1:8083', generation: 3 });

describe('status records: parsing', () => {
  const cases: { key: string; value: string | undefined; expected: StatusRecord | undefined }[] = [
    { key: 'status-connector-lcc-ab12', value: value('RUNNING'), expected: { kind: 'connector', engineName: 'lcc-ab12', state: { state: 'RUNNING' } } },
    // Connector names hold dashes; the task number is the last part only.
    { key: 'status-task-lcc-ab12-0', value: value('FAILED', 'java.lang.RuntimeException: boom\n\tat x'),
      expected: { kind: 'task', engineName: 'lcc-ab12', taskId: 0, state: { state: 'FAILED', trace: 'java.lang.RuntimeException: boom\n\tat x' } } },
    { key: 'status-task-lcc-ab12-12', value: value('RUNNING'), expected: { kind: 'task', engineName: 'lcc-ab12', taskId: 12, state: { state: 'RUNNING' } } },
    { key: 'status-connector-lcc-ab12', value: undefined, expected: { kind: 'connector', engineName: 'lcc-ab12', state: undefined } },
    { key: 'status-task-lcc-ab12-1', value: '', expected: { kind: 'task', engineName: 'lcc-ab12', taskId: 1, state: undefined } },
    // Active topics (KIP-558) share the topic and are no status.
    { key: 'status-topic-pageviews:connector-lcc-ab12', value: '{"topic":{"name":"pageviews"}}', expected: undefined },
    { key: 'something-else', value: value('RUNNING'), expected: undefined },
    { key: 'status-connector-lcc-ab12', value: 'not json', expected: undefined },
    { key: 'status-connector-lcc-ab12', value: '{"trace":"no state"}', expected: undefined },
    { key: 'status-connector-lcc-ab12', value: '42', expected: undefined },
  ];
  for (const c of cases) {
    it(`${c.key} = ${String(c.value).slice(0, 30)}`, () => assert.deepEqual(parseStatusRecord(c.key, c.value), c.expected));
  }
});

describe('status records: folding', () => {
  const fold = (records: [string, string | undefined][]) => {
    const statuses = new Map<string, TopicStatus>();
    for (const [key, v] of records) {
      const record = parseStatusRecord(key, v);
      if (record) applyStatusRecord(statuses, record);
    }
    return statuses;
  };

  it('the latest record of each connector and task wins, tasks in order', () => {
    const statuses = fold([
      ['status-connector-lcc-1', value('UNASSIGNED')], ['status-task-lcc-1-1', value('RUNNING')], ['status-task-lcc-1-0', value('RUNNING')],
      ['status-connector-lcc-1', value('RUNNING')], ['status-task-lcc-1-0', value('FAILED', 'boom')],
    ]);
    assert.deepEqual(toEngineStatus(statuses.get('lcc-1')), {
      connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED', trace: 'boom' }, { id: 1, state: 'RUNNING' }],
    });
  });

  it('a connector known only by its tasks has no status yet', () => {
    assert.equal(toEngineStatus(fold([['status-task-lcc-1-0', value('RUNNING')]]).get('lcc-1')), undefined);
  });

  it('tombstones remove a task, and a connector once nothing of it is left', () => {
    const statuses = fold([
      ['status-connector-lcc-1', value('RUNNING')], ['status-task-lcc-1-0', value('RUNNING')], ['status-task-lcc-1-1', value('RUNNING')],
      ['status-task-lcc-1-1', undefined],
    ]);
    assert.deepEqual(toEngineStatus(statuses.get('lcc-1'))?.tasks, [{ id: 0, state: 'RUNNING' }]);
    const gone = fold([
      ['status-connector-lcc-1', value('RUNNING')], ['status-task-lcc-1-0', value('RUNNING')],
      ['status-task-lcc-1-0', undefined], ['status-connector-lcc-1', undefined],
    ]);
    assert.equal(gone.has('lcc-1'), false);
  });
});

describe('status records: merged with a REST observation', () => {
  const rest = { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] };
  it('the topic gives the newer states, REST the tasks that exist', () => {
    const topic = { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED', trace: 'boom' }, { id: 1, state: 'UNASSIGNED' }] };
    assert.deepEqual(mergeEngineStatus(rest, topic), { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED', trace: 'boom' }] });
  });
  it('either alone stands; REST without tasks yet leaves them to the topic', () => {
    const topic = { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] };
    assert.equal(mergeEngineStatus(rest, undefined), rest);
    assert.equal(mergeEngineStatus(undefined, topic), topic);
    assert.equal(mergeEngineStatus(undefined, undefined), undefined);
    assert.deepEqual(mergeEngineStatus({ connector: { state: 'UNASSIGNED' }, tasks: [] }, topic), topic);
  });
});
