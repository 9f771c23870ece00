// The one place that reads the environment and the command line (C7). Every setting has an
// embedded default and an env var, and all but secrets a flag (a command line shows in `ps`);
// the result is validated once, at start.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface Config {
  /** All state: the SQLite store, the master key, JVM data and logs, bootstrap.json. */
  home: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * base64 of 32 bytes, from CIRRUS_MASTER_KEY or read from the file CIRRUS_MASTER_KEY_FILE
   * names (never a flag); when absent the key lives in `<home>/master.key`.
   */
  masterKey: string | undefined;
  /** Where `masterKey` was read from, if from a file. */
  masterKeyFile: string | undefined;
  /** Start the local broker and Connect pool (the embedded data plane). */
  embedded: boolean;
  broker: { port: number; controllerPort: number; heap: string };
  /** `maxCustomPools`: custom plugin pools (a JVM each) running at once, across all tenants. */
  connect: { port: number; heap: string; maxCustomPools: number };
  /**
   * Whether managed connectors may call HTTP endpoints on this host's loopback (an HTTP sink's
   * URL, an S3 sink's store.url): off, as Cirrus's own listeners are there.
   */
  egressLoopback: boolean;
  java: string;
  /** The Maven project holding the pinned runtime and our connectors. */
  jvmDir: string;
  /** Requests per window per API key; 0 turns limiting off. */
  rateLimit: { max: number; windowSeconds: number };
  /** Failed authentications per window per client address, then 429 without trying; 0 = off. */
  authFailureLimit: { max: number; windowSeconds: number };
  /**
   * Audit table rows older than `retentionDays` are deleted (0 keeps them); `audit.log` is
   * rotated past `maxFileBytes`, keeping `keepFiles` old files (audit.log.1 …).
   */
  audit: { retentionDays: number; maxFileBytes: number; keepFiles: number };
  /**
   * Where plugin artifacts live (src/objects/): `local` under `<home>/objects/`, or `s3` in
   * `s3Bucket` (region, and an endpoint for S3-compatible stores; credentials from the AWS SDK's
   * default chain).
   */
  objects: { kind: 'local' | 's3'; s3Bucket: string | undefined; s3Region: string; s3Endpoint: string | undefined };
  /** The largest plugin archive a presigned upload takes. */
  uploads: { maxBytes: number };
  /** Waits before restarting a failed connector or task: `baseMs`, doubling up to `maxMs` (issue 11). */
  autoRestart: { baseMs: number; maxMs: number };
  /**
   * Connector metrics (issue 12): each pool's agent scraped every `scrapeSeconds`, points kept
   * `retentionDays`. `selfAccess`: who may read GET /metrics (Cirrus's own metrics).
   * `exportsPerHour`: exports of one resource per principal per hour (0: no limit).
   */
  metrics: { scrapeSeconds: number; retentionDays: number; selfAccess: 'loopback' | 'admin' | 'open'; exportsPerHour: number };
  supervisor: { stopGraceMs: number; restartBackoffMs: number; restartBackoffMaxMs: number; readyTimeoutMs: number };
  /**
   * Limits on an uploaded connector plugin archive (zip bombs included: total uncompressed bytes,
   * and uncompressed/compressed bytes of one entry), and the JVM that inspects its classes.
   */
  pluginArchive: {
    maxArchiveBytes: number; maxUncompressedBytes: number; maxCompressionRatio: number; maxEntries: number;
    inspectHeap: string; inspectTimeoutMs: number;
  };
}

type Parser = (raw: string, name: string) => unknown;

const port: Parser = (raw, name) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name} must be a port number (0-65535), got "${raw}"`);
  return n;
};
const positiveInt: Parser = (raw, name) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return n;
};
const nonNegativeInt: Parser = (raw, name) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number (0 or more), got "${raw}"`);
  return n;
};
const heap: Parser = (raw, name) => {
  if (!/^[1-9][0-9]*[mMgG]$/.test(raw)) throw new ConfigError(`${name} must be a JVM heap size such as 256m or 1g, got "${raw}"`);
  return raw;
};
const bool: Parser = (raw, name) => {
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
};
const text: Parser = (raw) => raw;
const masterKeyText: Parser = (raw, name) => {
  const trimmed = raw.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || Buffer.from(trimmed, 'base64').length !== 32) {
    throw new ConfigError(`${name} must be the base64 encoding of 32 bytes`);
  }
  return trimmed;
};
const objectsKind: Parser = (raw, name) => {
  if (raw !== 'local' && raw !== 's3') throw new ConfigError(`${name} must be local or s3, got "${raw}"`);
  return raw;
};
const httpUrl: Parser = (raw, name) => {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
};
const selfMetricsAccess: Parser = (raw, name) => {
  if (!['loopback', 'admin', 'open'].includes(raw)) throw new ConfigError(`${name} must be loopback, admin or open, got "${raw}"`);
  return raw;
};
const logLevel: Parser = (raw, name) => {
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw)) {
    throw new ConfigError(`${name} must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  return raw;
};

interface Setting {
  path: string;
  env: string;
  /** The command-line flag; `null` for a secret, which is read from the environment only. */
  flag: string | null;
  /** An env-only setting's would-be flag: refused with what to do instead, not just "unknown". */
  refusedFlag?: { flag: string; instead: string };
  parse: Parser;
  default: (env: NodeJS.ProcessEnv) => unknown;
}

const MIB = 1024 * 1024;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The settings table: one row per setting, so help text, env and flags cannot drift apart. */
export const SETTINGS: Setting[] = [
  { path: 'home', env: 'CIRRUS_HOME', flag: 'home', parse: text, default: () => '.cirrus' },
  { path: 'host', env: 'CIRRUS_HOST', flag: 'host', parse: text, default: () => '127.0.0.1' },
  { path: 'port', env: 'CIRRUS_PORT', flag: 'port', parse: port, default: () => 8080 },
  { path: 'logLevel', env: 'CIRRUS_LOG_LEVEL', flag: 'log-level', parse: logLevel, default: () => 'info' },
  {
    path: 'masterKey', env: 'CIRRUS_MASTER_KEY', flag: null, parse: masterKeyText, default: () => undefined,
    refusedFlag: { flag: 'master-key', instead: 'set CIRRUS_MASTER_KEY, or write the key to a file (mode 0600) and pass --master-key-file FILE' },
  },
  { path: 'masterKeyFile', env: 'CIRRUS_MASTER_KEY_FILE', flag: 'master-key-file', parse: text, default: () => undefined },
  { path: 'embedded', env: 'CIRRUS_EMBEDDED', flag: 'embedded', parse: bool, default: () => true },
  { path: 'broker.port', env: 'CIRRUS_BROKER_PORT', flag: 'broker-port', parse: port, default: () => 9092 },
  { path: 'broker.controllerPort', env: 'CIRRUS_CONTROLLER_PORT', flag: 'controller-port', parse: port, default: () => 9093 },
  { path: 'broker.heap', env: 'CIRRUS_BROKER_HEAP', flag: 'broker-heap', parse: heap, default: () => '384m' },
  { path: 'connect.port', env: 'CIRRUS_CONNECT_PORT', flag: 'connect-port', parse: port, default: () => 8083 },
  { path: 'connect.heap', env: 'CIRRUS_CONNECT_HEAP', flag: 'connect-heap', parse: heap, default: () => '512m' },
  { path: 'connect.maxCustomPools', env: 'CIRRUS_MAX_CUSTOM_POOLS', flag: 'max-custom-pools', parse: nonNegativeInt, default: () => 8 },
  { path: 'egressLoopback', env: 'CIRRUS_EGRESS_LOOPBACK', flag: 'egress-loopback', parse: bool, default: () => false },
  {
    path: 'java', env: 'CIRRUS_JAVA', flag: 'java', parse: text,
    default: (env) => (env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java'),
  },
  { path: 'jvmDir', env: 'CIRRUS_JVM_DIR', flag: 'jvm-dir', parse: text, default: () => path.join(REPO_ROOT, 'jvm') },
  { path: 'rateLimit.max', env: 'CIRRUS_RATE_LIMIT', flag: 'rate-limit', parse: nonNegativeInt, default: () => 6000 },
  { path: 'rateLimit.windowSeconds', env: 'CIRRUS_RATE_LIMIT_WINDOW_SECONDS', flag: 'rate-limit-window-seconds', parse: positiveInt, default: () => 60 },
  { path: 'authFailureLimit.max', env: 'CIRRUS_AUTH_FAILURE_LIMIT', flag: 'auth-failure-limit', parse: nonNegativeInt, default: () => 50 },
  { path: 'authFailureLimit.windowSeconds', env: 'CIRRUS_AUTH_FAILURE_WINDOW_SECONDS', flag: 'auth-failure-window-seconds', parse: positiveInt, default: () => 60 },
  { path: 'audit.retentionDays', env: 'CIRRUS_AUDIT_RETENTION_DAYS', flag: 'audit-retention-days', parse: nonNegativeInt, default: () => 90 },
  { path: 'audit.maxFileBytes', env: 'CIRRUS_AUDIT_LOG_MAX_BYTES', flag: 'audit-log-max-bytes', parse: positiveInt, default: () => 10 * 1024 * 1024 },
  { path: 'audit.keepFiles', env: 'CIRRUS_AUDIT_LOG_FILES', flag: 'audit-log-files', parse: positiveInt, default: () => 5 },
  { path: 'objects.kind', env: 'CIRRUS_OBJECTS', flag: 'objects', parse: objectsKind, default: () => 'local' },
  { path: 'objects.s3Bucket', env: 'CIRRUS_S3_BUCKET', flag: 's3-bucket', parse: text, default: () => undefined },
  { path: 'objects.s3Region', env: 'CIRRUS_S3_REGION', flag: 's3-region', parse: text, default: (env) => env.AWS_REGION || 'us-east-1' },
  { path: 'objects.s3Endpoint', env: 'CIRRUS_S3_ENDPOINT', flag: 's3-endpoint', parse: httpUrl, default: () => undefined },
  { path: 'uploads.maxBytes', env: 'CIRRUS_UPLOAD_MAX_BYTES', flag: 'upload-max-bytes', parse: positiveInt, default: () => 200 * 1024 * 1024 },
  { path: 'autoRestart.baseMs', env: 'CIRRUS_AUTO_RESTART_BACKOFF_MS', flag: 'auto-restart-backoff-ms', parse: positiveInt, default: () => 60_000 },
  { path: 'autoRestart.maxMs', env: 'CIRRUS_AUTO_RESTART_BACKOFF_MAX_MS', flag: 'auto-restart-backoff-max-ms', parse: positiveInt, default: () => 3_600_000 },
  { path: 'metrics.scrapeSeconds', env: 'CIRRUS_METRICS_SCRAPE_SECONDS', flag: 'metrics-scrape-seconds', parse: positiveInt, default: () => 60 },
  { path: 'metrics.retentionDays', env: 'CIRRUS_METRICS_RETENTION_DAYS', flag: 'metrics-retention-days', parse: positiveInt, default: () => 7 },
  { path: 'metrics.exportsPerHour', env: 'CIRRUS_METRICS_EXPORTS_PER_HOUR', flag: 'metrics-exports-per-hour', parse: nonNegativeInt, default: () => 80 },
  { path: 'metrics.selfAccess', env: 'CIRRUS_SELF_METRICS_ACCESS', flag: 'self-metrics-access', parse: selfMetricsAccess, default: () => 'loopback' },
  { path: 'supervisor.stopGraceMs', env: 'CIRRUS_STOP_GRACE_MS', flag: 'stop-grace-ms', parse: positiveInt, default: () => 20000 },
  { path: 'supervisor.restartBackoffMs', env: 'CIRRUS_RESTART_BACKOFF_MS', flag: 'restart-backoff-ms', parse: positiveInt, default: () => 1000 },
  { path: 'supervisor.restartBackoffMaxMs', env: 'CIRRUS_RESTART_BACKOFF_MAX_MS', flag: 'restart-backoff-max-ms', parse: positiveInt, default: () => 30000 },
  { path: 'supervisor.readyTimeoutMs', env: 'CIRRUS_READY_TIMEOUT_MS', flag: 'ready-timeout-ms', parse: positiveInt, default: () => 180000 },
  { path: 'pluginArchive.maxArchiveBytes', env: 'CIRRUS_PLUGIN_MAX_ARCHIVE_BYTES', flag: 'plugin-max-archive-bytes', parse: positiveInt, default: () => 512 * MIB },
  { path: 'pluginArchive.maxUncompressedBytes', env: 'CIRRUS_PLUGIN_MAX_UNCOMPRESSED_BYTES', flag: 'plugin-max-uncompressed-bytes', parse: positiveInt, default: () => 2048 * MIB },
  { path: 'pluginArchive.maxCompressionRatio', env: 'CIRRUS_PLUGIN_MAX_COMPRESSION_RATIO', flag: 'plugin-max-compression-ratio', parse: positiveInt, default: () => 100 },
  { path: 'pluginArchive.maxEntries', env: 'CIRRUS_PLUGIN_MAX_ENTRIES', flag: 'plugin-max-entries', parse: positiveInt, default: () => 10000 },
  { path: 'pluginArchive.inspectHeap', env: 'CIRRUS_PLUGIN_INSPECT_HEAP', flag: 'plugin-inspect-heap', parse: heap, default: () => '256m' },
  { path: 'pluginArchive.inspectTimeoutMs', env: 'CIRRUS_PLUGIN_INSPECT_TIMEOUT_MS', flag: 'plugin-inspect-timeout-ms', parse: positiveInt, default: () => 60000 },
];

export class ConfigError extends Error {}

/** The flags that the settings table names, for parsers that add options of their own (the CLI). */
export const SETTING_FLAGS: string[] = SETTINGS.flatMap((s) => (s.flag === null ? [] : [s.flag]));

/**
 * Refuses the flag of an env-only setting (`--master-key`) with a message saying why and what
 * to do instead. Call before parsing, so the operator never sees a bare "unknown option".
 */
export function refuseEnvOnlyFlags(argv: string[]): void {
  for (const setting of SETTINGS) {
    const refused = setting.refusedFlag;
    if (!refused) continue;
    const flag = `--${refused.flag}`;
    if (argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`))) {
      throw new ConfigError(`${flag} is not accepted: a command line is visible to every user of the machine (ps); ${refused.instead}`);
    }
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/**
 * Builds the configuration: flag beats env var beats default. `overrides` (tests) beat all.
 * Unknown flags are an error, so a typo does not silently fall back to a default.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv.slice(2),
  overrides: DeepPartial<Config> = {},
): Config {
  refuseEnvOnlyFlags(argv);
  const options = Object.fromEntries(SETTING_FLAGS.map((flag) => [flag, { type: 'string' as const }]));
  let flags: Record<string, string | undefined>;
  try {
    flags = parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values as Record<string, string | undefined>;
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const config: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const fromFlag = setting.flag === null ? undefined : flags[setting.flag];
    const fromEnv = env[setting.env];
    const raw = fromFlag ?? (fromEnv === '' ? undefined : fromEnv);
    const name = fromFlag !== undefined ? `--${setting.flag}` : setting.env;
    setPath(config, setting.path, raw === undefined ? setting.default(env) : setting.parse(raw, name));
  }
  const merged = mergeDeep(config, overrides as Record<string, unknown>) as unknown as Config;
  if (merged.masterKeyFile !== undefined) merged.masterKey = readMasterKeyFile(merged);
  if (merged.objects.kind === 's3' && !merged.objects.s3Bucket) throw new ConfigError('CIRRUS_OBJECTS=s3 needs a bucket: set CIRRUS_S3_BUCKET (--s3-bucket)');
  merged.home = path.resolve(merged.home);
  merged.jvmDir = path.resolve(merged.jvmDir);
  return merged;
}

function readMasterKeyFile(config: Config): string {
  const file = path.resolve(config.masterKeyFile!);
  if (config.masterKey !== undefined) {
    throw new ConfigError('set the master key once: CIRRUS_MASTER_KEY or CIRRUS_MASTER_KEY_FILE (--master-key-file), not both');
  }
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the master key file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return masterKeyText(raw, `the master key file ${file}`) as string;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function mergeDeep(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = value !== null && typeof value === 'object' && current !== null && typeof current === 'object'
      ? mergeDeep(current as Record<string, unknown>, value as Record<string, unknown>)
      : value;
  }
  return out;
}

/** The URL clients use, as printed in bootstrap.json. */
export function endpointOf(config: Pick<Config, 'host' | 'port'>): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}
