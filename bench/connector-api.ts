// The connect/v1 write path against what it stands on, in one run on one shared stack: create →
// RUNNING of a DatagenSource through Cirrus (status from the pool's status topic, and from REST
// polling alone as before issue 13) vs. directly on Kafka Connect. The read path (status req/s,
// the expanded list over 1,000 connectors) is bench/read-path.ts (npm run bench:read), with
// Cirrus run as npm start runs it. All traffic goes to 127.0.0.1.
// Run: npm run bench:api   (ROUNDS=5 creates per side)
import { basicAuth, startApiApp, type ApiApp } from '../test/harness/api-app.ts';
import { connectRequest } from '../test/harness/connect.ts';
import { startStack, type RunningStack } from '../test/harness/stack.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';
import { loadConfig } from '../src/config.ts';
import { machine } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const ENGINE_CLASS = 'dev.cirrus.connect.datagen.DatagenSourceConnector';
/** The control plane's reconcile interval as `npm start` runs it (control-plane.ts default). */
const RECONCILE_MS = 2000;
const SETTLE_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x)} ms`;
const ratio = (x: number, base: number) => `${(x / base).toFixed(2)} ×`;

/** Polls every 50 ms until `check` returns true; a throw from `check` ends the wait at once. */
async function poll(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A client of one app's connect/v1 cluster path, authenticated with its cloud key. */
function cirrusClient(app: ApiApp) {
  const b = app.bootstrap;
  const base = `${app.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}`;
  const authorization = basicAuth(b.cloud_api_key, b.cloud_api_secret);
  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? { authorization } : { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: (text ? JSON.parse(text) : undefined) as unknown };
  };
  const create = async (name: string) => {
    const res = await request('POST', '/connectors', {
      name,
      config: {
        'connector.class': 'DatagenSource', name, 'kafka.api.key': b.kafka_api_key, 'kafka.api.secret': b.kafka_api_secret,
        'kafka.topic': name, quickstart: 'PAGEVIEWS', 'max.interval': '1000', 'tasks.max': '1',
      },
    });
    if (res.status !== 201) throw new Error(`POST ${name}: ${res.status} ${res.text}`);
  };
  const state = async (name: string) => {
    const res = await request('GET', `/connectors/${encodeURIComponent(name)}/status`);
    if (res.status === 404) return 'GONE';
    const s = (res.json as { connector: { state: string; trace: string } }).connector;
    if (s.state === 'FAILED' || s.state === 'DEGRADED') throw new Error(`${name} ${s.state}: ${s.trace}`);
    return s.state;
  };
  const engineId = async (name: string) => {
    const res = await request('GET', '/connectors?expand=id');
    return (res.json as Record<string, { id: { id: string } }>)[name]!.id.id;
  };
  return { base, authorization, request, create, state, engineId };
}

async function engineGone(connectUrl: string, engineName: string): Promise<boolean> {
  return (await connectRequest(connectUrl, 'GET', `/connectors/${encodeURIComponent(engineName)}`)).status === 404;
}

/** Through Cirrus: POST, poll status until RUNNING; then delete and wait until Connect has let go. */
async function viaCirrus(stack: RunningStack, api: ReturnType<typeof cirrusClient>, name: string): Promise<number> {
  const t0 = performance.now();
  await api.create(name);
  await poll(`${name} RUNNING via Cirrus`, async () => (await api.state(name)) === 'RUNNING');
  const elapsed = performance.now() - t0;
  const id = await api.engineId(name);
  const del = await api.request('DELETE', `/connectors/${encodeURIComponent(name)}`);
  if (del.status !== 200) throw new Error(`DELETE ${name}: ${del.status} ${del.text}`);
  await poll(`${name} deleted`, async () => (await api.state(name)) === 'GONE' && (await engineGone(stack.info.connectUrl, id)));
  return elapsed;
}

/** Directly on Kafka Connect: POST, poll status until the connector and its task are RUNNING. */
async function direct(stack: RunningStack, name: string): Promise<number> {
  const url = stack.info.connectUrl;
  const t0 = performance.now();
  const res = await connectRequest(url, 'POST', '/connectors', {
    name, config: { 'connector.class': ENGINE_CLASS, 'kafka.topic': name, quickstart: 'PAGEVIEWS', 'max.interval': '1000', 'tasks.max': '1' },
  });
  if (res.status !== 201) throw new Error(`Connect POST ${name}: ${res.status} ${JSON.stringify(res.json)}`);
  await poll(`${name} RUNNING on Connect`, async () => {
    const { status, json } = await connectRequest(url, 'GET', `/connectors/${name}/status`);
    if (status !== 200) return false;
    const s = json as { connector: { state: string }; tasks: { state: string; trace?: string }[] };
    const failed = s.tasks.find((t) => t.state === 'FAILED');
    if (s.connector.state === 'FAILED' || failed) throw new Error(`${name} failed: ${failed?.trace ?? ''}`);
    return s.connector.state === 'RUNNING' && s.tasks.length === 1 && s.tasks[0]!.state === 'RUNNING';
  });
  const elapsed = performance.now() - t0;
  const del = await connectRequest(url, 'DELETE', `/connectors/${name}`);
  if (del.status !== 204) throw new Error(`Connect DELETE ${name}: ${del.status}`);
  await poll(`${name} deleted on Connect`, () => engineGone(url, name));
  return elapsed;
}

await ensureJvmRuntime(loadConfig({}, []).jvmDir);
const cleanups: (() => Promise<unknown>)[] = [];
const say = (line: string) => console.error(`  … ${line}`);
try {
  const stack = await startStack('bench-api', 'pool-bench');
  cleanups.push(() => stack.stop());
  // The reconciler's interval as npm start runs it; the second app observes by REST alone.
  const app = await startApiApp({ stack: stack.info, reconcileIntervalMs: RECONCILE_MS });
  cleanups.push(() => app.close());
  const api = cirrusClient(app);
  const polling = await startApiApp({ stack: stack.info, reconcileIntervalMs: RECONCILE_MS, statusTopic: false, reconcile: false });
  cleanups.push(() => polling.close());
  const pollingApi = cirrusClient(polling);
  const topicPool = app.bootstrap.connect_pool_id;
  await poll('the status topic read', async () => app.controlPlane.reconciler.readsStatusTopic(topicPool));

  // 1. create → RUNNING, interleaved. A reconciler removes engine connectors it does not know, so
  // only one runs at a time, and none while a direct one exists. Round 0 warms up, not counted.
  const cirrusTimes: number[] = [];
  const pollingTimes: number[] = [];
  const directTimes: number[] = [];
  // Each create starts a second after the previous step, on every side: Connect has finished the
  // rebalance a deletion caused, and a reconciler just started has had its first pass, as in a
  // control plane that has been running for a while.
  const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));
  for (let round = 0; round <= ROUNDS; round++) {
    await settle();
    const c = await viaCirrus(stack, api, `bench-cirrus-${round}`);
    await app.controlPlane.reconciler.stop();
    polling.controlPlane.reconciler.start();
    await settle();
    const p = await viaCirrus(stack, pollingApi, `bench-polling-${round}`);
    await polling.controlPlane.reconciler.stop();
    await settle();
    const d = await direct(stack, `bench-direct-${round}`);
    app.controlPlane.reconciler.start();
    await poll('the status topic read again', async () => app.controlPlane.reconciler.readsStatusTopic(topicPool));
    say(`create → RUNNING round ${round}${round === 0 ? ' (warm-up, not counted)' : ''}: Cirrus ${ms(c)}, REST polling only ${ms(p)}, direct ${ms(d)}`);
    if (round === 0) continue;
    cirrusTimes.push(c);
    pollingTimes.push(p);
    directTimes.push(d);
  }

  const cm = median(cirrusTimes);
  const pm = median(pollingTimes);
  const dm = median(directTimes);
  console.log([
    `machine: ${machine()}`,
    `date: ${new Date().toISOString().slice(0, 10)}, rounds: ${ROUNDS}`,
    '',
    `create → RUNNING, DatagenSource, 1 task (median of ${ROUNDS}; status polled every 50 ms)`,
    '| what | median | min | max | vs. baseline |',
    '|---|---|---|---|---|',
    `| baseline: Kafka Connect directly (POST /connectors) | ${ms(dm)} | ${ms(Math.min(...directTimes))} | ${ms(Math.max(...directTimes))} | 1.00 |`,
    `| Cirrus (POST …/connectors; status from the status topic, reconciler interval ${RECONCILE_MS} ms) | ${ms(cm)} | ${ms(Math.min(...cirrusTimes))} | ${ms(Math.max(...cirrusTimes))} | ${ratio(cm, dm)} |`,
    `| Cirrus, REST polling only (as before issue 13) | ${ms(pm)} | ${ms(Math.min(...pollingTimes))} | ${ms(Math.max(...pollingTimes))} | ${ratio(pm, dm)} |`,
    `all rounds, ms: Cirrus ${cirrusTimes.map(Math.round).join(', ')}; REST polling only ${pollingTimes.map(Math.round).join(', ')}; direct ${directTimes.map(Math.round).join(', ')}`,
  ].join('\n'));
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error('cleanup failed:', err));
}
