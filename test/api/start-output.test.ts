// What `npm start` prints (issue 7.12): the secrets only on the start that created them, and the
// master key never from the command line. The server runs as a user runs it (scripts/start.mjs
// in a child process) with the embedded data plane off, so no JVM starts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { BootstrapInfo } from '../../src/services/bootstrap.ts';
import { freePort } from '../harness/ports.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// The child sees only the settings given here, not the developer's CIRRUS_* variables.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CIRRUS_')));

/** Starts Cirrus, waits for "ready" (or its exit), stops it with SIGTERM; returns what it printed. */
function startAndStop(home: string, port: number, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const env = { ...ENV, CIRRUS_HOME: home, CIRRUS_PORT: String(port), CIRRUS_EMBEDDED: 'false', CIRRUS_LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (d: Buffer) => {
    output += d.toString();
    if (output.includes('Stop with Ctrl-C.')) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => child.once('exit', (code) => {
    clearTimeout(timer);
    resolve({ code, output });
  }));
}

describe('npm start output', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-start-'));
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  it('issue 7.12: prints the secrets on the start that created them only', async () => {
    const port = await freePort();
    const first = await startAndStop(home, port);
    assert.equal(first.code, 0, first.output);
    const info = JSON.parse(fs.readFileSync(path.join(home, 'bootstrap.json'), 'utf8')) as BootstrapInfo;
    assert.ok(first.output.includes(info.cloud_api_secret), 'the creating start shows the cloud secret');
    assert.ok(first.output.includes(info.kafka_api_secret), 'and the Kafka secret');

    const second = await startAndStop(home, port);
    assert.equal(second.code, 0, second.output);
    assert.match(second.output, /Cirrus is ready at/);
    for (const id of [info.environment_id, info.kafka_cluster_id, info.cloud_api_key, info.kafka_api_key]) {
      assert.ok(second.output.includes(id), `a later start still shows ${id}`);
    }
    assert.equal(second.output.includes(info.cloud_api_secret), false, 'a later start never shows the cloud secret');
    assert.equal(second.output.includes(info.kafka_api_secret), false, 'nor the Kafka secret');
    assert.ok(second.output.includes('npm run cli -- bootstrap --show-secrets'), 'and says how to see them');
  });

  it('issue 7.12: refuses --master-key, visible to anyone in ps, before creating anything', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-start-'));
    try {
      const run = await startAndStop(fresh, await freePort(), ['--master-key', Buffer.alloc(32).toString('base64')]);
      assert.equal(run.code, 2, run.output);
      assert.match(run.output, /--master-key is not accepted: .*CIRRUS_MASTER_KEY.*--master-key-file/);
      assert.deepEqual(fs.readdirSync(fresh), []);
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});
