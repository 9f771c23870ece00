// What one more embedded cluster costs (issue 7): the time from `POST /cmk/v2/clusters` (202) to
// status PROVISIONED (its own broker and Connect pool ready), against the data plane alone
// (supervisor starts a broker + pool, no control plane) in the same run; and the RSS of the new
// broker and pool at idle, next to the bootstrap cluster's.
// Run: npm run bench:cluster   (Cirrus as `npm start` runs it: default heaps 384m/512m)
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';
import { startCirrus } from '../test/harness/cirrus-process.ts';
import { startStack, tempHome, testConfig } from '../test/harness/stack.ts';
import { machine, rssMiB, seconds } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
await ensureJvmRuntime(loadConfig({}, []).jvmDir);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const baseline: number[] = [];
const provisioning: number[] = [];
let rss: Record<string, number> = {};
for (let round = 0; round < ROUNDS; round++) {
  const t0 = performance.now();
  const stack = await startStack('bench-cluster-baseline');
  baseline.push(performance.now() - t0);
  await stack.stop();

  const config = await testConfig(await tempHome('bench-cluster'), { CIRRUS_BROKER_HEAP: '384m', CIRRUS_CONNECT_HEAP: '512m', CIRRUS_LOG_LEVEL: 'info' });
  const cirrus = await startCirrus(config);
  const b = cirrus.bootstrap;
  const headers = { authorization: `Basic ${Buffer.from(`${b.cloud_api_key}:${b.cloud_api_secret}`).toString('base64')}`, 'content-type': 'application/json' };
  const t1 = performance.now();
  const created = await fetch(`${b.endpoint}/cmk/v2/clusters`, { method: 'POST', headers, body: JSON.stringify({ spec: {
    display_name: 'second', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: b.environment_id },
  } }) });
  const { id } = await created.json() as { id: string };
  for (;;) {
    const res = await fetch(`${b.endpoint}/cmk/v2/clusters/${id}?environment=${b.environment_id}`, { headers });
    if (((await res.json()) as { status: { phase: string } }).status.phase === 'PROVISIONED') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  provisioning.push(performance.now() - t1);
  if (round === ROUNDS - 1) {
    await new Promise((r) => setTimeout(r, 15_000)); // idle
    const runDir = path.join(config.home, 'run');
    rss = {};
    for (const file of fs.readdirSync(runDir).sort()) {
      const name = file.replace('.pid', '').replace(id, 'second').replace(b.connect_pool_id, 'first').replace(/^connect-pool-.*/, 'connect-second');
      rss[name] = rssMiB(Number(fs.readFileSync(path.join(runDir, file), 'utf8')));
    }
  }
  await cirrus.stop();
}

console.log([
  `machine: ${machine()}`,
  `rounds: ${ROUNDS} (median shown)`,
  `baseline, data plane alone (broker + Connect ready): ${seconds(median(baseline))} s`,
  `second cluster, POST /cmk/v2/clusters → PROVISIONED:  ${seconds(median(provisioning))} s  = ${(median(provisioning) / median(baseline)).toFixed(2)} × baseline`,
  `RSS at idle (15 s after PROVISIONED, heaps 384m/512m): ${Object.entries(rss).map(([k, v]) => `${k} ${v} MiB`).join(', ')}`,
].join('\n'));
