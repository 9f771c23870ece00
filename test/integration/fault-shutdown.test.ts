// Issue 7 #1: a fault nobody caught (an unhandled rejection) must not leave brokers and pools
// running without their supervisor. Cirrus logs it and stops in order, pools then brokers.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { canConnect } from '../../src/supervisor/broker.ts';
import { cirrusEnv } from '../harness/cirrus-process.ts';
import { tempHome, testConfig } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

describe('a fault nobody caught', () => {
  it('stops every JVM and exits 1 instead of leaving them behind', async () => {
    const config = await testConfig(await tempHome('fault'));
    const root = path.resolve(import.meta.dirname, '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/fixtures/fault-when-ready.mjs', 'src/main.ts'], {
      cwd: root, env: cirrusEnv(config), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const runDir = path.join(config.home, 'run');
    const pids = await eventually('a broker and a pool running', async () => {
      const files = fs.existsSync(runDir) ? fs.readdirSync(runDir) : [];
      return files.length === 2 ? files.map((f) => Number(fs.readFileSync(path.join(runDir, f), 'utf8'))) : undefined;
    }, { timeoutMs: 180_000 });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1, output);
    assert.match(output, /unhandled rejection: injected fault for the test/);
    assert.match(output, /Cirrus stopped/);
    for (const pid of pids) assert.equal(fs.existsSync(`/proc/${pid}`), false, `JVM ${pid} is gone`);
    for (const port of [config.broker.port, config.broker.controllerPort, config.connect.port]) assert.equal(await canConnect(port), false, `nothing listens on ${port}`);
  });
});
