// An offsets PATCH through Cirrus (issue 11): POST …/offsets/request → status APPLIED, against the
// raw engine sequence a script would run on Kafka Connect's REST API (PUT …/stop, poll until
// STOPPED, PATCH …/offsets, PUT …/resume), in the same run, on a DatagenSource each. Cirrus runs
// as `npm start` runs it (default heaps and settings, its own broker and managed pool); the raw
// sequence goes to a second Kafka + Connect of the same runtime and settings (Cirrus would resume
// or remove a connector changed behind its back on its own pool). Rounds alternate.
// Run: npm run bench:offsets   (ROUNDS=5; POLL_MS=50 for both sides' polling).
import { loadConfig } from '../src/config.ts';
import type { BootstrapInfo } from '../src/services/bootstrap.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';
import { startCirrus } from '../test/harness/cirrus-process.ts';
import { datagenConfig } from '../test/harness/connector-fixtures.ts';
import { startStack, tempHome, testConfig } from '../test/harness/stack.ts';
import { eventually } from '../test/harness/wait.ts';
import { machine } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const POLL_MS = Number(process.env.POLL_MS ?? 50);
const TIMEOUT_MS = 180_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Answer { status: number; json: unknown; text: string }

async function call(url: string, method: string, body?: unknown, authorization?: string): Promise<Answer> {
  const headers: Record<string, string> = { ...(authorization ? { authorization } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return { status: res.status, text, json: text ? JSON.parse(text) as unknown : undefined };
}

const engineState = async (connectUrl: string, name: string) =>
  ((await call(`${connectUrl}/connectors/${name}/status`, 'GET')).json as { connector: { state: string }; tasks: { state: string }[] });
const running = (connectUrl: string, name: string) => eventually(`${name} RUNNING`, async () => {
  const status = await engineState(connectUrl, name);
  return status.connector.state === 'RUNNING' && status.tasks.length === 1 && status.tasks[0]!.state === 'RUNNING';
}, { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS });
const offsetsOf = (count: number) => [{ partition: { task: 0 }, offset: { count } }];

await ensureJvmRuntime(loadConfig({}, []).jvmDir);
const config = await testConfig(await tempHome('bench-offsets'), { CIRRUS_BROKER_HEAP: '384m', CIRRUS_CONNECT_HEAP: '512m' });
const cirrus = await startCirrus(config);
const raw = await startStack('bench-offsets-raw');
try {
  const b: BootstrapInfo = cirrus.bootstrap;
  const auth = `Basic ${Buffer.from(`${b.cloud_api_key}:${b.cloud_api_secret}`).toString('base64')}`;
  const connectors = `${b.endpoint}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`;
  const cirrusConnect = `http://127.0.0.1:${config.connect.port}`;
  await call(connectors, 'POST', { name: 'bench', config: datagenConfig(b, 'bench', { 'max.interval': '100' }) }, auth);
  const id = ((await call(`${connectors}?expand=id`, 'GET', undefined, auth)).json as Record<string, { id: { id: string } }>).bench!.id.id;
  await running(cirrusConnect, id);
  const rawUrl = raw.info.connectUrl;
  await call(`${rawUrl}/connectors`, 'POST', { name: 'raw', config: {
    'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector', 'tasks.max': '1', 'kafka.topic': 'raw', quickstart: 'PAGEVIEWS', 'max.interval': '100',
  } });
  await running(rawUrl, 'raw');

  const viaCirrus: number[] = [];
  const cirrusToRunning: number[] = [];
  const viaEngine: number[] = [];
  const engineToRunning: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    let t0 = performance.now();
    await call(`${connectors}/bench/offsets/request`, 'POST', { type: 'PATCH', offsets: offsetsOf(round) }, auth);
    await eventually('APPLIED', async () => {
      const phase = ((await call(`${connectors}/bench/offsets/request/status`, 'GET', undefined, auth)).json as { status: { phase: string; message?: string } }).status;
      if (phase.phase === 'FAILED') throw new Error(`FAILED: ${phase.message}`);
      return phase.phase === 'APPLIED';
    }, { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS });
    viaCirrus.push(performance.now() - t0);
    await running(cirrusConnect, id);
    cirrusToRunning.push(performance.now() - t0);

    t0 = performance.now();
    await call(`${rawUrl}/connectors/raw/stop`, 'PUT');
    await eventually('STOPPED', async () => (await engineState(rawUrl, 'raw')).connector.state === 'STOPPED', { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS });
    await call(`${rawUrl}/connectors/raw/offsets`, 'PATCH', { offsets: offsetsOf(round) });
    await call(`${rawUrl}/connectors/raw/resume`, 'PUT');
    viaEngine.push(performance.now() - t0);
    await running(rawUrl, 'raw');
    engineToRunning.push(performance.now() - t0);
    console.log(`round ${round}: Cirrus ${s(viaCirrus.at(-1)!)} (RUNNING ${s(cirrusToRunning.at(-1)!)}), raw ${s(viaEngine.at(-1)!)} (RUNNING ${s(engineToRunning.at(-1)!)})`);
  }
  const range = (xs: number[]) => `${s(median(xs))} (${s(Math.min(...xs))} – ${s(Math.max(...xs))})`;
  console.log([
    '',
    `Machine: ${machine()}; date ${new Date().toISOString().slice(0, 10)}; rounds ${ROUNDS}; poll ${POLL_MS} ms`,
    '',
    '| what | median (min – max) |',
    '|---|---|',
    `| Cirrus: POST …/offsets/request (PATCH) → status APPLIED | ${range(viaCirrus)} |`,
    `| Cirrus: → connector and task RUNNING again (Connect's status) | ${range(cirrusToRunning)} |`,
    `| raw Connect: PUT stop → STOPPED → PATCH offsets → PUT resume answered | ${range(viaEngine)} |`,
    `| raw Connect: → connector and task RUNNING again | ${range(engineToRunning)} |`,
    `| Cirrus APPLIED vs raw sequence | ${(median(viaCirrus) / median(viaEngine)).toFixed(1)} × |`,
  ].join('\n'));
} finally {
  await cirrus.stop();
  await raw.stop();
}
