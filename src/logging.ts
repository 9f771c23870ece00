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

export function createLogger(config: Pick<Config, 'home' | 'logLevel'>, toStdout = true): Logger {
  const dir = path.join(config.home, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const streams: pino.StreamEntry[] = [{ stream: pino.destination({ dest: path.join(dir, 'control-plane.log'), sync: false, mkdir: true }) }];
  if (toStdout) streams.push({ stream: process.stdout });
  return pino(
    { level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'cirrus' } },
    pino.multistream(streams),
  );
}
