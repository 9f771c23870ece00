// moto's S3 server (PyPI) for the S3 object store's tests: a pinned copy in a virtualenv the
// project owns (installed as test/harness/schemathesis.ts installs schemathesis), started on a
// free loopback port by the test that needs it and stopped after. Why moto: it serves S3's REST
// API, browser-form POST included, in one process with no account, so the AWS SDK and curl talk
// to it exactly as to S3.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './ports.ts';

export const MOTO_VERSION = '5.2.5';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const VENV = path.join(ROOT, '.cache', 'cirrus-moto', `moto-${MOTO_VERSION}`);
const STAMP = path.join(VENV, 'cirrus-installed');
const REQUIREMENTS = path.join(ROOT, 'test', 's3', 'requirements.txt');
const MISSING_PYTHON = 'The S3 tests need Python 3 with venv and pip (Debian: apt-get install python3 python3-venv python3-pip; .ci/run installs them when missing).';

function step(command: string, args: string[], what: string): void {
  console.log(`[moto] ${what}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error || result.status !== 0) throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`}). ${MISSING_PYTHON}`);
}

/** moto_server, installed on first use and reused while test/s3/requirements.txt is unchanged. */
export function ensureMoto(): string {
  const bin = path.join(VENV, 'bin', 'moto_server');
  const requirements = fs.readFileSync(REQUIREMENTS, 'utf8');
  if (!requirements.includes(`moto[server]==${MOTO_VERSION}\n`)) throw new Error(`${REQUIREMENTS} does not pin moto[server]==${MOTO_VERSION}`);
  const wanted = createHash('sha256').update(requirements).digest('hex');
  if (fs.existsSync(bin) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === wanted) return bin;
  fs.rmSync(VENV, { recursive: true, force: true });
  step('python3', ['-m', 'venv', VENV], 'creating the virtualenv');
  step(path.join(VENV, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', '-r', REQUIREMENTS], 'installing moto');
  fs.writeFileSync(STAMP, `${wanted}\n`);
  return bin;
}

export interface MotoServer {
  url: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<MotoServer> {
  const bin = ensureMoto();
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => { log = (log + chunk.toString()).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${log}`);
    if (await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${url} within 30 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
