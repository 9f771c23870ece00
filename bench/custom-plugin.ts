// From custom plugin registration to its first connector RUNNING (issue 9), against the managed
// DatagenSource create → RUNNING in the same run. Per round: a Datagen connector (baseline), then
// the product page's flow with a fresh plugin: presigned URL → curl -F file=@zip → register (the
// archive is extracted and scanned by Kafka's ConnectPluginPath in a JVM) → a CUSTOM connector,
// which starts that plugin version's own Connect pool → RUNNING. Each round deletes its
// connectors and its plugin and waits for the pool to stop and the unpacked archive to go, so
// every round extracts again and starts a fresh pool.
// Run: npm run bench:custom-plugin   (ROUNDS=3; Cirrus as `npm start` runs it, default settings:
// heaps broker 384m, Connect 512m (custom pools too), inspection JVM 256m; log level info).
// KEEP_HOME=1 keeps Cirrus' home (logs, store) for a look afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../src/config.ts';
import type { BootstrapInfo } from '../src/services/bootstrap.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';
import { startCirrus, type CirrusProcess } from '../test/harness/cirrus-process.ts';
import { customConfig, datagenConfig } from '../test/harness/connector-fixtures.ts';
import { VERSION_SOURCE_CONNECTOR, versionPluginZip } from '../test/harness/plugins.ts';
import { tempHome, testConfig } from '../test/harness/stack.ts';
import { curlPost } from '../test/harness/uploads.ts';
import { eventually } from '../test/harness/wait.ts';
import { logFindings, scanTimes } from './connect-logs.ts';
import { machine } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const POLL_MS = 50;
const TIMEOUT_MS = 180_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
const alive = (pid: number) => fs.existsSync(`/proc/${pid}`);

// Built before timing starts: the runtime and the plugin ZIP both come from Maven on first use.
await ensureJvmRuntime(loadConfig({}, []).jvmDir);
const ZIP = await versionPluginZip('3.17.0');

interface Answer { status: number; json: unknown; text: string }
type Api = (method: string, path: string, body?: unknown) => Promise<Answer>;

interface Bench {
  cirrus: CirrusProcess;
  config: Config;
  b: BootstrapInfo;
  api: Api;
  connectors: string;
}

function apiOf(b: BootstrapInfo): Api {
  const authorization = `Basic ${Buffer.from(`${b.cloud_api_key}:${b.cloud_api_secret}`).toString('base64')}`;
  return async (method, p, body) => {
    const res = await fetch(`${b.endpoint}${p}`, {
      method, headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) as unknown : undefined };
  };
}

function expect(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text}`);
  return answer;
}

async function running(x: Bench, name: string): Promise<void> {
  await eventually(`${name} RUNNING`, async () => {
    const status = (await x.api('GET', `${x.connectors}/${name}/status`)).json as { connector?: { state: string }; tasks?: { state: string }[] };
    return status.connector?.state === 'RUNNING' && status.tasks?.length === 1 && status.tasks[0]!.state === 'RUNNING';
  }, { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS });
}

async function deleteConnector(x: Bench, name: string): Promise<void> {
  expect(await x.api('DELETE', `${x.connectors}/${name}`), 200, `DELETE ${name}`);
  await eventually(`${name} gone`, async () => (await x.api('GET', `${x.connectors}/${name}`)).status === 404, { timeoutMs: TIMEOUT_MS });
}

/** Pools with a live JVM, by the pid files the supervisor keeps (`<home>/run/connect-<poolId>.pid`). */
function livePools(home: string): Map<string, number> {
  const run = path.join(home, 'run');
  const pools = new Map<string, number>();
  for (const f of fs.readdirSync(run).filter((n) => /^connect-.*\.pid$/.test(n))) {
    const pid = Number(fs.readFileSync(path.join(run, f), 'utf8'));
    if (pid && alive(pid)) pools.set(f.slice('connect-'.length, -'.pid'.length), pid);
  }
  return pools;
}

/** The elapsedMs of each "plugin inspected" line Cirrus logged so far (the scanner JVM's run). */
function inspections(cirrus: CirrusProcess): number[] {
  return cirrus.output().split('\n').filter((l) => l.includes('"msg":"plugin inspected"'))
    .map((l) => (JSON.parse(l) as { elapsedMs: number }).elapsedMs);
}

async function datagenRound(x: Bench, round: number): Promise<number> {
  const name = `bench-datagen-${round}`;
  const t0 = performance.now();
  expect(await x.api('POST', x.connectors, { name, config: datagenConfig(x.b, name) }), 201, 'create Datagen');
  await running(x, name);
  const ms = performance.now() - t0;
  await deleteConnector(x, name);
  return ms;
}

interface Registration { pluginId: string; upload: number; register: number; inspection: number }

/** The page's flow: presigned URL, `curl -X POST "$upload_url" -F … -F file=@plugin.zip`, register. */
async function registerPlugin(x: Bench, displayName: string): Promise<Registration> {
  const seen = inspections(x.cirrus).length;
  const t0 = performance.now();
  const grant = expect(await x.api('POST', '/connect/v1/presigned-upload-url', { content_format: 'ZIP' }), 200, 'presign').json as
    { upload_id: string; upload_url: string; upload_form_data: Record<string, string> };
  const sent = await curlPost(grant.upload_url, grant.upload_form_data, `file=@${ZIP}`);
  if (sent.status !== 204) throw new Error(`upload answered ${sent.status} ${sent.body}`);
  const t1 = performance.now();
  const created = expect(await x.api('POST', '/connect/v1/custom-connector-plugins', {
    display_name: displayName, connector_class: VERSION_SOURCE_CONNECTOR, connector_type: 'SOURCE',
    upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: grant.upload_id },
  }), 201, 'register plugin');
  const t2 = performance.now();
  const inspection = await eventually('the inspection log line', async () => inspections(x.cirrus)[seen], { timeoutMs: 10_000, intervalMs: 20 });
  return { pluginId: (created.json as { id: string }).id, upload: t1 - t0, register: t2 - t1, inspection };
}

/** Port of a pool, from the worker properties the supervisor writes. */
function poolPort(home: string, poolId: string): number {
  const props = fs.readFileSync(path.join(home, 'connect', `${poolId}.properties`), 'utf8');
  return Number(/^listeners=http:\/\/127\.0\.0\.1:(\d+)$/m.exec(props)![1]);
}

interface Start { spawn: number; health: number; running: number; poolId: string; pid: number }

/** POST of the CUSTOM connector until RUNNING, split at its pool's JVM start and its /health 200. */
async function startCustom(x: Bench, name: string, pluginId: string): Promise<Start> {
  const before = livePools(x.config.home);
  const t0 = performance.now();
  expect(await x.api('POST', x.connectors, { name, config: customConfig(x.b, name, pluginId, { topic: `versions-${name}` }) }), 201, 'create custom');
  const [poolId, pid] = await eventually('a new pool JVM', async () => [...livePools(x.config.home)].find(([id]) => !before.has(id)), { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS });
  const t1 = performance.now();
  await eventually('the pool\'s /health', async () => {
    const res = await fetch(`http://127.0.0.1:${poolPort(x.config.home, poolId)}/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  }, { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS });
  const t2 = performance.now();
  await running(x, name);
  const t3 = performance.now();
  return { spawn: t1 - t0, health: t2 - t1, running: t3 - t2, poolId, pid };
}

interface CustomRound {
  registration: number; upload: number; register: number; inspection: number;
  create: number; spawn: number; health: number; afterHealth: number; total: number;
  poolRss: number; poolHwm: number; managedHwm: number; poolIdle: number; managedIdle: number; again: number; againInspection: number;
  scanServiceLoader: number; scanReflection: number;
}

const IDLE_MS = 15_000;

async function customRound(x: Bench, round: number): Promise<CustomRound> {
  const name = `bench-custom-${round}`;
  const reg = await registerPlugin(x, `bench-lang3-${round}-${Date.now()}`);
  const start = await startCustom(x, name, reg.pluginId);
  const runningAt = performance.now();
  const managed = livePools(x.config.home).get(x.b.connect_pool_id)!;
  const memory = { poolRss: mib(start.pid, 'VmRSS'), poolHwm: mib(start.pid, 'VmHWM'), managedHwm: mib(managed, 'VmHWM') };
  // The same bytes again while the first plugin keeps its archive: content-addressed, so no
  // extraction, but the scanner JVM still runs.
  const again = await registerPlugin(x, `bench-lang3-${round}-again-${Date.now()}`);
  expect(await x.api('DELETE', `/connect/v1/custom-connector-plugins/${again.pluginId}`), 204, 'delete the second plugin');
  // As bench:startup and bench:cluster report it: RSS once the JVMs have idled for 15 s.
  await new Promise((r) => setTimeout(r, Math.max(0, runningAt + IDLE_MS - performance.now())));
  const idle = { poolIdle: mib(start.pid, 'VmRSS'), managedIdle: mib(managed, 'VmRSS') };
  await cleanUp(x, name, reg.pluginId, start.pid);
  const scans = scanTimes(x.config.home, start.poolId);
  const registration = reg.upload + reg.register;
  const create = start.spawn + start.health + start.running;
  return {
    registration, upload: reg.upload, register: reg.register, inspection: reg.inspection,
    create, spawn: start.spawn, health: start.health, afterHealth: start.running, total: registration + create,
    ...memory, ...idle, again: again.upload + again.register, againInspection: again.inspection,
    scanServiceLoader: scans.ServiceLoaderScanner ?? NaN, scanReflection: scans.ReflectionScanner ?? NaN,
  };
}

/** Connector, pool and plugin gone, and its unpacked archive, so the next round starts from nothing. */
async function cleanUp(x: Bench, name: string, pluginId: string, poolPid: number): Promise<void> {
  await deleteConnector(x, name);
  await eventually('the custom pool stops', async () => !alive(poolPid), { timeoutMs: TIMEOUT_MS, intervalMs: 200 });
  await eventually('the plugin can go', async () => (await x.api('DELETE', `/connect/v1/custom-connector-plugins/${pluginId}`)).status === 204, { timeoutMs: TIMEOUT_MS });
  const plugins = path.join(x.config.home, 'plugins');
  await eventually('its archive is removed', async () => !fs.existsSync(plugins) || fs.readdirSync(plugins).length === 0, { timeoutMs: 10_000 });
}

async function startBench(): Promise<Bench> {
  const config = await testConfig(await tempHome('bench-custom-plugin'), { CIRRUS_BROKER_HEAP: '384m', CIRRUS_CONNECT_HEAP: '512m' });
  // info is `npm start`'s default; set in case the caller's environment says otherwise.
  const cirrus = await startCirrus(config, { extraEnv: { CIRRUS_LOG_LEVEL: 'info' } });
  const b = cirrus.bootstrap;
  return { cirrus, config, b, api: apiOf(b), connectors: `/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors` };
}

/** Stops Cirrus and checks that none of the JVMs it started (each has a pid file) is left. */
async function stopBench(x: Bench): Promise<void> {
  const run = path.join(x.config.home, 'run');
  const pids = fs.readdirSync(run).map((f) => Number(fs.readFileSync(path.join(run, f), 'utf8'))).filter((pid) => pid && alive(pid));
  await x.cirrus.stop();
  const left = pids.filter(alive);
  if (left.length > 0) throw new Error(`JVMs left behind: ${left.join(', ')}`);
}

function report(x: Bench, datagen: number[], custom: CustomRound[]): string {
  const base = median(datagen);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  // A part the logs did not show (no ReflectionScanner under service_load) reads "—".
  const row = (what: string, all: number[], ratio = true) => {
    const xs = all.filter((v) => !Number.isNaN(v));
    if (xs.length === 0) return `| ${what} | — | — | |`;
    return `| ${what} | ${s(median(xs))} | ${s(Math.min(...xs))} – ${s(Math.max(...xs))} | ${ratio ? `${(median(xs) / base).toFixed(1)} ×` : ''} |`;
  };
  const of = (k: keyof CustomRound) => custom.map((c) => c[k]);
  const mem = (k: keyof CustomRound) => `${median(of(k))} MiB`;
  return [
    `Machine: ${machine()}; date ${new Date().toISOString().slice(0, 10)}; rounds ${ROUNDS}`,
    `Load average (1 min) at start ${LOAD_AT_START.toFixed(2)}, at end ${os.loadavg()[0]!.toFixed(2)} (this bench's own JVMs included): on 2 cores the numbers move with whatever else runs.`,
    `Managed pool at start: ${Object.entries(scanTimes(x.config.home, x.b.connect_pool_id)).map(([k, v]) => `${k} ${v} ms`).join(', ')} (service_load).`,
    '',
    `| what | median of ${ROUNDS} | min – max | vs. baseline |`,
    '|---|---|---|---|',
    `| baseline: managed DatagenSource, POST → connector + task RUNNING | ${s(base)} | ${s(Math.min(...datagen))} – ${s(Math.max(...datagen))} | 1.0 × |`,
    row('registration: presign + curl -F upload + POST …/custom-connector-plugins (201)', of('registration')),
    row('· presign + upload (204)', of('upload'), false),
    row('· POST …/custom-connector-plugins → 201 (hash, extract, inspect, record)', of('register'), false),
    row('· · of which the ConnectPluginPath JVM (Cirrus\' log, elapsedMs)', of('inspection'), false),
    row('custom connector: POST → connector + task RUNNING', of('create')),
    row('· POST → the plugin\'s pool JVM spawned', of('spawn'), false),
    row('· pool JVM spawned → its /health 200', of('health'), false),
    row('· · of which its plugin scan: ServiceLoaderScanner (worker log)', of('scanServiceLoader'), false),
    row('· · of which its plugin scan: ReflectionScanner (hybrid_warn; worker log)', of('scanReflection'), false),
    row('· pool /health 200 → RUNNING in Cirrus', of('afterHealth'), false),
    row('total: presign → custom connector RUNNING', of('total')),
    row('registration of the same archive again (content-addressed: no extraction)', of('again')),
    row('· · of which the ConnectPluginPath JVM', of('againInspection'), false),
    '',
    `Custom pool RSS at RUNNING ${mem('poolRss')} (VmHWM ${mem('poolHwm')}), 15 s after RUNNING ${mem('poolIdle')}; ` +
      `managed pool 15 s after ${mem('managedIdle')} (VmHWM ${mem('managedHwm')}); medians.`,
    '',
    ...logFindings(x.config.home, x.b.connect_pool_id),
  ].join('\n');
}

const LOAD_AT_START = os.loadavg()[0]!;
const x = await startBench();
const datagen: number[] = [];
const custom: CustomRound[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    datagen.push(await datagenRound(x, round));
    custom.push(await customRound(x, round));
    console.log(`round ${round + 1}: Datagen ${Math.round(datagen.at(-1)!)} ms, custom ${JSON.stringify(custom.at(-1), (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`);
  }
} catch (err) {
  console.error(`failed; Cirrus' home is kept at ${x.config.home}`);
  await stopBench(x);
  throw err;
}
await stopBench(x);
console.log(`\n${report(x, datagen, custom)}`);
if (process.env.KEEP_HOME) console.log(`Cirrus' home is kept at ${x.config.home}`);
else fs.rmSync(x.config.home, { recursive: true, force: true });
