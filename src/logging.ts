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

const BASE = { service: 'cirrus' };

/**
 * Writes one access line (http/request-log.ts) straight to the streams that take the access
 * level, bypassing pino: its redaction walked every line's object against the config-map paths
 * (5 % of a status read's CPU, issue 13). `members` is the line's JSON members after level, time
 * and the base fields, built from fields that are safe to log (never headers or bodies).
 */
export type AccessLineWriter = (members: string) => void;

const accessWriters = new WeakMap<Logger, AccessLineWriter>();

/** The access writer of a logger made by createLogger; undefined for any other logger (tests'). */
export function accessLineWriter(logger: Logger): AccessLineWriter | undefined {
  return accessWriters.get(logger);
}

function accessWriter(streams: pino.StreamEntry[]): AccessLineWriter | undefined {
  const targets = streams.filter((s) => (s.level as unknown as number) <= ACCESS_LEVEL.value).map((s) => s.stream);
  if (targets.length === 0) return undefined;
  const head = `{"level":${ACCESS_LEVEL.value},"time":`;
  const base = JSON.stringify(BASE).slice(1, -1);
  // The lines of one event-loop turn go to the streams in one write: under load a turn answers
  // several requests, and each write into the file's SonicBoom measured its whole pending buffer
  // again (issue 13). At most one turn's lines wait; a clean stop ends with process.exit, whose
  // 'exit' listeners run after pino's own flush, so this one writes and flushes what is left.
  let pending = '';
  const flush = () => {
    const lines = pending;
    pending = '';
    for (const stream of targets) stream.write(lines);
  };
  process.on('exit', () => {
    if (pending !== '') flush();
    for (const stream of targets) {
      try {
        (stream as { flushSync?: () => void }).flushSync?.();
      } catch {
        // a file never opened or already closed: nothing of ours is left to write there
      }
    }
  });
  return (members) => {
    if (pending === '') setImmediate(flush);
    pending += `${head}${Date.now()},${base},${members}}\n`;
  };
}

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
  const logger = pino(
    { level: levelName, customLevels: { [ACCESS_LEVEL.name]: ACCESS_LEVEL.value }, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: BASE },
    pino.multistream(streams),
  ) as unknown as Logger;
  const writer = accessWriter(streams);
  if (writer) accessWriters.set(logger, writer);
  return logger;
}
