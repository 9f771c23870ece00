// What the logs of a Cirrus home say, for benches: lines at WARN or above (Cirrus' own and each
// Connect pool's), and how long a pool's worker spent scanning its plugins at start.
import fs from 'node:fs';
import path from 'node:path';

/** Distinct WARN-or-above messages with their counts; ids and numbers blanked so repeats group. */
export function logFindings(home: string, managedPoolId: string): string[] {
  const logs = path.join(home, 'logs');
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const line of fs.readFileSync(path.join(logs, 'control-plane.log'), 'utf8').split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { level: number; msg: string };
    if (entry.level >= 40) count(`control plane, level ${entry.level}: ${entry.msg}`);
  }
  for (const file of fs.readdirSync(logs).filter((f) => /^connect-.*\.log$/.test(f))) {
    const pool = file === `connect-${managedPoolId}.log` ? 'managed pool' : 'custom pools';
    for (const line of fs.readFileSync(path.join(logs, file), 'utf8').split('\n')) {
      const m = /^\[[^\]]+\] (WARN|ERROR) (.{0,140})/.exec(line);
      if (m) count(`${pool}, ${m[1]}: ${m[2]!.replace(/\b(pool|ccp|lcc)-[a-z0-9]+/g, '$1-…').replace(/[0-9]+/g, 'N')}`);
    }
  }
  if (counts.size === 0) return ['Log lines at WARN or above: none.'];
  return ['Log lines at WARN or above (count × message):', ...[...counts].map(([k, n]) => `  ${n} × ${k}`)];
}

/**
 * The worker's own "Scanning plugins with <Scanner> took N ms" lines (Kafka's PluginScanner),
 * summed per scanner: service_load runs the ServiceLoaderScanner, hybrid_warn both scanners.
 */
export function scanTimes(home: string, poolId: string): Record<string, number> {
  const text = fs.readFileSync(path.join(home, 'logs', `connect-${poolId}.log`), 'utf8');
  const times: Record<string, number> = {};
  for (const [, scanner, ms] of text.matchAll(/Scanning plugins with (\w+) took (\d+) ms/g)) times[scanner!] = (times[scanner!] ?? 0) + Number(ms);
  return times;
}
