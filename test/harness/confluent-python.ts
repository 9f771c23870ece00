// Confluent's Python client (confluent-kafka from PyPI, test/fixtures/schema-registry/
// requirements.txt) in a virtualenv under the repo's .cache, made once and reused while the
// requirements stay the same: the tests that check Cirrus against a client it did not write.
// Needs python3 with venv and pip (.ci/run installs them).
import { createHash } from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SCHEMA_REGISTRY_FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'schema-registry');
const VENV = path.resolve(import.meta.dirname, '..', '..', '.cache', 'confluent-kafka-venv');

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`}); these tests need python3 with venv and pip:\n${result.stderr ?? ''}`.slice(0, 4000));
  }
}

/** The venv's python, with the pinned client installed. */
export function confluentPython(): string {
  const requirements = path.join(SCHEMA_REGISTRY_FIXTURES, 'requirements.txt');
  const stamp = createHash('sha256').update(fs.readFileSync(requirements)).digest('hex');
  const python = path.join(VENV, 'bin', 'python');
  const stampFile = path.join(VENV, '.requirements-sha256');
  if (fs.existsSync(python) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return python;
  fs.rmSync(VENV, { recursive: true, force: true });
  run('python3', ['-m', 'venv', VENV], 'creating a virtualenv');
  run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', '-q', '-r', requirements], 'installing confluent-kafka');
  fs.writeFileSync(stampFile, stamp);
  return python;
}

/** Runs a fixture script with `args`, `input` as JSON on stdin; its stdout parsed as JSON. */
export function runConfluentScript(script: string, args: string[], input?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = execFile(confluentPython(), [path.join(SCHEMA_REGISTRY_FIXTURES, script), ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${script}: ${err.message}\n${stderr}`.slice(0, 4000)));
      else resolve(JSON.parse(stdout));
    });
    child.stdin!.end(input === undefined ? '' : JSON.stringify(input));
  });
}
