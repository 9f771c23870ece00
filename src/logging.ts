// The control plane's logger: JSON lines to `<home>/logs/control-plane.log` and to stdout.
// Redaction covers credentials and every config map (C14), whatever the log call site.
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'config',
  '*.config',
  '*.*.config',
  'secret',
  '*.secret',
  'cloud_api_secret',
  'kafka_api_secret',
];

/**
 * The level of the one line per answered request (http/request-log.ts), just below info: at the
 * default level it goes to the log file but not to stdout, where every line is a synchronous
 * write to a terminal or pipe — a third of a status read's CPU time in a profile (issue 13).
 */
export const ACCESS_LEVEL = { name: 'access', value: 25 } as const;

export function createLogger(config: Pick<Config, 'home' | 'logLevel'>, toStdout = true): Logger {
  const dir = path.join(config.home, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const chosen = config.logLevel === 'silent' ? Infinity : pino.levels.values[config.logLevel]!;
  // info or more detailed: request lines are kept (in the file), else dropped with the rest.
  const level = chosen <= pino.levels.values.info! ? Math.min(chosen, ACCESS_LEVEL.value) : chosen;
  // Numeric stream levels: pino's multistream takes them as they are (its types list names only).
  const at = (value: number) => value as unknown as pino.Level;
  const streams: pino.StreamEntry[] = [{ level: at(level), stream: pino.destination({ dest: path.join(dir, 'control-plane.log'), sync: false, mkdir: true }) }];
  if (toStdout) streams.push({ level: at(chosen), stream: process.stdout });
  const levelName = level === chosen ? config.logLevel : ACCESS_LEVEL.name;
  return pino(
    { level: levelName, customLevels: { [ACCESS_LEVEL.name]: ACCESS_LEVEL.value }, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'cirrus' } },
    pino.multistream(streams),
  ) as unknown as Logger;
}
