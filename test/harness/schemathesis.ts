// Schemathesis (PyPI) for the spec fuzz: a pinned copy in a virtualenv the project owns, one run of
// one published spec against a listening Cirrus, and its NDJSON report read back into findings.
// Why schemathesis: it turns an OpenAPI 3.0 document into property-based requests (examples,
// boundary/negative coverage, random fuzzing, stateful chains) and checks every answer against the
// same document, which is exactly the proof issue 7 asks for; no Node tool does all of that.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Per checkout, ignored by git (.cache/): node_modules may be shared between checkouts. */
export const VENV = path.join(ROOT, '.cache', 'cirrus-fuzz', `schemathesis-${SCHEMATHESIS_VERSION}`);
const STAMP = path.join(VENV, 'cirrus-installed');
export const FUZZ_DIR = path.join(ROOT, 'test', 'fuzz');
/** schemathesis and everything it pulls in, at exact versions: one seed, the same requests everywhere. */
const REQUIREMENTS = path.join(FUZZ_DIR, 'requirements.txt');

const MISSING_PYTHON = 'The spec fuzz needs Python 3 with venv and pip (Debian: apt-get install python3 python3-venv python3-pip; .ci/run installs them when missing).';

function step(command: string, args: string[], what: string): void {
  console.log(`[fuzz] ${what}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new Error(`${what} failed: ${result.error.message}. ${MISSING_PYTHON}`);
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status ?? result.signal}). ${MISSING_PYTHON}`);
}

/** The schemathesis executable, installed on first use (about 10 s from PyPI) and reused while
 * test/fuzz/requirements.txt is unchanged. */
export function ensureSchemathesis(): string {
  const bin = path.join(VENV, 'bin', 'schemathesis');
  const requirements = fs.readFileSync(REQUIREMENTS, 'utf8');
  if (!requirements.includes(`schemathesis==${SCHEMATHESIS_VERSION}\n`)) throw new Error(`${REQUIREMENTS} does not pin schemathesis==${SCHEMATHESIS_VERSION}`);
  const wanted = createHash('sha256').update(requirements).digest('hex');
  if (fs.existsSync(bin) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === wanted) {
    console.log(`[fuzz] reusing schemathesis ${SCHEMATHESIS_VERSION} from ${path.relative(ROOT, VENV)}`);
    return bin;
  }
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python.error || python.status !== 0) throw new Error(`python3 is not available (${python.error?.message ?? python.stderr.trim()}). ${MISSING_PYTHON}`);
  console.log(`[fuzz] installing schemathesis ${SCHEMATHESIS_VERSION} into ${path.relative(ROOT, VENV)} (${python.stdout.trim()})`);
  fs.rmSync(VENV, { recursive: true, force: true });
  step('python3', ['-m', 'venv', VENV], 'creating the virtualenv');
  step(path.join(VENV, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', '-r', REQUIREMENTS], 'installing schemathesis');
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (!version.stdout?.includes(SCHEMATHESIS_VERSION)) throw new Error(`schemathesis did not install as ${SCHEMATHESIS_VERSION}: ${version.stdout ?? ''}${version.stderr ?? ''}`);
  fs.writeFileSync(STAMP, `${wanted}\n`);
  return bin;
}

export interface FuzzRun {
  exitCode: number | null;
  timedOut: boolean;
  log: string;
  report: string;
  findings: Finding[];
  /** Responses by operation ("POST /path") and status. */
  statuses: Map<string, Map<number, number>>;
}

export interface Finding {
  operation: string;
  code: string;
  title: string;
  message: string;
  request: string;
  response: string;
}

export interface FuzzOptions {
  bin: string;
  spec: string;
  url: string;
  workDir: string;
  env: Record<string, string>;
  maxExamples: number;
  seed: string;
  timeoutMs: number;
}

/** Runs schemathesis on one spec (the config and hooks of test/fuzz/), its files kept in workDir. */
export async function runSchemathesis(o: FuzzOptions): Promise<FuzzRun> {
  const name = path.basename(o.spec, '.yaml');
  const log = path.join(o.workDir, `${name}.log`);
  const report = path.join(o.workDir, `${name}.ndjson`);
  const args = [
    '--config-file', path.join(FUZZ_DIR, 'schemathesis.toml'), 'run', o.spec, '--url', o.url,
    '--max-examples', String(o.maxExamples), '--seed', o.seed, '--no-color',
    '--report', 'ndjson', '--report-ndjson-path', report,
  ];
  const out = fs.openSync(log, 'w');
  // cwd is the work dir: schemathesis keeps nothing else, but any stray file lands there, not in the repo.
  const child = spawn(o.bin, args, {
    cwd: o.workDir, stdio: ['ignore', out, out],
    env: { ...process.env, ...o.env, CIRRUS_FUZZ_HOOKS: path.join(FUZZ_DIR, 'hooks.py'), PYTHONDONTWRITEBYTECODE: '1' },
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, o.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearTimeout(timer);
  fs.closeSync(out);
  const { findings, statuses } = fs.existsSync(report) ? readReport(report) : { findings: [], statuses: new Map() };
  return { exitCode, timedOut, log, report, findings, statuses };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? v as Obj : {});

function decode(content: unknown, limit = 600): string {
  const c = obj(content);
  const text = typeof c.$base64 === 'string' ? Buffer.from(c.$base64, 'base64').toString('utf8') : typeof c.string === 'string' ? c.string : '';
  return text.length > limit ? `${text.slice(0, limit)}…(${text.length} bytes)` : text;
}

function header(headers: unknown, name: string): string {
  const entry = Object.entries(obj(headers)).find(([k]) => k.toLowerCase() === name);
  return Array.isArray(entry?.[1]) ? entry[1].join(', ') : '';
}

/** Every failed check of the run, with the request and response that failed it. */
export function readReport(file: string): { findings: Finding[]; statuses: Map<string, Map<number, number>> } {
  const findings: Finding[] = [];
  const statuses = new Map<string, Map<number, number>>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const scenario = obj(obj(JSON.parse(line)).ScenarioFinished);
    const recorder = obj(scenario.recorder);
    const cases = obj(recorder.cases);
    for (const [id, interaction] of Object.entries(obj(recorder.interactions))) {
      const request = obj(obj(interaction).request);
      const response = obj(obj(interaction).response);
      const value = obj(obj(cases[id]).value);
      const operation = `${String(value.method)} ${String(value.path)}`;
      if (typeof response.status_code === 'number') {
        const byStatus = statuses.get(operation) ?? new Map<number, number>();
        byStatus.set(response.status_code, (byStatus.get(response.status_code) ?? 0) + 1);
        statuses.set(operation, byStatus);
      }
      const checks = obj(recorder.checks)[id];
      for (const check of Array.isArray(checks) ? checks : []) {
        if (obj(check).status !== 'failure') continue;
        const failure = obj(obj(obj(check).failure_info).failure);
        const body = decode(request.body);
        findings.push({
          operation, code: String(failure.code), title: String(failure.title), message: String(failure.message),
          request: `${String(request.method)} ${String(request.uri)}${body ? ` body ${body}` : ''}`,
          response: response.status_code === undefined ? 'no response'
            : `${String(response.status_code)} [${header(response.headers, 'content-type') || 'no content-type'}] ${decode(response.content)}`,
        });
      }
    }
  }
  return { findings, statuses };
}

/** The findings grouped by operation and check, with a few requests each, for a failure message. */
export function describeFindings(findings: Finding[], examplesPerGroup = 2): string {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.operation}: ${f.code} ${f.title}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const lines: string[] = [];
  for (const [key, group] of groups) {
    lines.push(`- ${key} (${group.length} case${group.length === 1 ? '' : 's'})`);
    // The shortest requests first: they are the easiest to read and to replay.
    for (const f of [...group].sort((a, b) => a.request.length - b.request.length).slice(0, examplesPerGroup)) {
      const message = f.message.replace(/\s*\n\s*/g, ' | ');
      lines.push(`    ${message.length > 300 ? `${message.slice(0, 300)}…` : message}`, `    request:  ${f.request}`, `    response: ${f.response}`);
    }
  }
  return lines.join('\n');
}
