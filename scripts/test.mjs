// `npm test`: installs what is missing, then runs every check a change must pass:
// typecheck, lint, the Java tests (Maven), then unit, api, integration and browser tests (node:test).
// Integration tests share one real broker + Connect pool, started here once.
// `npm test -- test/unit` (or any files/folders) runs just those node tests.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureNodeModules, ROOT } from './setup.mjs';

ensureNodeModules();
const only = process.argv.slice(2);
// Every temporary home, store and log of this run lives under one folder, removed at the end.
const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-run-'));
process.env.TMPDIR = runTmp;
process.on('exit', () => fs.rmSync(runTmp, { recursive: true, force: true }));
const step = (title) => console.log(`\n=== ${title} ===`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function testFiles(roots) {
  const out = [];
  const walk = (p) => {
    if (fs.statSync(p).isDirectory()) for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
    else if (p.endsWith('.test.ts')) out.push(path.relative(ROOT, p));
  };
  for (const root of roots) walk(path.resolve(ROOT, root));
  return out;
}

// Browser tests last: they drive the whole console on the real engine, the slowest checks.
const files = testFiles(only.length ? only : ['test/unit', 'test/api', 'test/integration', 'test/browser']);
const needsStack = files.some((f) => f.startsWith(`test${path.sep}integration`) || f.startsWith(`test${path.sep}browser`));

step('Web console (esbuild, skipped when current)');
const { ensureWebBuild } = await import('./build-web.mjs');
await ensureWebBuild();

step('JVM runtime (Maven, skipped when current)');
run(process.execPath, ['--import', 'tsx', 'scripts/install-jvm.ts']);

// The shared stack boots while the static checks run.
let stack;
const stackFile = path.join(runTmp, 'stack.json');
if (needsStack) {
  step('Starting the shared Kafka + Connect stack for integration tests');
  stack = spawn(process.execPath, ['--import', 'tsx', 'test/harness/shared-stack-server.ts', stackFile], { cwd: ROOT, stdio: 'inherit' });
}
const stopStack = () => new Promise((resolve) => {
  if (!stack || stack.exitCode !== null) return resolve();
  stack.once('exit', resolve);
  stack.kill('SIGTERM');
});
process.on('SIGINT', () => void stopStack().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopStack().then(() => process.exit(143)));

if (!only.length) {
  step('Typecheck');
  run('npx', ['tsc', '--noEmit', '-p', '.']);
  run('npx', ['tsc', '--noEmit', '-p', 'web']);
  step('Lint');
  run('npx', ['eslint', 'src', 'test', 'scripts', 'bench', 'web']);
  step('Java tests (Maven)');
  run('mvn', ['-B', '-ntp', '-f', 'jvm/pom.xml', '-pl', 'datagen,egress,http-sink,s3-sink,schema-converters,metrics-reporter', 'test']);
}

if (needsStack) await waitFor(() => fs.existsSync(stackFile), 'the shared stack', 600_000);
step(`Node tests (${files.length} files)`);
const node = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=900000', '--test-reporter=spec', ...files,
], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CIRRUS_TEST_STACK: needsStack ? stackFile : '' } });
await stopStack();
process.exit(node.status ?? 1);

async function waitFor(condition, what, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (stack && stack.exitCode !== null) {
      console.error(`The shared stack exited (${stack.exitCode}) before ${what} was ready.`);
      process.exit(1);
    }
    if (Date.now() > deadline) {
      console.error(`Timed out waiting for ${what}.`);
      await stopStack();
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
