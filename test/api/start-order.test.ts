// npm start spawns the JVMs before its API listens when the JVM runtime is installed (issue 13:
// the routes compile while the broker boots). On a first start Maven installs that runtime for
// minutes; the API must answer meanwhile, as it always did (Maven here is a stand-in that never
// finishes, so no JVM starts, and which a stop must end). And before anything, it claims its home: a second start on it
// stops there. The server runs as a user runs it (scripts/start.mjs).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { readBootstrapFile } from '../../src/services/bootstrap.ts';
import { freePort } from '../harness/ports.ts';
import { eventually } from '../harness/wait.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `node scripts/start.mjs` with only the CIRRUS_* settings given (not the developer's); killed after the test. */
function npmStart(t: TestContext, settings: NodeJS.ProcessEnv) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CIRRUS_')));
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, CIRRUS_LOG_LEVEL: 'warn', ...settings } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  t.after(() => child.kill('SIGKILL'));
  return { child, output: () => output, exited: new Promise<number | null>((resolve) => child.once('exit', resolve)) };
}

describe('npm start: what comes first', () => {
  it('answers and writes bootstrap.json before the runtime is there', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-start-order-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const home = path.join(dir, 'home');
    const jvmDir = path.join(dir, 'jvm');
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(jvmDir);
    fs.writeFileSync(path.join(jvmDir, 'pom.xml'), '<project/>');
    fs.mkdirSync(bin);
    const mvnPid = path.join(dir, 'mvn.pid');
    fs.writeFileSync(path.join(bin, 'mvn'), `#!/bin/sh\necho $$ > ${mvnPid}\necho "Downloading everything"\nexec sleep 30\n`, { mode: 0o755 });
    const port = await freePort();
    const cirrus = npmStart(t, {
      PATH: `${bin}:${process.env.PATH}`, CIRRUS_HOME: home, CIRRUS_PORT: String(port), CIRRUS_JVM_DIR: jvmDir,
      CIRRUS_BROKER_PORT: String(await freePort()), CIRRUS_CONTROLLER_PORT: String(await freePort()), CIRRUS_CONNECT_PORT: String(await freePort()),
    });

    await eventually('Maven running', async () => cirrus.output().includes('[maven] Downloading everything'), { timeoutMs: 60_000, intervalMs: 50 });
    const info = await eventually('bootstrap.json', async () => readBootstrapFile(home), { timeoutMs: 30_000, intervalMs: 50 });
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(health.status, 503, 'answers, not ready');
    const auth = `Basic ${Buffer.from(`${info.cloud_api_key}:${info.cloud_api_secret}`).toString('base64')}`;
    const list = await fetch(`${info.endpoint}/connect/v1/environments/${info.environment_id}/clusters/${info.kafka_cluster_id}/connectors`, { headers: { authorization: auth } });
    assert.equal(list.status, 200, await list.text());
    cirrus.child.kill('SIGTERM');
    assert.equal(await cirrus.exited, 0, cirrus.output());
    assert.doesNotMatch(cirrus.output(), /failed to start/);
    // Maven is a JVM: it must not outlive the control plane.
    const maven = Number(fs.readFileSync(mvnPid, 'utf8'));
    await eventually('Maven ended with the control plane', async () => !alive(maven), { timeoutMs: 10_000, intervalMs: 50 });
  });

  it('refuses a second npm start on a home in use, and leaves the first running', async (t) => {
    // Embedded, the second would take the first one's JVMs for leftovers and kill them before
    // it found the API port taken; here (no data plane) it would simply run beside it.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-start-twice-'));
    t.after(() => fs.rmSync(home, { recursive: true, force: true }));
    const start = async () => npmStart(t, { CIRRUS_HOME: home, CIRRUS_PORT: String(await freePort()), CIRRUS_EMBEDDED: 'false' });
    const first = await start();
    await eventually('the first ready', async () => first.output().includes('Cirrus is ready'), { timeoutMs: 60_000, intervalMs: 50 });
    const second = await start();
    await eventually('the second start to stop or be ready', async () => second.child.exitCode !== null || second.output().includes('Cirrus is ready'), { timeoutMs: 60_000, intervalMs: 50 });
    assert.equal(second.child.exitCode, 2, second.output());
    assert.match(second.output(), new RegExp(`is in use by another Cirrus \\(pid ${first.child.pid}\\)`));
    const info = readBootstrapFile(home)!;
    assert.equal((await fetch(`${info.endpoint}/health`)).status, 200, 'the first still answers');
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0, first.output());
    assert.equal(fs.existsSync(path.join(home, 'control-plane.pid')), false, 'released on a clean stop');
  });
});
