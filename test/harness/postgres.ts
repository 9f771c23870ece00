// A throwaway PostgreSQL server for tests (the database a CDC connector such as Debezium reads):
// initdb into a temporary folder, logical decoding on, loopback only, a free port, then removed.
// Its superuser `postgres` needs no password (the harness's own SQL); the connectors' user proves
// a password, so a test sees whether a connector really got the secret it was configured with.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports.ts';
import { runCommand, startFailure } from './run.ts';
import { eventually } from './wait.ts';

const DEBIAN_PACKAGE = 'postgresql';
const SUPERUSER = 'postgres';
/** The publication every table belongs to, made by the superuser (FOR ALL TABLES needs one). */
export const PG_PUBLICATION = 'cirrus_all_tables';

export interface PostgresBinaries {
  bindir: string;
  initdb: string;
  pgCtl: string;
  psql: string;
}

export interface PostgresOptions {
  /** Replication slots and WAL senders: one each per CDC connector (default 10). */
  maxReplicationSlots?: number;
}

export interface RunningPostgres {
  host: string;
  port: number;
  /** The database made for the test (the superuser's own is `postgres`). */
  database: string;
  /** The connectors' login: LOGIN REPLICATION, SELECT on every table of `public`, password-checked. */
  user: string;
  password: string;
  /** postgres://user:password@host:port/database */
  url: string;
  /** The server's folder (data/, postgres.log); removed by stop(). */
  dir: string;
  /** Runs SQL as the superuser (several statements allowed); psql's unaligned output. */
  sql(statements: string, options?: { database?: string }): Promise<string>;
  /** One SELECT's rows as objects (column name → JSON value), as the superuser. */
  rows<T = Record<string, unknown>>(select: string, options?: { database?: string }): Promise<T[]>;
  /** Debezium PostgreSQL connection settings for this server (add topic.prefix, slot.name). */
  debeziumConfig(): Record<string, string>;
  /** The server's log so far, for a failure message. */
  log(): string;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server programs: $CIRRUS_TEST_PG_BINDIR, `pg_config --bindir`, `initdb` on the
 * PATH, or the newest /usr/lib/postgresql/<version>/bin (where Debian puts them, off the PATH).
 */
export function findPostgresBinaries(): PostgresBinaries {
  const candidates = [process.env.CIRRUS_TEST_PG_BINDIR, pgConfigBindir(), initdbOnPath(), ...debianBindirs()];
  const bindir = candidates.find((dir): dir is string => !!dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!bindir) {
    throw new Error(`PostgreSQL's server programs (initdb, pg_ctl) were not found (looked in $CIRRUS_TEST_PG_BINDIR, `
      + `pg_config --bindir, the PATH and /usr/lib/postgresql/*/bin). Install Debian's package "${DEBIAN_PACKAGE}" `
      + `(apt-get install ${DEBIAN_PACKAGE}), as .ci/run does.`);
  }
  const psql = fs.existsSync(path.join(bindir, 'psql')) ? path.join(bindir, 'psql') : 'psql';
  return { bindir, initdb: path.join(bindir, 'initdb'), pgCtl: path.join(bindir, 'pg_ctl'), psql };
}

function pgConfigBindir(): string | undefined {
  const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function initdbOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'initdb');
    if (dir && fs.existsSync(candidate)) return path.dirname(fs.realpathSync(candidate));
  }
  return undefined;
}

function debianBindirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => path.join(root, v, 'bin'));
}

/**
 * initdb and the server refuse to run as root: as root (CI) they run as the OS user `postgres`
 * (made by Debian's package), in a folder it owns outside the test run's private TMPDIR.
 */
interface ServerAccount {
  wrap(command: string, args: string[]): [string, string[]];
  baseDir: string;
  own(dir: string): void;
}

function serverAccount(): ServerAccount {
  if (process.getuid?.() !== 0) return { wrap: (c, a) => [c, a], baseDir: os.tmpdir(), own: () => {} };
  const id = (flag: string) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`running as root, so PostgreSQL must run as the OS user "${SUPERUSER}", which does not exist; `
      + `Debian's package "${DEBIAN_PACKAGE}" creates it (apt-get install ${DEBIAN_PACKAGE})`);
  }
  return {
    wrap: (command, args) => ['runuser', ['-u', SUPERUSER, '--', command, ...args]],
    baseDir: '/tmp',
    own: (dir) => fs.chownSync(dir, Number(uid.stdout), Number(gid.stdout)),
  };
}

function serverSettings(port: number, socketDir: string, slots: number): string {
  return [
    '', '# cirrus test harness',
    "listen_addresses = '127.0.0.1'", `port = ${port}`, `unix_socket_directories = '${socketDir}'`,
    'wal_level = logical', `max_replication_slots = ${slots}`, `max_wal_senders = ${slots}`,
    'max_connections = 50', 'shared_buffers = 32MB',
    // Throwaway data: durability only costs time.
    'fsync = off', 'synchronous_commit = off', 'full_page_writes = off',
    '',
  ].join('\n');
}

// First match wins: the superuser is trusted on loopback, every other user proves its password.
const HBA = [
  `local all ${SUPERUSER} trust`,
  `host all ${SUPERUSER} 127.0.0.1/32 trust`,
  'host all all 127.0.0.1/32 scram-sha-256',
  'host replication all 127.0.0.1/32 scram-sha-256',
  '',
].join('\n');

/** Starts a fresh server and makes a database, the connectors' user and a publication. */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  const bin = findPostgresBinaries();
  const account = serverAccount();
  const dir = fs.mkdtempSync(path.join(account.baseDir, 'cirrus-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  account.own(dir);
  const asServer = (command: string, args: string[]) => runCommand(...account.wrap(command, args));
  const port = await freePort();
  let started = false;
  const stopNow = () => {
    if (started) spawnSync(...account.wrap(bin.pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
    started = false;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // pg_ctl detaches the server: one left behind by a crashed test would outlive it.
  process.once('exit', stopNow);
  try {
    await asServer(bin.initdb, ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), serverSettings(port, dir, options.maxReplicationSlots ?? 10));
    fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), HBA);
    await asServer(bin.pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    started = true;
    const server = connectTo(bin, port, dir, logFile, async () => {
      process.removeListener('exit', stopNow);
      if (started) await asServer(bin.pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      stopNow();
    });
    await eventually('PostgreSQL to accept connections', async () => (await server.sql('SELECT 1', { database: 'postgres' })).trim() === '1', { timeoutMs: 30_000 });
    await prepare(server);
    return server;
  } catch (err) {
    // Read before stopNow(), which removes the folder the log is in.
    const failure = startFailure(err, logFile, 'postgres.log');
    process.removeListener('exit', stopNow);
    stopNow();
    throw failure;
  }
}

function connectTo(bin: PostgresBinaries, port: number, dir: string, logFile: string, stop: () => Promise<void>): RunningPostgres {
  const host = '127.0.0.1';
  const database = 'cirrus';
  const user = 'cirrus_connector';
  const password = randomBytes(12).toString('hex');
  const sql = async (statements: string, options: { database?: string } = {}) => {
    const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', String(port), '-U', SUPERUSER, '-d', options.database ?? database, '-f', '-'];
    return (await runCommand(bin.psql, args, { input: statements, env: { ...process.env, PGCONNECT_TIMEOUT: '5' } })).stdout;
  };
  return {
    host, port, database, user, password, dir,
    url: `postgres://${user}:${password}@${host}:${port}/${database}`,
    sql,
    rows: async <T>(select: string, options: { database?: string } = {}) => {
      const json = await sql(`SELECT coalesce(json_agg(q), '[]'::json) FROM (${select.trim().replace(/;$/, '')}) q`, options);
      return JSON.parse(json) as T[];
    },
    debeziumConfig: () => ({
      'database.hostname': host,
      'database.port': String(port),
      'database.user': user,
      'database.password': password,
      'database.dbname': database,
      'plugin.name': 'pgoutput',
      'publication.name': PG_PUBLICATION,
      'publication.autocreate.mode': 'disabled',
    }),
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    stop,
  };
}

async function prepare(server: RunningPostgres): Promise<void> {
  await server.sql(`CREATE ROLE ${server.user} LOGIN REPLICATION PASSWORD '${server.password}';
    CREATE DATABASE ${server.database};`, { database: 'postgres' });
  // Tables the superuser makes later are readable by the connectors' user, and all are published.
  await server.sql(`ALTER DEFAULT PRIVILEGES FOR ROLE ${SUPERUSER} IN SCHEMA public GRANT SELECT ON TABLES TO ${server.user};
    CREATE PUBLICATION ${PG_PUBLICATION} FOR ALL TABLES;`);
}
