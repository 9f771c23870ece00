// Issue 12, collection on the real engine: the pool's metrics agent is scraped into metric_points,
// and the points add up exactly. A DatagenSource with iterations=N sends N (sent_records), also
// across a task restart in the middle; an HttpSink reading its topic receives N
// (received_records); an HttpSink whose receiver answers 500 sends N to its dead letter queue
// (dead_letter_queue_records); a pool restart (a new worker JVM, counters from zero) counts
// nothing twice. Asserted from the store: the query API is built on top of it. The status
// metrics follow a connector from RUNNING to PAUSED, asked through the query API.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CONNECT_METRICS as M } from '../../src/core/metrics/connect-counters.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client } from '../harness/connect-v1-client.ts';
import { datagenConfig, managedConfig } from '../harness/connector-fixtures.ts';
import { sharedStack, startStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { adminAuth, adminClient, v2Call } from '../harness/principals.ts';
import { readTopic } from '../harness/kafka.ts';
import { eventually } from '../harness/wait.ts';

const N = 40;

describe('connector metrics on the real engine (issue 12)', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  let receiver: http.Server;
  let receiverUrl: string;

  before(async () => {
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url === '/fail' ? 500 : 200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    stack = await sharedStack();
    api = await startApiApp({ stack, allowLoopbackEgress: true });
    c = adminClient(api);
  });
  after(async () => {
    await api?.close();
    receiver?.close();
    await stopOwnStack();
  });

  const create = async (name: string, config: Record<string, unknown>) => {
    const res = await c.call('POST', '/connectors', { name, config });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return ((await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)[name]!.id.id;
  };
  const sumOf = async (connectorId: string, metric: string) => {
    const row = await api.db.selectFrom('metric_points').select((eb) => eb.fn.sum<number>('value').as('total'))
      .where('connector_id', '=', connectorId).where('metric', '=', metric).executeTakeFirst();
    return Number(row?.total ?? 0);
  };
  /** Scrapes until the metric's points add up to `expected`, then twice more: it must stay there. */
  const expectTotal = async (connectorId: string, metric: string, expected: number) => {
    await eventually(`${metric} of ${connectorId} = ${expected}`, async () => {
      await api.controlPlane.metricsScraper.scrape();
      const total = await sumOf(connectorId, metric);
      assert.ok(total <= expected, `${metric} overcounted: ${total} > ${expected}`);
      return total === expected;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    for (let i = 0; i < 2; i++) await api.controlPlane.metricsScraper.scrape();
    assert.equal(await sumOf(connectorId, metric), expected);
  };

  let sourceId: string;

  it('a DatagenSource with iterations=N: sent_records adds up to N, sent_bytes counts its batches', async () => {
    sourceId = await create('m-src', datagenConfig(api.bootstrap, 'm-src', { 'max.interval': '50', iterations: String(N) }));
    await expectTotal(sourceId, M.sentRecords, N);
    assert.ok(await sumOf(sourceId, M.sentBytes) > N * 20, 'a pageview is more than 20 bytes');
    const rows = await api.db.selectFrom('metric_points').selectAll().where('connector_id', '=', sourceId).execute();
    assert.ok(rows.every((r) => r.kafka_cluster_id === api.bootstrap.kafka_cluster_id && Number.isInteger(r.minute)));
    assert.deepEqual([...new Set(rows.map((r) => r.metric))].sort(), [M.sentBytes, M.sentRecords].sort(), 'a source has no received or DLQ metrics');
  });

  it('sent_records still adds up to N across a task restart in the middle (POST …/restart, tasks included)', async () => {
    const id = await create('m-restart', datagenConfig(api.bootstrap, 'm-restart', { 'max.interval': '200', iterations: String(N) }));
    await eventually('part of the run counted', async () => {
      await api.controlPlane.metricsScraper.scrape();
      const sent = await sumOf(id, M.sentRecords);
      return sent >= 5 && sent <= N / 2;
    }, { timeoutMs: 60_000, intervalMs: 100 });
    const restart = await c.call('POST', '/connectors/m-restart/restart?include_tasks=true&only_failed=false');
    assert.equal(restart.status, 202, JSON.stringify(restart.body));
    await expectTotal(id, M.sentRecords, N);
    const retired = await (await fetch(stack.metricsUrl)).text();
    assert.match(retired, new RegExp(`cirrus_connect_task_retired\\{attribute="source-record-write-total",connector="${id}",task="0"\\} [1-9]`),
      'the restarted task\'s first run was counted through its retired total');
  });

  it('an HttpSink reading that topic: received_records adds up to N', async () => {
    const sinkId = await create('m-sink', managedConfig(api.bootstrap, 'HttpSink', 'm-sink', {
      topics: 'topic-m_src', 'input.data.format': 'JSON', 'http.api.url': `${receiverUrl}/ok`,
    }));
    await expectTotal(sinkId, M.receivedRecords, N);
    assert.ok(await sumOf(sinkId, M.receivedBytes) > N * 20);
    assert.equal(await sumOf(sinkId, M.deadLetterQueueRecords), 0);
    // End to end: the docs page's query over what was scraped answers N for this connector only.
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const query = await v2Call(api, adminAuth(api), 'POST', '/v2/metrics/cloud/query', {
      aggregations: [{ metric: M.receivedRecords }], filter: { field: 'resource.connector.id', op: 'EQ', value: sinkId },
      granularity: 'ALL', intervals: [`${new Date(hour.getTime() - 3_600_000).toISOString()}/PT3H`], group_by: ['resource.connector.id'],
    });
    assert.equal(query.status, 200, query.text);
    assert.deepEqual((query.json as { data: { value: number; 'resource.connector.id': string }[] }).data.map((p) => [p['resource.connector.id'], p.value]), [[sinkId, N]]);
  });

  it('an HttpSink with errors.tolerance=all whose receiver answers 500: dead_letter_queue_records counts the N records', async () => {
    const sinkId = await create('m-dlq', managedConfig(api.bootstrap, 'HttpSink', 'm-dlq', {
      topics: 'topic-m_src', 'input.data.format': 'JSON', 'http.api.url': `${receiverUrl}/fail`, 'errors.tolerance': 'all',
      'max.retries': '1', 'retry.backoff.ms': '10',
    }));
    await expectTotal(sinkId, M.deadLetterQueueRecords, N);
    assert.equal(await sumOf(sinkId, M.receivedRecords), N);
  });

  it('connector_status and connector_task_status follow the engine: RUNNING, then PAUSED after a pause', async () => {
    const id = await create('m-state', datagenConfig(api.bootstrap, 'm-state', { 'max.interval': '500' }));
    /** The latest minute's state of the metric through the query API, by status label. */
    const latest = async (metric: string) => {
      await api.controlPlane.metricsScraper.scrape();
      const res = await v2Call(api, adminAuth(api), 'POST', '/v2/metrics/cloud/query', {
        aggregations: [{ metric }], filter: { field: 'resource.connector.id', op: 'EQ', value: id },
        granularity: 'PT1M', intervals: ['PT5M/now+1m|m'], group_by: ['metric.status'],
      });
      assert.equal(res.status, 200, res.text);
      const points = (res.json as { data: { timestamp: string; 'metric.status': string }[] }).data;
      const last = points.map((p) => p.timestamp).sort().at(-1);
      return points.filter((p) => p.timestamp === last).map((p) => p['metric.status']);
    };
    const statusOf = (state: string) => async () => (await latest('io.confluent.kafka.connect/connector_status')).join() === state
      && (await latest('io.confluent.kafka.connect/connector_task_status')).join() === state;
    await eventually('RUNNING in the status metrics', statusOf('RUNNING'), { timeoutMs: 60_000, intervalMs: 500 });
    assert.equal((await c.call('PUT', '/connectors/m-state/pause')).status, 202);
    await eventually('PAUSED in the status metrics', statusOf('PAUSED'), { timeoutMs: 60_000, intervalMs: 500 });
    assert.equal((await c.call('DELETE', '/connectors/m-state')).status, 200);
  });

  it('stopping the scraper (as stopping Cirrus does, before the pools) scrapes once more: nothing counted since the last pass is lost', async () => {
    const scraper = api.controlPlane.metricsScraper;
    scraper.start(); // its first pass is an interval (60 s) away: only the last one can count this run
    const id = await create('m-last', datagenConfig(api.bootstrap, 'm-last', { 'max.interval': '10', iterations: '7' }));
    await readTopic(stack.bootstrapServers, 'topic-m_last', { atLeast: 7, timeoutMs: 60_000 });
    assert.equal(await sumOf(id, M.sentRecords), 0, 'not scraped yet');
    await scraper.stop();
    assert.equal(await sumOf(id, M.sentRecords), 7);
  });
});

describe('connector metrics across a pool restart (issue 12)', () => {
  it('a new worker JVM is a new incarnation: its counters start from zero and nothing is counted twice', async () => {
    const stack = await startStack('metrics-pool');
    const api = await startApiApp({ stack: stack.info });
    try {
      const b = api.bootstrap;
      const c = adminClient(api);
      assert.equal((await c.call('POST', '/connectors', { name: 'm-pool', config: datagenConfig(b, 'm-pool', { 'max.interval': '20', iterations: '25' }) })).status, 201);
      const id = ((await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)['m-pool']!.id.id;
      const sum = async () => Number((await api.db.selectFrom('metric_points').select((eb) => eb.fn.sum<number>('value').as('t'))
        .where('connector_id', '=', id).where('metric', '=', M.sentRecords).executeTakeFirst())?.t ?? 0);
      const incarnation = async () => (await api.db.selectFrom('metric_counters').select('value')
        .where('connector_id', '=', id).where('metric', '=', 'cirrus/task_incarnation').executeTakeFirst())?.value;
      await eventually('25 sent', async () => {
        await api.controlPlane.metricsScraper.scrape();
        return await sum() === 25;
      }, { timeoutMs: 120_000, intervalMs: 500 });
      const before = await incarnation();
      await stack.stopPool();
      // The API app's data plane still calls the pool ready: its agent does not answer, and nothing changes.
      assert.equal((await api.controlPlane.metricsScraper.scrape()).failedPools, 1);
      assert.equal(await sum(), 25);
      await stack.startPool();
      await eventually('the task counted in the new worker', async () => {
        await api.controlPlane.metricsScraper.scrape();
        return (await incarnation()) !== before;
      }, { timeoutMs: 120_000, intervalMs: 500 });
      for (let i = 0; i < 3; i++) await api.controlPlane.metricsScraper.scrape();
      assert.equal(await sum(), 25);
    } finally {
      await api.close();
      await stack.stop();
    }
  });
});
