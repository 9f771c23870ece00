// Issue 12, the collection half: the agent's Prometheus text, task counters in Confluent's names,
// increases across counter resets, and the minute a point belongs to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONNECT_METRICS as M, TASK_INCARNATION, taskCounters, type TaskCounters } from '../../src/core/metrics/connect-counters.ts';
import { counterDeltas, epochMinute, growth, increase, retentionStartMinute, type StoredCounter } from '../../src/core/metrics/counter-deltas.ts';
import { parsePrometheusText } from '../../src/core/metrics/prometheus-text.ts';
import { metricsAgentConfig, metricsAgentOption } from '../../src/supervisor/metrics-agent.ts';

// As the agent serves it (shape taken from a real 4.1.1 worker).
const AGENT_TEXT = `# HELP cirrus_connect_client The total number of bytes sent for a topic.
# TYPE cirrus_connect_client gauge
cirrus_connect_client{attribute="consumer-bytes-consumed-total",connector="lcc-snk",task="0"} 3943.0
cirrus_connect_task_retired{attribute="sink-record-read-total",connector="lcc-snk",task="0"} 30.0
cirrus_connect_client{attribute="producer-byte-total",connector="lcc-src",task="0",topic="a"} 6932.0
cirrus_connect_client{attribute="producer-byte-total",connector="lcc-src",task="0",topic="b"} 68.0
cirrus_connect_task_retired{attribute="producer-byte-total",connector="lcc-src",task="0"} 1000.0
cirrus_worker_start_time_ms 1.796046404484E12
cirrus_connect_connector_status{connector="lcc-src",status="running"} 1.0
cirrus_connect_task{attribute="deadletterqueue-produce-requests",connector="lcc-snk",task="0"} 7.0
cirrus_connect_task{attribute="deadletterqueue-produce-requests",connector="lcc-src",task="0"} 0.0
cirrus_connect_task{attribute="sink-record-read-total",connector="lcc-snk",task="0"} 50.0
cirrus_connect_task{attribute="source-record-poll-total",connector="lcc-src",task="0"} 51.0
cirrus_connect_task{attribute="source-record-write-total",connector="lcc-src",task="0"} 50.0
cirrus_connect_task{attribute="source-record-write-total",connector="lcc-src",task="1"} 5.0
cirrus_connect_task_status{connector="lcc-src",status="running",task="0"} 1.0
jvm_memory_used_bytes{area="heap"} 5.1E7
`;

describe('metrics collection: Prometheus text', () => {
  it('reads names, labels (escapes included), values; skips comments, timestamps and junk', () => {
    const samples = parsePrometheusText([
      '# TYPE x gauge', '', 'plain 1', 'with_ts{a="1"} 2.5 1700000000000', 'esc{v="a\\"b\\\\c\\nd",w="x,y}"} -3e2',
      'special{} NaN', 'inf +Inf', 'broken{a="1" 4', 'novalue{a="1"}', '{a="1"} 5', 'words{a="1"} many',
    ].join('\n'));
    assert.deepEqual(samples.map((s) => [s.name, s.labels, s.value]), [
      ['plain', {}, 1], ['with_ts', { a: '1' }, 2.5], ['esc', { v: 'a"b\\c\nd', w: 'x,y}' }, -300],
      ['special', {}, NaN], ['inf', {}, Infinity],
    ]);
  });

  it('parses what the agent serves', () => {
    const samples = parsePrometheusText(AGENT_TEXT);
    assert.equal(samples.length, 15);
    assert.deepEqual(samples[5], { name: 'cirrus_worker_start_time_ms', labels: {}, value: 1796046404484 });
  });
});

describe('metrics collection: task counters in Confluent names', () => {
  it('maps each bean to its metric: live + retired, bytes summed over topics, DLQ for sinks only, the worker incarnation', () => {
    const byTask = new Map(taskCounters(parsePrometheusText(AGENT_TEXT)).map((t) => [`${t.connectorId}/${t.source}`, t]));
    const incarnation = 1796046404484;
    assert.deepEqual(byTask.get('lcc-src/task-0'), {
      connectorId: 'lcc-src', source: 'task-0', incarnation, counters: { [M.sentRecords]: 50, [M.sentBytes]: 8000 },
    });
    assert.deepEqual(byTask.get('lcc-src/task-1'), { connectorId: 'lcc-src', source: 'task-1', incarnation, counters: { [M.sentRecords]: 5 } });
    assert.deepEqual(byTask.get('lcc-snk/task-0'), {
      connectorId: 'lcc-snk', source: 'task-0', incarnation,
      counters: { [M.receivedRecords]: 80, [M.receivedBytes]: 3943, [M.deadLetterQueueRecords]: 7 },
    });
    assert.equal(byTask.size, 3);
  });

  it('the agent config exposes only Connect, task client, retired-total and JVM start beans, on 127.0.0.1', () => {
    const config = JSON.parse(metricsAgentConfig()) as { includeObjectNames: string[]; rules: { pattern: string }[] };
    const beans = /^(kafka\.(connect|producer|consumer):type=[a-z-]+,\*|cirrus\.connect:type=retired-task-metrics,\*|java\.lang:type=Runtime)$/;
    assert.deepEqual(config.includeObjectNames.filter((n) => !beans.test(n)), []);
    assert.ok(config.rules.every((r) => /^(kafka|cirrus|java)\./.test(r.pattern)));
    assert.equal(metricsAgentOption('/a.jar', 9999, '/c.json'), '-javaagent:/a.jar=127.0.0.1:9999:/c.json');
  });
});

const task = (counters: Record<string, number>, incarnation?: number, source = 'task-0', connectorId = 'lcc-a'): TaskCounters =>
  ({ connectorId, source, counters, ...(incarnation === undefined ? {} : { incarnation }) });
const stored = (metric: string, value: number, source = 'task-0', connectorId = 'lcc-a'): StoredCounter => ({ connectorId, source, metric, value });
const covered = new Set(['lcc-a', 'lcc-b']);
const increasesOf = (d: ReturnType<typeof counterDeltas>, id = 'lcc-a') => Object.fromEntries(d.increases.get(id) ?? []);

describe('metrics collection: increases and resets', () => {
  const cases: [string, (last: number | undefined, value: number) => number, number | undefined, number, number][] = [
    ['first sight counts all', increase, undefined, 40, 40],
    ['growth counts the difference', increase, 40, 55, 15],
    ['no change is zero', increase, 55, 55, 0],
    ['without an incarnation, a lower value is a reset: the new value is the increase', increase, 55, 12, 12],
    ['a reset to zero', increase, 55, 0, 0],
    ['within one run, a lower reading adds nothing', growth, 55, 12, 0],
    ['within one run, first sight counts all', growth, undefined, 9, 9],
  ];
  for (const [name, fn, last, value, expected] of cases) it(name, () => assert.equal(fn(last, value), expected));

  it('sums tasks of a connector and stores each task counter with its incarnation', () => {
    const d = counterDeltas([task({ [M.sentRecords]: 10 }, 100), task({ [M.sentRecords]: 7 }, 100, 'task-1')],
      [stored(M.sentRecords, 4), stored(TASK_INCARNATION, 100)], covered);
    assert.deepEqual(increasesOf(d), { [M.sentRecords]: 13 });
    assert.deepEqual(d.counters, [
      stored(M.sentRecords, 10), stored(TASK_INCARNATION, 100), stored(M.sentRecords, 7, 'task-1'), stored(TASK_INCARNATION, 100, 'task-1'),
    ]);
  });

  it('a new worker incarnation restarts every counter of its tasks, even one that grew past the stored value', () => {
    const d = counterDeltas([task({ [M.sentRecords]: 90, [M.sentBytes]: 9000 }, 200)],
      [stored(M.sentRecords, 60), stored(M.sentBytes, 6000), stored(TASK_INCARNATION, 100)], covered);
    assert.deepEqual(increasesOf(d), { [M.sentRecords]: 90, [M.sentBytes]: 9000 });
  });

  it('the same incarnation: a dip (live and retired read across a task restart) adds nothing and keeps the higher value', () => {
    const rows = [stored(M.sentRecords, 60), stored(TASK_INCARNATION, 100)];
    const dip = counterDeltas([task({ [M.sentRecords]: 35 }, 100)], rows, covered);
    assert.deepEqual(increasesOf(dip), { [M.sentRecords]: 0 });
    assert.deepEqual(dip.counters[0], stored(M.sentRecords, 60));
    const after = counterDeltas([task({ [M.sentRecords]: 75 }, 100)], dip.counters, covered);
    assert.deepEqual(increasesOf(after), { [M.sentRecords]: 15 });
  });

  it('an over-read (a task final value counted live and retired at once) is absorbed once the counter passes it', () => {
    // True counter: 60, then 100 (the task restarts at 100: live 100 moves to retired), then 130.
    // One scrape reads live 100 before the move and retired 100 after it: 200.
    const readings = [60, 200, 100, 130, 260];
    let rows: StoredCounter[] = [];
    let total = 0;
    for (const value of readings) {
      const d = counterDeltas([task({ [M.sentRecords]: value }, 1)], rows, covered);
      total += increasesOf(d)[M.sentRecords] ?? 0;
      rows = d.counters;
    }
    assert.equal(total, 260);
  });

  it('ignores tasks of connectors outside the answering pools', () => {
    const d = counterDeltas([task({ [M.sentRecords]: 9 }, undefined, 'task-0', 'lcc-x')], [], covered);
    assert.equal(d.increases.size, 0);
    assert.deepEqual(d.counters, []);
  });

  it('a run across a pool restart sums to what was scraped of each run', () => {
    // Run 1 scraped at 10 and 25; the pool restarts (new incarnation); run 2 scraped at 8 and 20.
    const scrapes: [number, number][] = [[10, 1], [25, 1], [8, 2], [20, 2]];
    let rows: StoredCounter[] = [];
    let total = 0;
    for (const [value, incarnation] of scrapes) {
      const d = counterDeltas([task({ [M.sentRecords]: value }, incarnation)], rows, covered);
      total += increasesOf(d)[M.sentRecords] ?? 0;
      rows = d.counters;
    }
    assert.equal(total, 25 + 20);
  });
});

describe('metrics collection: minutes', () => {
  it('buckets by UTC minute since the epoch', () => {
    assert.equal(epochMinute(new Date('1970-01-01T00:00:59.999Z')), 0);
    assert.equal(epochMinute(new Date('2026-12-01T12:00:00Z')), Date.UTC(2026, 11, 1, 12) / 60_000);
    assert.equal(epochMinute(new Date('2026-12-01T12:00:59Z')), epochMinute(new Date('2026-12-01T12:00:00Z')));
  });

  it('the retention starts that many days of minutes back', () => {
    const now = new Date('2026-12-08T00:00:30Z');
    assert.equal(retentionStartMinute(now, 7), epochMinute(new Date('2026-12-01T00:00:00Z')));
  });
});
