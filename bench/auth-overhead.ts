// What authentication + authorization cost per request: an authenticated GET of a connector's
// status against the same route of the same store served without them (a benchmark-only build
// switch), alternating rounds, 64 connections, load from a child process.
// Run: npm run bench:auth
import { basicAuth, startApiApp } from '../test/harness/api-app.ts';
import { datagenConfig } from '../test/harness/connector-fixtures.ts';
import { tempHome } from '../test/harness/stack.ts';
import { failures, load } from './load.ts';
import { machine } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DURATION = Number(process.env.DURATION ?? 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const home = await tempHome('bench-auth');
const setup = await startApiApp({ home });
const b = setup.bootstrap;
const auth = basicAuth(b.cloud_api_key, b.cloud_api_secret);
const route = `/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors/bench/status`;
await fetch(`${setup.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`, {
  method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', config: datagenConfig(b, 'bench') }),
});
await setup.close();

const results = { guarded: [] as number[], open: [] as number[], guardedP99: [] as number[], openP99: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  for (const guarded of [true, false]) {
    const app = await startApiApp({ home, unauthenticatedForBenchmark: !guarded });
    try {
      const r = await load(`${app.url}${route}`, 64, DURATION, guarded ? { authorization: auth } : {});
      if (failures(r) > 0) throw new Error(`${failures(r)} failed requests`);
      results[guarded ? 'guarded' : 'open'].push(r.requests.average);
      results[guarded ? 'guardedP99' : 'openP99'].push(r.latency.p99);
      console.error(`  … round ${round + 1} ${guarded ? 'with auth' : 'without'}: ${Math.round(r.requests.average)} req/s`);
    } finally {
      await app.close();
    }
  }
}
const [withAuth, without] = [median(results.guarded), median(results.open)];
console.log([
  `machine: ${machine()}`,
  `GET …/connectors/{name}/status, 64 connections, ${DURATION} s, median of ${ROUNDS} alternating rounds`,
  `without authentication/authorization (baseline): ${Math.round(without)} req/s, p99 ${median(results.openP99)} ms`,
  `with Basic auth (key lookup + HMAC) and RBAC:    ${Math.round(withAuth)} req/s, p99 ${median(results.guardedP99)} ms`,
  `ratio: ${(withAuth / without).toFixed(2)} (cost per request ≈ ${((1 / withAuth - 1 / without) * 1e6).toFixed(0)} µs of server time at this load)`,
].join('\n'));
