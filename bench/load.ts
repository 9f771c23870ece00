// HTTP load from a child process (autocannon), so the load generator never shares the event
// loop of servers running in the benchmark's own process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));

export interface Cannon {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** `body` with `idReplacement`: autocannon puts a fresh random id for each `[<id>]` in it, per request. */
export interface LoadRequest {
  method?: string;
  body?: string;
  idReplacement?: boolean;
}

export function load(url: string, connections: number, durationSeconds: number, headers: Record<string, string> = {}, request: LoadRequest = {}): Promise<Cannon> {
  const args = [AUTOCANNON, '-c', String(connections), '-d', String(durationSeconds), '-j'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  if (request.method) args.push('-m', request.method);
  if (request.body !== undefined) args.push('-b', request.body);
  if (request.idReplacement) args.push('-I');
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      try {
        resolve(JSON.parse(out) as Cannon);
      } catch {
        reject(new Error(`autocannon printed no JSON: ${out}${err}`));
      }
    });
  });
}

export const failures = (c: Cannon) => c.non2xx + c.errors + c.timeouts;
