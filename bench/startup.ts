// Cold and warm start of `npm start` to "ready", against the data plane alone (broker + Connect
// started by the supervisor without the control plane) as the baseline; and RSS at idle.
// Run: npm run bench:startup   (the JVM runtime install is excluded: it is built beforehand)
import fs from 'node:fs';
import path from 'node:path';
import { startCirrus } from '../test/harness/cirrus-process.ts';
import { startStack, tempHome, testConfig } from '../test/harness/stack.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';
import { loadConfig } from '../src/config.ts';
import { machine, rssMiB, seconds } from './machine.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
await ensureJvmRuntime(loadConfig({}, []).jvmDir);

const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const baseline: number[] = [];
const cold: number[] = [];
const warm: number[] = [];
let rss: Record<string, number> = {};
for (let round = 0; round < ROUNDS; round++) {
  const [tBase, stack] = await time(() => startStack('bench-baseline'));
  baseline.push(tBase);
  await stack.stop();

  const config = await testConfig(await tempHome('bench-startup'), { CIRRUS_BROKER_HEAP: '384m', CIRRUS_CONNECT_HEAP: '512m' });
  const [tCold, first] = await time(() => startCirrus(config));
  cold.push(tCold);
  await first.stop();
  const [tWarm, second] = await time(() => startCirrus(config));
  warm.push(tWarm);
  if (round === ROUNDS - 1) {
    await new Promise((r) => setTimeout(r, 15_000)); // idle
    const runDir = path.join(config.home, 'run');
    rss = { 'control plane (node)': rssMiB(second.child.pid!) };
    for (const file of fs.readdirSync(runDir)) rss[file.replace('.pid', '')] = rssMiB(Number(fs.readFileSync(path.join(runDir, file), 'utf8')));
  }
  await second.stop();
}

const report = [
  `machine: ${machine()}`,
  `rounds: ${ROUNDS} (median shown)`,
  `baseline, data plane alone (broker + Connect ready): ${seconds(median(baseline))} s`,
  `npm start, cold (new CIRRUS_HOME, runtime installed):  ${seconds(median(cold))} s  = ${(median(cold) / median(baseline)).toFixed(2)} × baseline`,
  `npm start, warm (same CIRRUS_HOME):                    ${seconds(median(warm))} s  = ${(median(warm) / median(baseline)).toFixed(2)} × baseline`,
  `RSS at idle (15 s after ready, default heaps 384m/512m): ${Object.entries(rss).map(([k, v]) => `${k} ${v} MiB`).join(', ')}`,
].join('\n');
console.log(report);
