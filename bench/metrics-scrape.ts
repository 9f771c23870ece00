// Connector metrics collection (issue 12): what one scrape of a worker costs, and what a
// connector's points take in the store.
//  - Control plane: CPU (process.cpuUsage) and wall time of one scraper pass over one pool running
//    CONNECTORS DatagenSources (agent HTTP, parse, deltas, one store transaction).
//  - Agent: the worker JVM's CPU (/proc/<pid>/stat) while it serves AGENT_SCRAPES scrapes back to
//    back, less its idle CPU over as long a window, per scrape.
//  - Storage: 1 connector × 5 metrics × 1440 minutes of metric_points in SQLite (measured over
//    STORE_CONNECTORS connectors, then divided), table and primary key and index apart (dbstat).
// Run: npm run bench:metrics   (CONNECTORS=10 ROUNDS=30 AGENT_SCRAPES=100 STORE_CONNECTORS=20)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { CONNECT_METRICS } from '../src/core/metrics/connect-counters.ts';
import { openStore } from '../src/store/database.ts';
import { addMetricPoints, type MetricPoint } from '../src/store/metrics.ts';
import { basicAuth, startApiApp } from '../test/harness/api-app.ts';
import { datagenConfig } from '../test/harness/connector-fixtures.ts';
import { startStack } from '../test/harness/stack.ts';
import { eventually } from '../test/harness/wait.ts';
import { machine } from './machine.ts';

const CONNECTORS = Number(process.env.CONNECTORS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const AGENT_SCRAPES = Number(process.env.AGENT_SCRAPES ?? 100);
const STORE_CONNECTORS = Number(process.env.STORE_CONNECTORS ?? 20);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** utime + stime of a process, in ms. */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

async function scrapeCost() {
  const stack = await startStack('bench-metrics');
  const api = await startApiApp({ stack: stack.info });
  try {
    const b = api.bootstrap;
    const base = `${api.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`;
    const auth = basicAuth(b.cloud_api_key, b.cloud_api_secret);
    for (let i = 0; i < CONNECTORS; i++) {
      const name = `bench-${i}`;
      const res = await fetch(base, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ name, config: datagenConfig(b, name, { 'max.interval': '500' }) }) });
      if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${await res.text()}`);
    }
    const scraper = api.controlPlane.metricsScraper;
    await eventually('every connector counted', async () => (await scraper.scrape()).connectors === CONNECTORS, { timeoutMs: 180_000, intervalMs: 1000 });
    for (let i = 0; i < 5; i++) await scraper.scrape();
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const before = process.cpuUsage();
      const started = performance.now();
      await scraper.scrape();
      wall.push(performance.now() - started);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }
    const pid = stack.dataPlane.pids()[`connect-${stack.info.poolId}`]!;
    const body = await (await fetch(stack.info.metricsUrl)).text();
    let t = performance.now();
    let c = cpuMsOf(pid);
    for (let i = 0; i < AGENT_SCRAPES; i++) await (await fetch(stack.info.metricsUrl)).text();
    const busyMs = performance.now() - t;
    const busyCpu = cpuMsOf(pid) - c;
    t = performance.now();
    c = cpuMsOf(pid);
    await new Promise((r) => setTimeout(r, busyMs));
    const idleCpu = (cpuMsOf(pid) - c) * (busyMs / (performance.now() - t));
    return {
      cpu, wall, agentMs: (busyCpu - idleCpu) / AGENT_SCRAPES, agentWallMs: busyMs / AGENT_SCRAPES, bodyBytes: body.length,
      samples: body.split('\n').filter((l) => l && !l.startsWith('#')).length,
    };
  } finally {
    await api.close();
    await stack.stop();
  }
}

async function storagePerConnectorDay() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-bench-store-'));
  const db = await openStore(path.join(dir, 'cirrus.db'));
  try {
    const start = Math.floor(Date.now() / 60_000);
    const metrics = Object.values(CONNECT_METRICS);
    for (let c = 0; c < STORE_CONNECTORS; c++) {
      const points: MetricPoint[] = [];
      for (let m = 0; m < 1440; m++) {
        for (const metric of metrics) points.push({ connectorId: `lcc-${String(c).padStart(5, '0')}`, kafkaClusterId: 'lkc-bench0', metric, minute: start + m, value: Math.round(Math.random() * 5000) });
      }
      await db.transaction().execute((tx) => addMetricPoints(tx, points));
    }
    await sql`VACUUM`.execute(db);
    const rows = await sql<{ name: string; bytes: number }>`SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'metric_points') GROUP BY name`.execute(db);
    const perConnector = Object.fromEntries(rows.rows.map((r) => [r.name, r.bytes / STORE_CONNECTORS]));
    return { perConnector, total: Object.values(perConnector).reduce((a, b) => a + b, 0), rows: 5 * 1440 };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const storage = await storagePerConnectorDay();
const scrape = await scrapeCost();
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(`\nMachine: ${machine()}`);
console.log(`Scrape of one pool with ${CONNECTORS} connectors (${scrape.samples} samples, ${kib(scrape.bodyBytes)}), ${ROUNDS} passes:`);
console.log(`| what | median | p90 |\n|---|---|---|`);
console.log(`| control plane CPU per pass (fetch, parse, deltas, store) | ${ms(pct(scrape.cpu, 0.5))} | ${ms(pct(scrape.cpu, 0.9))} |`);
console.log(`| control plane wall time per pass | ${ms(pct(scrape.wall, 0.5))} | ${ms(pct(scrape.wall, 0.9))} |`);
console.log(`| worker JVM CPU per agent scrape (${AGENT_SCRAPES} back to back, idle subtracted) | ${ms(scrape.agentMs)} (mean) | |`);
console.log(`| agent answer wall time | ${ms(scrape.agentWallMs)} (mean) | |`);
console.log(`\nStorage, 1 connector × 5 metrics × 1440 minutes (${storage.rows} rows), mean of ${STORE_CONNECTORS}:`);
for (const [name, bytes] of Object.entries(storage.perConnector)) console.log(`| ${name} | ${kib(bytes)} |`);
console.log(`| total | ${kib(storage.total)} (${(storage.total / storage.rows).toFixed(0)} B per point) |`);
