// Many connectors at once (issue 13, target 4): COUNT DatagenSource connectors created by CLIENTS
// concurrent clients, timed from the first POST until every one is RUNNING, all in one run on one
// stack:
//  - baseline: straight on Kafka Connect (POST /connectors, then GET /connectors?expand=status);
//  - Cirrus as npm start runs it (status from the pool's status topic, 8 connectors of a pool
//    reconciled at once, 2000 ms interval), polled by GET …/connectors?expand=status;
//  - Cirrus observing by REST polling alone, one connector at a time (as before issue 13), when
//    BEFORE=1 (the default).
// Each phase deletes its connectors and waits until Connect has none before the next starts; the
// phases alternate round by round.
// Run: npm run bench:many   (COUNT=200, CLIENTS=8, BEFORE=1, ROUNDS=2 after a warm-up round)
import { basicAuth, startApiApp, type ApiApp } from '../test/harness/api-app.ts';
import { connectRequest } from '../test/harness/connect.ts';
import { startStack } from '../test/harness/stack.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';
import { loadConfig } from '../src/config.ts';
import { machine } from './machine.ts';

const COUNT = Number(process.env.COUNT ?? 200);
const CLIENTS = Number(process.env.CLIENTS ?? 8);
const BEFORE = process.env.BEFORE !== '0';
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const TOPIC = 'bench-many';
const ENGINE_CLASS = 'dev.cirrus.connect.datagen.DatagenSourceConnector';
/** The control plane's reconcile interval as `npm start` runs it (control-plane.ts default). */
const RECONCILE_MS = 2000;
const TIMEOUT_MS = 15 * 60_000;

const say = (line: string) => console.error(`  … ${line}`);
const names = (prefix: string) => Array.from({ length: COUNT }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

/** Polls every 250 ms until `check` returns true. */
async function poll(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs `work` for every item with CLIENTS concurrent clients. */
async function concurrently(items: string[], work: (item: string) => Promise<void>): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
}

type StatusMap = Record<string, { status: { connector: { state: string }; tasks?: { state: string }[] } }>;

function countRunning(listed: StatusMap, what: string): number {
  const all = Object.entries(listed);
  const failed = all.find(([, c]) => c.status.connector.state === 'FAILED' || c.status.tasks?.some((t) => t.state === 'FAILED'));
  if (failed) throw new Error(`${what}: ${failed[0]} failed`);
  return all.filter(([, c]) => c.status.connector.state === 'RUNNING' && (c.status.tasks ?? [{ state: 'RUNNING' }]).every((t) => t.state === 'RUNNING')).length;
}

async function engineEmpty(connectUrl: string): Promise<boolean> {
  return ((await connectRequest(connectUrl, 'GET', '/connectors')).json as string[]).length === 0;
}

/** Straight on Connect: seconds from the first POST until all are RUNNING; then all deleted. */
async function direct(connectUrl: string): Promise<number> {
  const all = names('many-direct');
  const t0 = performance.now();
  await concurrently(all, async (name) => {
    const res = await connectRequest(connectUrl, 'POST', '/connectors', {
      name, config: { 'connector.class': ENGINE_CLASS, 'kafka.topic': TOPIC, quickstart: 'PAGEVIEWS', 'max.interval': '1000', 'tasks.max': '1' },
    });
    if (res.status !== 201) throw new Error(`Connect POST ${name}: ${res.status} ${JSON.stringify(res.json)}`);
  });
  await poll('all RUNNING on Connect', async () => {
    const listed = (await connectRequest(connectUrl, 'GET', '/connectors?expand=status')).json as StatusMap;
    return countRunning(listed, 'Connect') === COUNT;
  });
  const seconds = (performance.now() - t0) / 1000;
  await concurrently(all, async (name) => void await connectRequest(connectUrl, 'DELETE', `/connectors/${name}`));
  await poll('Connect empty', () => engineEmpty(connectUrl));
  return seconds;
}

/** Through Cirrus: seconds from the first POST until its list shows all RUNNING; then all deleted. */
async function viaCirrus(app: ApiApp, connectUrl: string, prefix: string): Promise<number> {
  const b = app.bootstrap;
  const base = `${app.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}`;
  const authorization = basicAuth(b.cloud_api_key, b.cloud_api_secret);
  const call = (method: string, path: string, body?: unknown) => fetch(`${base}${path}`, {
    method, headers: body === undefined ? { authorization } : { authorization, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const all = names(prefix);
  const t0 = performance.now();
  await concurrently(all, async (name) => {
    const res = await call('POST', '/connectors', {
      name, config: {
        'connector.class': 'DatagenSource', name, 'kafka.api.key': b.kafka_api_key, 'kafka.api.secret': b.kafka_api_secret,
        'kafka.topic': TOPIC, quickstart: 'PAGEVIEWS', 'max.interval': '1000', 'tasks.max': '1',
      },
    });
    if (res.status !== 201) throw new Error(`POST ${name}: ${res.status} ${await res.text()}`);
  });
  await poll(`all RUNNING via Cirrus (${prefix})`, async () => countRunning(await (await call('GET', '/connectors?expand=status')).json() as StatusMap, prefix) === COUNT);
  const seconds = (performance.now() - t0) / 1000;
  await concurrently(all, async (name) => void await call('DELETE', `/connectors/${name}`));
  await poll('Connect empty', () => engineEmpty(connectUrl));
  return seconds;
}

await ensureJvmRuntime(loadConfig({}, []).jvmDir);
const cleanups: (() => Promise<unknown>)[] = [];
try {
  const stack = await startStack('bench-many', 'pool-many');
  cleanups.push(() => stack.stop());
  const connectUrl = stack.info.connectUrl;
  // A reconciler removes connectors it does not know: only one app's runs, and none while the
  // direct phase runs.
  const app = await startApiApp({ stack: stack.info, reconcileIntervalMs: RECONCILE_MS, reconcile: false });
  cleanups.push(() => app.close());
  const before = await startApiApp({ stack: stack.info, reconcileIntervalMs: RECONCILE_MS, reconcile: false, statusTopic: false, reconcileConcurrency: 1 });
  cleanups.push(() => before.close());

  // Round 0 warms Connect, the broker and both apps up and is not counted: a cold first phase
  // took nearly twice as long as the same phase later.
  const times = { direct: [] as number[], cirrus: [] as number[], before: [] as number[] };
  for (let round = 0; round <= ROUNDS; round++) {
    const d = await direct(connectUrl);
    app.controlPlane.reconciler.start();
    await poll('the status topic read', async () => app.controlPlane.reconciler.readsStatusTopic(app.bootstrap.connect_pool_id));
    const c = await viaCirrus(app, connectUrl, `many-cirrus-${round}`);
    await app.controlPlane.reconciler.stop();
    let p: number | undefined;
    if (BEFORE) {
      before.controlPlane.reconciler.start();
      p = await viaCirrus(before, connectUrl, `many-before-${round}`);
      await before.controlPlane.reconciler.stop();
    }
    say(`round ${round}${round === 0 ? ' (warm-up, not counted)' : ''}: direct ${d.toFixed(1)} s, Cirrus ${c.toFixed(1)} s${p === undefined ? '' : `, REST polling one at a time ${p.toFixed(1)} s`}`);
    if (round === 0) continue;
    times.direct.push(d);
    times.cirrus.push(c);
    if (p !== undefined) times.before.push(p);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const base = median(times.direct);
  const row = (what: string, xs: number[]) =>
    `| ${what} | ${median(xs).toFixed(1)} s | ${xs.map((x) => x.toFixed(1)).join(', ')} | ${(COUNT / median(xs)).toFixed(1)} | ${(median(xs) / base).toFixed(2)} × |`;
  console.log([
    `machine: ${machine()}`,
    `date: ${new Date().toISOString().slice(0, 10)}; ${COUNT} DatagenSource connectors (1 task each), ${CLIENTS} concurrent clients, one Connect worker, ${ROUNDS} rounds after a warm-up`,
    '| what | first POST → all RUNNING (median) | all rounds | connectors/s | vs. baseline |',
    '|---|---|---|---|---|',
    row('baseline: Kafka Connect directly (POST /connectors, GET /connectors?expand=status)', times.direct),
    row(`Cirrus (status topic, 8 per pool at once, interval ${RECONCILE_MS} ms)`, times.cirrus),
    ...(times.before.length === 0 ? [] : [row('Cirrus, REST polling only, one connector at a time (as before issue 13)', times.before)]),
  ].join('\n'));
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error('cleanup failed:', err));
}
