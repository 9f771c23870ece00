// Running a command line tool from the harness (psql, pg_ctl, mvn, java): its output on success,
// an error that names the command and shows what it printed on failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the command's standard input, which is then closed. */
  input?: string;
  /** Each line of output as it comes (progress of a long build); the result still holds it all. */
  onLine?: (line: string) => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const relay = (chunk: string) => {
      if (options.onLine) for (const line of chunk.split('\n')) if (line.trim()) options.onLine(line);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; relay(chunk); });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; relay(chunk); });
    child.on('error', (err) => reject(new Error(`cannot run ${command}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve({ stdout, stderr });
      const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
    // A command that ends before reading its input (a client that cannot connect yet, polled
    // while its server starts) makes the write fail with EPIPE. Unheard, that 'error' was an
    // uncaught exception that failed whichever test ran then (CI, catalog-cdc); the exit code
    // already says how the command ended.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A throwaway server's failure to start, with the end of its own log (what says why). */
export function startFailure(err: unknown, logFile: string, label: string): Error {
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
  return new Error(`${(err as Error).message}${log ? `\n--- ${label} ---\n${log}` : ''}`);
}
