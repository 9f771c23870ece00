// Metrics API query latency (issue 12): 24 h at PT1M over 100 connectors, grouped by connector,
// through POST /v2/metrics/cloud/query (HTTP, authentication, authorization, planning, the SQL
// aggregation, shaping, JSON), against the same aggregation done by one SQL query on the same
// store, in the same run, rounds alternating. PT1M allows at most 6 h per interval (spec), so the
// day is asked as four consecutive 6 h intervals. Points are inserted directly (1440 per
// connector), as the scraper writes them; the store is the embedded SQLite of startApiApp.
// Run: npm run bench:metrics-query   (ROUNDS=20, CONNECTORS=100).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { startApiApp } from '../test/harness/api-app.ts';
import { insertPoints, RECEIVED_RECORDS, type StoredPoint } from '../test/harness/metric-points.ts';
import { adminAuth } from '../test/harness/principals.ts';
import { machine } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const CONNECTORS = Number(process.env.CONNECTORS ?? 100);
const DAY_START = Date.parse('2026-03-02T00:00:00Z');
const FIRST = DAY_START / 60_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

const api = await startApiApp({ now: () => new Date(DAY_START + 26 * 3_600_000) });
try {
  const cluster = api.bootstrap.kafka_cluster_id;
  const dbFile = path.join(api.home, 'cirrus.db');
  const before = fs.statSync(dbFile).size;
  const points: StoredPoint[] = [];
  for (let c = 0; c < CONNECTORS; c++) {
    for (let m = FIRST; m < FIRST + 1440; m++) points.push({ connectorId: `lcc-b${String(c).padStart(4, '0')}`, kafkaClusterId: cluster, metric: RECEIVED_RECORDS, minute: m, value: (m * 31 + c) % 1000 });
  }
  const insertStarted = performance.now();
  await insertPoints(api.db, points);
  const insertMs = performance.now() - insertStarted;
  const bytesPerConnectorDay = (fs.statSync(dbFile).size - before) / CONNECTORS;

  const intervals = [0, 6, 12, 18].map((h) => `${new Date(DAY_START + h * 3_600_000).toISOString()}/PT6H`);
  const body = JSON.stringify({
    aggregations: [{ metric: RECEIVED_RECORDS }], filter: { field: 'resource.kafka.id', op: 'EQ', value: cluster },
    granularity: 'PT1M', group_by: ['resource.connector.id'], limit: 1000, intervals,
  });
  const headers = { authorization: adminAuth(api), 'content-type': 'application/json' };
  const viaApi = async () => {
    const started = performance.now();
    const res = await fetch(`${api.url}/v2/metrics/cloud/query`, { method: 'POST', headers, body });
    const json = await res.json() as { data: unknown[] };
    if (res.status !== 200 || json.data.length !== CONNECTORS * 1440) throw new Error(`query answered ${res.status} with ${json.data.length} points`);
    return performance.now() - started;
  };
  const viaSql = async () => {
    const started = performance.now();
    const rows = await sql<{ connector_id: string; minute: number; value: number }>`
      select connector_id, minute, sum(value) as value from metric_points
      where metric = ${RECEIVED_RECORDS} and kafka_cluster_id = ${cluster} and minute >= ${FIRST} and minute < ${FIRST + 1440}
      group by connector_id, minute order by connector_id, minute`.execute(api.db);
    if (rows.rows.length !== CONNECTORS * 1440) throw new Error(`SQL returned ${rows.rows.length} rows`);
    return performance.now() - started;
  };
  await viaApi();
  await viaSql();
  const apiTimes: number[] = [];
  const sqlTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    apiTimes.push(await viaApi());
    sqlTimes.push(await viaSql());
  }
  const lines = [
    '',
    '## Metrics API query: 24 h at PT1M over 100 connectors, grouped by connector (issue 12)',
    '',
    `Command: \`npm run bench:metrics-query\` (ROUNDS=${ROUNDS}, CONNECTORS=${CONNECTORS}). Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machine()}.`,
    `${points.length} points (one per connector and minute) inserted in ${(insertMs / 1000).toFixed(1)} s straight into metric_points of the embedded SQLite;`,
    'the day asked as four 6 h intervals (PT1M allows 6 h each); the answer is FLAT, 144 000 points. Rounds alternate.',
    '',
    '| what | p50 | min – max |',
    '|---|---|---|',
    `| POST /v2/metrics/cloud/query over HTTP (auth, plan, SQL, shape, JSON) | **${ms(median(apiTimes))}** | ${ms(Math.min(...apiTimes))} – ${ms(Math.max(...apiTimes))} |`,
    `| one SQL query (same store, same aggregation, rows only) | **${ms(median(sqlTimes))}** | ${ms(Math.min(...sqlTimes))} – ${ms(Math.max(...sqlTimes))} |`,
    `| API vs SQL | ${(median(apiTimes) / median(sqlTimes)).toFixed(1)} × | |`,
    '',
    `Storage: ${(bytesPerConnectorDay / 1024).toFixed(1)} KiB per connector per day per metric (SQLite file growth over the insert ÷ connectors; table and its (metric, minute) index).`,
  ];
  console.log(lines.join('\n'));
  if (process.env.RECORD !== '0') fs.appendFileSync(path.join(import.meta.dirname, 'RESULTS.md'), `${lines.join('\n')}\n`);
} finally {
  await api.close();
}
