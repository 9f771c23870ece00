// The connect/v1 read path with Cirrus run as a user runs it: `node scripts/start.mjs` (what
// `npm start` runs) in a child process, default log level and destinations (info, to
// <home>/logs/control-plane.log and stdout, here a file), each in the same run as its baseline:
//  1. GET …/connectors/{name}/status, 64 connections, vs. a bare Fastify hello-world and vs. the
//     same status on the Kafka Connect pool that this `npm start` runs (issue 13, target 2);
//  2. GET …/connectors?expand=id,info,status with 1,000 stored connectors vs. with 10, on a
//     second `npm start` without the embedded data plane, so that nothing runs them (target 3);
//  3. idle RSS of that control plane with 1,000 stored connectors (target 5).
// The one setting changed from the defaults: the per-key rate limit (6,000 per minute) is raised
// to 10⁹, or the load runs would measure 429s; the limiter still runs on every request.
// Load comes from a child process (autocannon). PROFILE=<dir> writes a CPU profile of the first
// control plane (node --cpu-prof) to <dir> when it stops.
// Run: npm run bench:read   (DURATION=10 s per load run)
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { startCirrus, type CirrusProcess } from '../test/harness/cirrus-process.ts';
import { basicAuth } from '../test/harness/api-app.ts';
import { ConnectV1Client } from '../test/harness/connect-v1-client.ts';
import { datagenConfig } from '../test/harness/connector-fixtures.ts';
import { tempHome, testConfig } from '../test/harness/stack.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { failures, load, type Cannon } from './load.ts';
import { machine, rssMiB } from './machine.ts';

const DURATION = Number(process.env.DURATION ?? 10);
const PROFILE = process.env.PROFILE;
const STORED = 1000;
const SMALL = 10;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const ratio = (x: number, base: number) => `${(x / base).toFixed(2)} ×`;
const say = (line: string) => console.error(`  … ${line}`);

async function startUserLike(name: string, extraEnv: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<{ cirrus: CirrusProcess; config: Config }> {
  const config = await testConfig(await tempHome(name), { CIRRUS_BROKER_HEAP: '384m', CIRRUS_CONNECT_HEAP: '512m' });
  const cirrus = await startCirrus(config, { extraEnv: { CIRRUS_RATE_LIMIT: '1000000000', ...extraEnv }, nodeArgs });
  return { cirrus, config };
}

function client(cirrus: CirrusProcess) {
  const b = cirrus.bootstrap;
  const authorization = basicAuth(b.cloud_api_key, b.cloud_api_secret);
  const v1 = new ConnectV1Client(b.endpoint, authorization, b.environment_id, b.kafka_cluster_id);
  const base = `${b.endpoint}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}`;
  const request = async (method: string, route: string, body?: unknown) => {
    const answer = await v1.call(method, route, body);
    return { status: answer.status, text: answer.text, json: answer.body };
  };
  const create = async (name: string) => {
    const res = await request('POST', '/connectors', { name, config: datagenConfig(b, name) });
    if (res.status !== 201) throw new Error(`POST ${name}: ${res.status} ${res.text}`);
  };
  /** Creates prefix-from … prefix-(to-1), 4 at a time. */
  const createMany = async (prefix: string, from: number, to: number) => {
    let next = from;
    const worker = async () => {
      while (next < to) await create(`${prefix}-${String(next++).padStart(4, '0')}`);
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  };
  return { base, authorization, request, create, createMany };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Part 1: status through Cirrus, through Connect, and a bare server, all in this run. */
async function statusPart(): Promise<{ rows: Record<string, Cannon>; bytes: Record<string, number> }> {
  const { cirrus, config } = await startUserLike('bench-read', {}, PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE)}`] : []);
  const bare = Fastify();
  try {
    const api = client(cirrus);
    await api.create('bench-status');
    await until('bench-status RUNNING', async () => {
      const s = (await api.request('GET', '/connectors/bench-status/status')).json as { connector: { state: string } };
      return s.connector.state === 'RUNNING';
    });
    const ids = (await api.request('GET', '/connectors?expand=id')).json as Record<string, { id: { id: string } }>;
    bare.get('/hello', async () => ({ hello: 'world' }));
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const targets = {
      bare: { url: `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/hello`, headers: {} },
      cirrus: { url: `${api.base}/connectors/bench-status/status`, headers: { authorization: api.authorization } },
      connect: { url: `http://127.0.0.1:${config.connect.port}/connectors/${ids['bench-status']!.id.id}/status`, headers: {} },
    };
    const rows: Record<string, Cannon> = {};
    const bytes: Record<string, number> = {};
    for (const [what, t] of Object.entries(targets)) {
      const probe = await fetch(t.url, { headers: t.headers });
      bytes[what] = (await probe.text()).length;
      if (probe.status !== 200) throw new Error(`${what}: ${probe.status}`);
      rows[what] = await load(t.url, 64, DURATION, t.headers);
      say(`status ${what}: ${int(rows[what].requests.average)} req/s, p50 ${rows[what].latency.p50} ms, p99 ${rows[what].latency.p99} ms, ${failures(rows[what])} failed`);
    }
    return { rows, bytes };
  } finally {
    await bare.close();
    await cirrus.stop();
  }
}

/** Parts 2 and 3: the expanded list over 10 and 1,000 stored connectors, then idle RSS. */
async function listPart() {
  const { cirrus } = await startUserLike('bench-read-list', { CIRRUS_EMBEDDED: 'false' });
  try {
    const api = client(cirrus);
    const list = async (count: number) => {
      const probe = await api.request('GET', '/connectors?expand=id,info,status');
      const found = Object.keys(probe.json as object).length;
      if (probe.status !== 200 || found !== count) throw new Error(`list: ${probe.status}, ${found} connectors, expected ${count}`);
      const result = await load(`${api.base}/connectors?expand=id,info,status`, 4, DURATION, { authorization: api.authorization });
      say(`list of ${count}: ${int(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
      return { result, bytes: Buffer.byteLength(probe.text) };
    };
    await api.createMany('bench-stored', 0, SMALL);
    const small = await list(SMALL);
    await api.createMany('bench-stored', SMALL, STORED);
    await new Promise((r) => setTimeout(r, 15_000));
    const rssBefore = rssMiB(cirrus.child.pid!);
    const large = await list(STORED);
    await new Promise((r) => setTimeout(r, 15_000));
    return { small, large, rssBefore, rssAfter: rssMiB(cirrus.child.pid!) };
  } finally {
    await cirrus.stop();
  }
}

await ensureJvmRuntime(loadConfig({}, []).jvmDir);
if (PROFILE) fs.mkdirSync(PROFILE, { recursive: true });
const status = await statusPart();
const lists = await listPart();
const s = status.rows;
const row = (what: string, c: Cannon, base: Cannon) =>
  `| ${what} | ${int(c.requests.average)} | ${c.latency.p50} ms | ${c.latency.p99} ms | ${failures(c)} | ${c === base ? '1.00' : ratio(c.requests.average, base.requests.average)} |`;
const listRow = (what: string, l: typeof lists.small, base: typeof lists.small) =>
  `| ${what} | ${int(l.bytes)} B | ${int(l.result.requests.average)} | ${l.result.latency.p50} ms | ${l.result.latency.p99} ms | ${failures(l.result)} | ${l === base ? '1.00' : ratio(l.result.requests.average, base.result.requests.average)} |`;
console.log([
  `machine: ${machine()}`,
  `date: ${new Date().toISOString().slice(0, 10)}, load runs: ${DURATION} s each`,
  '',
  '1. GET status, 64 connections, Cirrus as npm start runs it',
  '| what | req/s | p50 | p99 | non-2xx + errors | vs. baseline |',
  '|---|---|---|---|---|---|',
  row(`baseline: bare Fastify hello-world (${status.bytes.bare} B)`, s.bare!, s.bare!),
  row(`Cirrus GET …/connectors/{name}/status (${status.bytes.cirrus} B)`, s.cirrus!, s.bare!),
  row(`Kafka Connect GET /connectors/{name}/status (${status.bytes.connect} B)`, s.connect!, s.bare!),
  `Cirrus vs. Kafka Connect: ${ratio(s.cirrus!.requests.average, s.connect!.requests.average)}`,
  '',
  '2. GET …/connectors?expand=id,info,status, 4 connections (npm start without the embedded data plane)',
  '| what | response | req/s | p50 | p99 | non-2xx + errors | vs. baseline (req/s) |',
  '|---|---|---|---|---|---|---|',
  listRow(`baseline: ${SMALL} connectors`, lists.small, lists.small),
  listRow(`${int(STORED)} connectors`, lists.large, lists.small),
  '',
  `3. control plane RSS with ${int(STORED)} stored connectors, 15 s idle: ${lists.rssBefore} MiB before the list load, ${lists.rssAfter} MiB after it`,
].join('\n'));
