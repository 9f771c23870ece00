// Rows/s and insert → visible lag through Postgres CDC → JDBC sink (issue 10), one task each.
// Two pipelines in the same run, on the same Cirrus (as `npm start` runs it) and PostgreSQL:
//   cirrus:   PostgresCdcSourceV2 + PostgresSink created through Cirrus' API (Confluent's keys);
//   baseline: the same engine configs PUT straight to a second Connect worker of the same runtime
//   on the same broker (Cirrus removes connectors it does not know from its own pools).
// Rows carry the source's commit-side clock (created_at); the sink table, made beforehand, adds
// its own (arrived_at, a column default), so lag is measured by PostgreSQL itself, not by polling.
// Run: npm run bench:cdc   (ROWS=20000 for throughput, SAMPLES=50 single-row inserts for lag)
import fs from 'node:fs';
import os from 'node:os';
import { findManagedPlugin } from '../src/core/catalog/index.ts';
import { loadConfig } from '../src/config.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';
import { startCirrus } from '../test/harness/cirrus-process.ts';
import { connectRequest, waitUntilRunning } from '../test/harness/connect.ts';
import { startExtraPool } from '../test/harness/extra-pool.ts';
import { managedConfig } from '../test/harness/connector-fixtures.ts';
import { PG_PUBLICATION, startPostgres } from '../test/harness/postgres.ts';
import { tempHome, testConfig } from '../test/harness/stack.ts';
import { eventually } from '../test/harness/wait.ts';
import { machine } from './machine.ts';

const ROWS = Number(process.env.ROWS ?? 20_000);
const SAMPLES = Number(process.env.SAMPLES ?? 50);
const TIMEOUT_MS = 600_000;

await ensureJvmRuntime(loadConfig({}, []).jvmDir);
const LOAD_AT_START = os.loadavg()[0]!;
const config = await testConfig(await tempHome('bench-cdc'), { CIRRUS_BROKER_HEAP: '384m', CIRRUS_CONNECT_HEAP: '512m' });
const cirrus = await startCirrus(config, { extraEnv: { CIRRUS_LOG_LEVEL: 'info' } });
const pg = await startPostgres();
const b = cirrus.bootstrap;
const direct = await startExtraPool(config, b.kafka_bootstrap_servers, 'bench-direct');
const connectUrl = direct.url;
const connectors = `/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`;
const auth = `Basic ${Buffer.from(`${b.cloud_api_key}:${b.cloud_api_secret}`).toString('base64')}`;

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${b.endpoint}${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) as unknown : undefined };
}

/** Confluent's keys of the two connectors of one pipeline. */
function pipelineConfigs(name: string): { source: Record<string, string>; sink: Record<string, string> } {
  const source = managedConfig(b, 'PostgresCdcSourceV2', `${name}-cdc`, {
    'database.hostname': pg.host, 'database.port': String(pg.port), 'database.user': pg.user, 'database.password': pg.password, 'database.dbname': pg.database,
    'topic.prefix': name, 'slot.name': `slot_${name}`, 'publication.name': PG_PUBLICATION, 'publication.autocreate.mode': 'disabled',
    'table.include.list': `public.${name}`, 'snapshot.mode': 'no_data', 'output.data.format': 'JSON',
  }) as Record<string, string>;
  const sink = managedConfig(b, 'PostgresSink', `${name}-copy`, {
    topics: `${name}.public.${name}`, 'input.data.format': 'JSON', 'connection.host': pg.host, 'connection.port': String(pg.port), 'connection.user': pg.user,
    'connection.password': pg.password, 'db.name': 'bench_copy', 'insert.mode': 'UPSERT', 'pk.mode': 'record_key', 'table.name.format': name,
  }) as Record<string, string>;
  return { source, sink };
}

async function prepareTables(name: string): Promise<void> {
  await pg.sql(`CREATE TABLE ${name} (id bigint PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  await pg.sql(`CREATE TABLE ${name} (id bigint PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL,
    arrived_at timestamptz NOT NULL DEFAULT clock_timestamp()); GRANT ALL ON ${name} TO ${pg.user}`, { database: 'bench_copy' });
}

async function startThroughCirrus(name: string): Promise<void> {
  const { source, sink } = pipelineConfigs(name);
  for (const c of [source, sink]) {
    const res = await api('POST', connectors, { name: c.name, config: c });
    if (res.status !== 201) throw new Error(`create ${c.name}: ${res.status} ${JSON.stringify(res.json)}`);
    await eventually(`${c.name} RUNNING`, async () => ((await api('GET', `${connectors}/${c.name}/status`)).json as { connector: { state: string } }).connector.state === 'RUNNING', { timeoutMs: TIMEOUT_MS });
  }
}

/** The engine configs Cirrus would send, secrets inline, PUT straight to Connect. */
async function startDirect(name: string): Promise<void> {
  const { source, sink } = pipelineConfigs(name);
  for (const [alias, c] of [['PostgresCdcSourceV2', source], ['PostgresSink', sink]] as const) {
    const engine = findManagedPlugin(alias)!.toEngineConfig(c, { connectorId: `direct-${c.name}`, kafkaBootstrapServers: b.kafka_bootstrap_servers, secret: (v) => v });
    const res = await connectRequest(connectUrl, 'PUT', `/connectors/direct-${c.name}/config`, engine);
    if (res.status >= 300) throw new Error(`direct ${c.name}: ${res.status} ${JSON.stringify(res.json)}`);
    await waitUntilRunning(connectUrl, `direct-${c.name}`, 1, TIMEOUT_MS);
  }
}

const copied = async (name: string) => Number((await pg.sql(`SELECT count(*) FROM ${name}`, { database: 'bench_copy' })).trim());

interface Result { rowsPerSecond: number; p50: number; p95: number; max: number }

async function measure(name: string, first: number): Promise<Result> {
  // Warm-up: the first rows open the sink's connection and create its statements.
  await pg.sql(`INSERT INTO ${name} (id, payload) SELECT g, 'warm-up' FROM generate_series(1, 100) g`);
  await eventually('warm-up rows copied', async () => (await copied(name)) >= 100, { timeoutMs: TIMEOUT_MS, intervalMs: 200 });
  await pg.sql(`INSERT INTO ${name} (id, payload) SELECT g, repeat('x', 100) FROM generate_series(${first}, ${first + ROWS - 1}) g`);
  await eventually(`${ROWS} rows copied`, async () => (await copied(name)) >= ROWS + 100, { timeoutMs: TIMEOUT_MS, intervalMs: 200 });
  const span = Number((await pg.sql(`SELECT extract(epoch FROM max(arrived_at) - min(created_at)) FROM ${name} WHERE id >= ${first}`, { database: 'bench_copy' })).trim());
  const lagFrom = first + ROWS;
  for (let i = 0; i < SAMPLES; i++) {
    await pg.sql(`INSERT INTO ${name} (id, payload) VALUES (${lagFrom + i}, 'lag')`);
    await eventually('the row copied', async () => (await copied(name)) >= ROWS + 101 + i, { timeoutMs: TIMEOUT_MS, intervalMs: 20 });
  }
  const lags = (await pg.sql(`SELECT extract(epoch FROM arrived_at - created_at) * 1000 FROM ${name} WHERE id >= ${lagFrom} ORDER BY 1`, { database: 'bench_copy' }))
    .trim().split('\n').map(Number);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!;
  return { rowsPerSecond: ROWS / span, p50: at(0.5), p95: at(0.95), max: lags.at(-1)! };
}

let report = '';
try {
  await pg.sql(`CREATE DATABASE bench_copy OWNER ${pg.user}`, { database: 'postgres' });
  await prepareTables('via_cirrus');
  await prepareTables('via_connect');
  await startThroughCirrus('via_cirrus');
  await startDirect('via_connect');
  const raw = await measure('via_connect', 1_000);
  const ours = await measure('via_cirrus', 1_000);
  const row = (what: string, r: Result) => `| ${what} | ${Math.round(r.rowsPerSecond)} | ${Math.round(r.p50)} ms | ${Math.round(r.p95)} ms | ${Math.round(r.max)} ms |`;
  report = [
    `Machine: ${machine()}; date ${new Date().toISOString().slice(0, 10)}; ${ROWS} rows for throughput (one INSERT … SELECT), ${SAMPLES} single-row inserts for lag.`,
    `Load average (1 min) at start ${LOAD_AT_START.toFixed(2)}, at end ${os.loadavg()[0]!.toFixed(2)}.`,
    '',
    '| pipeline (one task each) | rows/s | lag p50 | lag p95 | lag max |',
    '|---|---|---|---|---|',
    row('baseline: the same engine configs PUT straight to a Connect worker', raw),
    row('Cirrus: PostgresCdcSourceV2 → PostgresSink through the API', ours),
    '',
    `Cirrus / baseline: throughput ${(ours.rowsPerSecond / raw.rowsPerSecond).toFixed(2)} ×, lag p50 ${(ours.p50 / raw.p50).toFixed(2)} ×.`,
  ].join('\n');
  console.log(`\n${report}`);
} finally {
  await direct.stop();
  await cirrus.stop();
  await pg.stop();
  if (!process.env.KEEP_HOME) fs.rmSync(config.home, { recursive: true, force: true });
}
