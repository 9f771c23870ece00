// The supervisor's own rules on real child processes (a tiny node script instead of a JVM):
// a start whose preparation fails is retried with backoff (issue 7 #3), a command that cannot
// run is reported, and leftovers are matched by their exact home.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import pino from 'pino';
import { homeMarker, killLeftover, SupervisedProcess, type ProcessSpec } from '../../src/supervisor/supervised-process.ts';
import { eventually } from '../harness/wait.ts';

const policy = { stopGraceMs: 2000, restartBackoffMs: 20, restartBackoffMaxMs: 100 };
const log = pino({ level: 'silent' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-supervised-'));
const sleeper = ['-e', 'setInterval(() => {}, 1000)'];

function spec(name: string, overrides: Partial<ProcessSpec> = {}): ProcessSpec {
  return {
    name, command: process.execPath, args: sleeper, logFile: path.join(dir, `${name}.log`), pidFile: path.join(dir, `${name}.pid`),
    probe: async () => true, ...overrides,
  };
}

describe('supervised process', () => {
  it('retries a start whose preparation fails, with backoff, until it runs (issue 7 #3)', async () => {
    let prepared = 0;
    const p = new SupervisedProcess(spec('flaky-prepare', {
      prepare: async () => {
        prepared += 1;
        if (prepared <= 3) throw new Error(`storage not ready (${prepared})`);
      },
    }), policy, log);
    await p.start();
    assert.equal(p.state, 'restarting', 'a failed preparation is not left "starting" for ever');
    assert.match(p.lastError ?? '', /storage not ready/);
    await eventually('ready after three failed preparations', async () => p.state === 'ready', { timeoutMs: 10_000, intervalMs: 50 });
    assert.equal(prepared, 4);
    assert.equal(p.restarts, 3);
    assert.equal(p.lastError, undefined);
    await p.stop();
    assert.equal(p.state, 'stopped');
  });

  it('also retries a preparation that fails during a restart after a crash', async () => {
    let failing = false;
    let prepared = 0;
    const p = new SupervisedProcess(spec('crash-then-flaky', {
      prepare: async () => {
        prepared += 1;
        if (failing && prepared < 5) throw new Error('disk busy');
      },
    }), policy, log);
    await p.start();
    await eventually('ready', async () => p.state === 'ready', { timeoutMs: 10_000, intervalMs: 50 });
    failing = true;
    process.kill(p.pid!, 'SIGKILL');
    await eventually('ready again', async () => p.state === 'ready' && prepared >= 5, { timeoutMs: 10_000, intervalMs: 50 });
    await p.stop();
  });

  it('says when it becomes ready, once per start and again after a recovery, so that what waits on it starts at once', async () => {
    let told = 0;
    const p = new SupervisedProcess(spec('tells-ready'), policy, log, () => { told += 1; });
    await p.start();
    await eventually('ready', async () => p.state === 'ready', { timeoutMs: 10_000, intervalMs: 20 });
    assert.equal(told, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(told, 1, 'later probes that pass are not news');
    process.kill(p.pid!, 'SIGKILL');
    await eventually('ready again after the crash', async () => told === 2, { timeoutMs: 10_000, intervalMs: 20 });
    await p.stop();
  });

  it('probes a starting process often, so that it is seen ready soon after it serves', async () => {
    // Eight failed probes at the steady once-a-second pace would take eight seconds.
    let probes = 0;
    const p = new SupervisedProcess(spec('slow-to-serve', { probe: async () => ++probes > 8 }), policy, log);
    const started = Date.now();
    await p.start();
    await eventually('ready', async () => p.state === 'ready', { timeoutMs: 20_000, intervalMs: 20 });
    assert.ok(Date.now() - started < 4_000, `ready after ${Date.now() - started} ms and ${probes} probes`);
    await p.stop();
  });

  it('reports a command that cannot run instead of hanging in "starting"', async () => {
    const p = new SupervisedProcess(spec('no-such-command', { command: path.join(dir, 'no-java-here') }), policy, log);
    await p.start();
    await eventually('restarting with the reason', async () => p.state === 'restarting' && /cannot run/.test(p.lastError ?? ''), { timeoutMs: 5000, intervalMs: 20 });
    await p.stop();
    assert.equal(p.state, 'stopped');
  });

  it('kills a leftover of this home only: /x/cirrus does not claim the JVMs of /x/cirrus2', async () => {
    const home = path.join(dir, 'cirrus');
    const other = spawn(process.execPath, [...sleeper, '--', homeMarker(`${home}2`)], { detached: true, stdio: 'ignore' });
    const mine = spawn(process.execPath, [...sleeper, '--', homeMarker(home)], { detached: true, stdio: 'ignore' });
    const pidFile = (name: string, pid: number) => {
      const file = path.join(dir, `${name}.pid`);
      fs.writeFileSync(file, String(pid));
      return file;
    };
    try {
      assert.equal(await killLeftover(pidFile('other', other.pid!), home), false);
      assert.equal(fs.existsSync(`/proc/${other.pid}`), true, 'the other home\'s process lives on');
      assert.equal(await killLeftover(pidFile('mine', mine.pid!), home), true);
      await eventually('mine is gone', async () => !fs.existsSync(`/proc/${mine.pid}`) || fs.readFileSync(`/proc/${mine.pid}/stat`, 'utf8').includes(') Z'));
    } finally {
      other.kill('SIGKILL');
      mine.kill('SIGKILL');
    }
  });
});
