// Upload of a 100 MB plugin through Cirrus' own upload target (issue 9): curl's `-F file=@…`
// exactly as the product page shows, MB/s against `cp` of the same file on the same disk, and the
// control plane's RSS while it streams (it must: the file never sits in memory).
// Run: npm run bench:upload   (SIZE_MB=100 ROUNDS=3)
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { tempHome } from '../test/harness/stack.ts';
import { machine } from './machine.ts';

const run = promisify(execFile);
const SIZE_MB = Number(process.env.SIZE_MB ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kib = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const mib = (k: number) => Math.round(k / 1024);

const home = await tempHome('bench-upload');
const plugin = path.join(home, 'plugin.zip');
const out = fs.openSync(plugin, 'w');
for (let i = 0; i < SIZE_MB; i++) fs.writeSync(out, randomBytes(1024 * 1024));
fs.closeSync(out);

const server = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'upload-server.ts'), path.join(home, 'cirrus')], { stdio: ['ignore', 'pipe', 'inherit'] });
const first = await new Promise<string>((resolve) => readline.createInterface({ input: server.stdout! }).once('line', resolve));
const { url, key, secret } = JSON.parse(first) as { url: string; key: string; secret: string };
const authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const idle = kib(server.pid!, 'VmRSS');

const uploads: number[] = [];
const copies: number[] = [];
let peak = 0;
for (let round = 0; round < ROUNDS; round++) {
  const grant = await (await fetch(`${url}/connect/v1/presigned-upload-url`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: '{"content_format":"ZIP"}' })).json() as
    { upload_url: string; upload_form_data: Record<string, string> };
  const form = Object.entries(grant.upload_form_data).flatMap(([k, v]) => ['-F', `${k}=${v}`]);
  const sampler = setInterval(() => { peak = Math.max(peak, kib(server.pid!, 'VmRSS')); }, 20);
  const t0 = performance.now();
  const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', grant.upload_url, ...form, '-F', `file=@${plugin}`]);
  uploads.push(performance.now() - t0);
  clearInterval(sampler);
  if (stdout !== '204') throw new Error(`upload answered ${stdout}`);
  const t1 = performance.now();
  await run('cp', [plugin, path.join(home, `copy-${round}.zip`)]);
  copies.push(performance.now() - t1);
}
const hwm = kib(server.pid!, 'VmHWM');
server.kill('SIGTERM');
const rate = (ms: number) => (SIZE_MB * 1.048576) / (ms / 1000);
const upload = rate(median(uploads));
const cp = rate(median(copies));
console.log(`\nMachine: ${machine()}; date ${new Date().toISOString().slice(0, 10)}`);
console.log(`| what | median of ${ROUNDS} | MB/s | vs. cp |`);
console.log('|---|---|---|---|');
console.log(`| baseline: cp of the ${SIZE_MB} MiB file on the same disk | ${(median(copies) / 1000).toFixed(2)} s | ${cp.toFixed(0)} | 1.00 |`);
console.log(`| curl -F file=@… to the upload target (204) | ${(median(uploads) / 1000).toFixed(2)} s | ${upload.toFixed(0)} | ${(upload / cp).toFixed(2)} |`);
console.log(`Control plane RSS: idle ${mib(idle)} MiB, peak while uploading ${mib(peak)} MiB (sampled every 20 ms), VmHWM ${mib(hwm)} MiB.`);
fs.rmSync(home, { recursive: true, force: true });
