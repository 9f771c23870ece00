// Exactly N GET requests over C keep-alive connections, timed precisely (autocannon's `-a` ends
// on its one-second tick, too coarse for bursts of a few seconds). Run as a child process so the
// load never shares the server's event loop; prints one JSON line.
// Usage: node --import tsx bench/http-burst.ts URL REQUESTS CONNECTIONS [AUTHORIZATION]
import http from 'node:http';

export interface Burst {
  elapsedMs: number;
  statuses: Record<string, number>;
  errors: number;
  p50: number;
  p99: number;
}

async function burst(url: string, requests: number, connections: number, authorization: string | undefined): Promise<Burst> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const one = () => new Promise<void>((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get(url, { agent, headers: authorization ? { authorization } : {} }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1;
        resolve();
      });
    });
    req.on('error', () => {
      errors += 1;
      resolve();
    });
  });
  const worker = async () => {
    while (next < requests) {
      next += 1;
      await one();
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { elapsedMs, statuses, errors, p50: at(0.5), p99: at(0.99) };
}

const [url, requests, connections, authorization] = process.argv.slice(2);
if (!url || !requests || !connections) throw new Error('usage: http-burst.ts URL REQUESTS CONNECTIONS [AUTHORIZATION]');
process.stdout.write(`${JSON.stringify(await burst(url, Number(requests), Number(connections), authorization))}\n`);
