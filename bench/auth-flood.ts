// A 401 flood (issue 7.10): requests per second answered and audit rows written when one address
// sends bad secrets, against the same number of requests with a valid key. Cirrus is built as
// `npm start` builds it (default settings, info logging to <home>/logs, audit.log beside it),
// without the JVMs (no connector is involved). Each run gets a fresh app on a fresh home so no
// limit carries over; load comes from a child process (http-burst.ts) on 127.0.0.1.
// Run: npm run bench:flood   (REQUESTS, CONNECTIONS, ROUNDS to change the defaults: 5000, 64, 5)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { endpointOf, loadConfig } from '../src/config.ts';
import { buildControlPlane } from '../src/control-plane.ts';
import { createLogger } from '../src/logging.ts';
import { ensureBootstrap } from '../src/services/bootstrap.ts';
import { loadMasterKey } from '../src/services/master-key.ts';
import { openStore } from '../src/store/database.ts';
import { FakeArchiveInspector } from '../test/harness/fake-plugins.ts';
import { basicAuth, FakeDataPlane } from '../test/harness/api-app.ts';
import { tempHome } from '../test/harness/stack.ts';
import type { Burst } from './http-burst.ts';
import { machine } from './machine.ts';

// Below the per-key default of 6000 per minute, so the valid-key runs measure serving, not 429s.
const REQUESTS = Number(process.env.REQUESTS ?? 5000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Kind = 'valid key' | 'bad secret' | 'bad secret, limit off';

function burst(url: string, requests: number, authorization = ''): Promise<Burst> {
  const script = path.join(import.meta.dirname, 'http-burst.ts');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', script, url, String(requests), String(CONNECTIONS), authorization], (err, stdout, stderr) => {
      if (err) return reject(new Error(`http-burst failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout) as Burst);
    });
  });
}

async function runOnce(kind: Kind) {
  const home = await tempHome('bench-flood');
  const env: NodeJS.ProcessEnv = { CIRRUS_HOME: home, CIRRUS_PORT: '0', CIRRUS_EMBEDDED: 'false' };
  if (kind === 'bad secret, limit off') env.CIRRUS_AUTH_FAILURE_LIMIT = '0';
  const config = loadConfig(env, []);
  const logger = createLogger(config, false);
  const db = await openStore(path.join(home, 'cirrus.db'));
  const dataPlane = new FakeDataPlane();
  const auditFile = path.join(home, 'logs', 'audit.log');
  const { app, audit, secrets } = await buildControlPlane({
    db, masterKey: loadMasterKey(home, config.masterKey), dataPlane, logger,
    rateLimit: config.rateLimit, authFailureLimit: config.authFailureLimit, audit: config.audit, auditFile,
    archiveInspector: new FakeArchiveInspector(home),
  });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const b = await ensureBootstrap({ db, secrets, home, endpoint: endpointOf(config), kafkaBootstrapServers: dataPlane.brokerAddress(), now: () => new Date() });
    const authorization = basicAuth(b.cloud_api_key, kind === 'valid key' ? b.cloud_api_secret : 'not-the-secret');
    // Warm-up on /health (never limited, never audited), so the JIT is not part of the numbers.
    await burst(`${url}/health`, 2000);
    const rowsBefore = await countRows();
    const r = await burst(`${url}/org/v2/environments`, REQUESTS, authorization);
    await audit.flush();
    return {
      reqPerSec: (REQUESTS - r.errors) / (r.elapsedMs / 1000), p50: r.p50, p99: r.p99, statuses: r.statuses, errors: r.errors,
      auditRows: (await countRows()) - rowsBefore, auditBytes: fs.existsSync(auditFile) ? fs.statSync(auditFile).size : 0,
    };
  } finally {
    await app.close();
    await db.destroy();
    logger.flush();
    fs.rmSync(home, { recursive: true, force: true });
  }

  async function countRows(): Promise<number> {
    return Number((await db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }
}

const kinds: Kind[] = ['valid key', 'bad secret', 'bad secret, limit off'];
const runs = new Map<Kind, Awaited<ReturnType<typeof runOnce>>[]>(kinds.map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of kinds) {
    const result = await runOnce(kind);
    runs.get(kind)!.push(result);
    console.error(`  … round ${round + 1} ${kind}: ${Math.round(result.reqPerSec)} req/s, ${JSON.stringify(result.statuses)}, ${result.auditRows} audit rows`);
  }
}

const baseline = median(runs.get('valid key')!.map((r) => r.reqPerSec));
console.log(`machine: ${machine()}`);
console.log(`${REQUESTS} requests of GET /org/v2/environments per run, ${CONNECTIONS} connections, one address, median of ${ROUNDS} rounds`);
for (const kind of kinds) {
  const rs = runs.get(kind)!;
  const rate = median(rs.map((r) => r.reqPerSec));
  const last = rs[rs.length - 1]!;
  console.log(`${kind.padEnd(22)} ${Math.round(rate)} req/s (${(rate / baseline).toFixed(2)} ×), p50 ${median(rs.map((r) => r.p50))} ms, p99 ${median(rs.map((r) => r.p99))} ms, ` +
    `statuses ${JSON.stringify(last.statuses)}, errors ${last.errors}, audit rows ${median(rs.map((r) => r.auditRows))}, audit.log ${median(rs.map((r) => r.auditBytes))} B`);
}
