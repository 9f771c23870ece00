// A start that cannot succeed fails fast, says why, and leaves nothing running.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cirrusEnv } from '../harness/cirrus-process.ts';
import { tempHome, testConfig } from '../harness/stack.ts';
import { spawnSync } from 'node:child_process';

describe('a start that cannot succeed', () => {
  it('refuses a broker port held by someone else, naming the setting, and starts no JVM', async () => {
    const config = await testConfig(await tempHome('port-taken'));
    const squatter = net.createServer().listen(config.broker.port, '127.0.0.1');
    await new Promise((r) => squatter.once('listening', r));
    try {
      const root = path.resolve(import.meta.dirname, '..', '..');
      const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { cwd: root, env: cirrusEnv(config), encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stderr, new RegExp(`port ${config.broker.port} \\(CIRRUS_BROKER_PORT\\) is already in use`));
      assert.deepEqual(fs.readdirSync(path.join(config.home, 'run')), [], 'no JVM was started');
      assert.match(run.stdout, /Cirrus stopped/);
    } finally {
      squatter.close();
    }
  });
});
