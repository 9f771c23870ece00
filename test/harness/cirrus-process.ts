// Cirrus as a user runs it: `node scripts/start.mjs` (what `npm start` runs) in a child process
// with its own home and ports.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readBootstrapFile, type BootstrapInfo } from '../../src/services/bootstrap.ts';
import type { Config } from '../../src/config.ts';

export interface CirrusProcess {
  child: ChildProcess;
  output: () => string;
  bootstrap: BootstrapInfo;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The environment and node flags of package.json's `start` script
 * (`[NAME=value …] node <flags> scripts/start.mjs`), so that the child runs with what `npm start`
 * gives it: MALLOC_ARENA_MAX and --max-semi-space-size (idle RSS, issue 13).
 */
function npmStartCommand(root: string): { env: Record<string, string>; nodeFlags: string[] } {
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = start.split(/\s+/);
  const node = words.indexOf('node');
  const assignments = words.slice(0, Math.max(node, 0)).map((word) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word));
  if (node < 0 || assignments.some((m) => !m) || words.at(-1) !== 'scripts/start.mjs') throw new Error(`unexpected start script: ${start}`);
  return { env: Object.fromEntries(assignments.map((m) => [m![1]!, m![2]!])), nodeFlags: words.slice(node + 1, -1) };
}

export function cirrusEnv(config: Config): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CIRRUS_HOME: config.home,
    CIRRUS_PORT: String(config.port),
    CIRRUS_BROKER_PORT: String(config.broker.port),
    CIRRUS_CONTROLLER_PORT: String(config.broker.controllerPort),
    CIRRUS_CONNECT_PORT: String(config.connect.port),
    CIRRUS_BROKER_HEAP: config.broker.heap,
    CIRRUS_CONNECT_HEAP: config.connect.heap,
  };
}

export interface StartOptions {
  timeoutMs?: number;
  extraEnv?: NodeJS.ProcessEnv;
  /** Runs as soon as bootstrap.json appears, before Cirrus says it is ready: a user in a hurry. */
  onBootstrap?: (bootstrap: BootstrapInfo) => Promise<void>;
  /** Flags for node itself (benchmarks: --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

export async function startCirrus(config: Config, options: StartOptions = {}): Promise<CirrusProcess> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const root = path.resolve(import.meta.dirname, '..', '..');
  const npmStart = npmStartCommand(root);
  const child = spawn(process.execPath, [...npmStart.nodeFlags, ...(options.nodeArgs ?? []), path.join(root, 'scripts', 'start.mjs')], {
    cwd: root, env: { ...cirrusEnv(config), ...npmStart.env, ...options.extraEnv }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let early: Promise<void> | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Cirrus was not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = setInterval(() => {
      const info = !early && options.onBootstrap ? readBootstrapFile(config.home) : undefined;
      if (info) early = options.onBootstrap!(info);
      if (output.includes('Cirrus is ready')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`Cirrus exited with ${code} before it was ready:\n${output}`));
    });
  });
  await early;
  const bootstrap = readBootstrapFile(config.home)!;
  return {
    child,
    output: () => output,
    bootstrap,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
