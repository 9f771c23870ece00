// The machine a benchmark ran on, for RESULTS.md.
import { execSync } from 'node:child_process';
import os from 'node:os';

export function machine(): string {
  const java = execSync('java -version 2>&1').toString().split('\n')[0]!.trim();
  return `${os.cpus().length} × ${os.cpus()[0]!.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, ${java}`;
}

export function rssMiB(pid: number): number {
  const status = execSync(`cat /proc/${pid}/status`).toString();
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

export const seconds = (ms: number) => (ms / 1000).toFixed(1);
