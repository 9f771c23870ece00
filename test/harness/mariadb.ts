// A throwaway MariaDB server for tests (what a MySQL CDC source reads and a JDBC sink writes; Debian
// has no MySQL server, only MariaDB): mariadb-install-db into a temporary folder, a row-based binary
// log, loopback only, a free port, a unix socket in that folder, then removed. Its `root` needs no
// password (the harness's own SQL); the connectors' user proves a password, so a test sees whether a
// connector really got the secret it was configured with.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports.ts';
import { runCommand, startFailure } from './run.ts';
import { eventually } from './wait.ts';

const DEBIAN_PACKAGE = 'mariadb-server';
/** The OS user the server runs as when the tests run as root (mariadbd refuses root); Debian's package makes it. */
const SERVER_OS_USER = 'mysql';

export interface MariadbBinaries {
  server: string;
  installDb: string;
  client: string;
}

export interface RunningMariadb {
  host: string;
  port: number;
  /** The database made for the test. */
  database: string;
  /** The connectors' login: what Debezium's MySQL connector needs on *.*, password-checked. */
  user: string;
  password: string;
  /** The server's folder (data/, binlog/, mariadb.log, the socket); removed by stop(). */
  dir: string;
  /** Runs SQL as root (several statements allowed); the client's tab-separated output, no header. */
  sql(statements: string, options?: { database?: string }): Promise<string>;
  /** One SELECT's rows as objects (column name → text, NULL as null), as root. */
  rows(select: string, options?: { database?: string }): Promise<Record<string, string | null>[]>;
  /** Makes another database the connectors' user may do anything in (a JDBC sink's target). */
  createDatabase(name: string): Promise<void>;
  /** A JDBC URL of `database` (default: the test's), `jdbc:mariadb:` or `jdbc:mysql:`. */
  jdbcUrl(database?: string, scheme?: 'mariadb' | 'mysql'): string;
  /** Debezium MySQL connection settings for this server (add topic.prefix and the schema history). */
  debeziumConfig(): Record<string, string>;
  /** The server's log so far, for a failure message. */
  log(): string;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/** The server programs: $CIRRUS_TEST_MARIADB_BINDIR, the PATH, or /usr/sbin and /usr/bin (Debian's). */
export function findMariadbBinaries(): MariadbBinaries {
  const dirs = [process.env.CIRRUS_TEST_MARIADB_BINDIR, ...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin']
    .filter((dir): dir is string => !!dir);
  const find = (...names: string[]) => {
    for (const dir of dirs) for (const name of names) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    return undefined;
  };
  const server = find('mariadbd', 'mysqld');
  const installDb = find('mariadb-install-db', 'mysql_install_db');
  const client = find('mariadb', 'mysql');
  if (!server || !installDb || !client) {
    throw new Error('MariaDB\'s server programs (mariadbd, mariadb-install-db, mariadb) were not found (looked in '
      + `$CIRRUS_TEST_MARIADB_BINDIR, the PATH, /usr/sbin and /usr/bin). Install Debian's package "${DEBIAN_PACKAGE}" `
      + `(apt-get install --no-install-recommends ${DEBIAN_PACKAGE}), as .ci/run does.`);
  }
  return { server, installDb, client };
}

/** As root the server runs as `mysql` (its folder chowned to it) under /tmp, outside a private TMPDIR. */
function serverAccount(): { userArgs: string[]; baseDir: string; own(dir: string): void } {
  if (process.getuid?.() !== 0) return { userArgs: [], baseDir: os.tmpdir(), own: () => {} };
  const id = (flag: string) => spawnSync('id', [flag, SERVER_OS_USER], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`running as root, so MariaDB must run as the OS user "${SERVER_OS_USER}", which does not exist; `
      + `Debian's package "${DEBIAN_PACKAGE}" creates it (apt-get install ${DEBIAN_PACKAGE})`);
  }
  return {
    userArgs: [`--user=${SERVER_OS_USER}`],
    baseDir: '/tmp',
    own: (dir) => fs.chownSync(dir, Number(uid.stdout), Number(gid.stdout)),
  };
}

function serverArgs(dir: string, port: number, userArgs: string[]): string[] {
  return [
    // No /etc/mysql: the Debian service's settings (its socket, its datadir) are not ours.
    '--no-defaults', ...userArgs,
    `--datadir=${path.join(dir, 'data')}`, `--socket=${path.join(dir, 'mariadb.sock')}`, `--pid-file=${path.join(dir, 'mariadb.pid')}`,
    `--log-error=${path.join(dir, 'mariadb.log')}`, `--tmpdir=${dir}`,
    '--bind-address=127.0.0.1', `--port=${port}`, '--skip-name-resolve',
    // What a binlog CDC source needs: every row change, whole rows, a server id of its own.
    `--log-bin=${path.join(dir, 'binlog', 'mariadb-bin')}`, '--binlog-format=ROW', '--binlog-row-image=FULL', '--server-id=1',
    '--character-set-server=utf8mb4', '--collation-server=utf8mb4_general_ci',
    '--max-connections=50', '--innodb-buffer-pool-size=32M', '--performance-schema=OFF',
    // Throwaway data: durability only costs time.
    '--innodb-flush-log-at-trx-commit=0', '--sync-binlog=0', '--innodb-doublewrite=0',
  ];
}

/** Starts a fresh server and makes a database and the connectors' user. */
export async function startMariadb(): Promise<RunningMariadb> {
  const bin = findMariadbBinaries();
  const account = serverAccount();
  const dir = fs.mkdtempSync(path.join(account.baseDir, 'cirrus-mariadb-'));
  fs.mkdirSync(path.join(dir, 'binlog'));
  for (const d of [dir, path.join(dir, 'binlog')]) account.own(d);
  const logFile = path.join(dir, 'mariadb.log');
  const port = await freePort();
  let child: ChildProcess | undefined;
  const stopNow = () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    child = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A server left behind by a crashed test would outlive it.
  process.once('exit', stopNow);
  try {
    // Its bootstrap server runs as `mysql` too, with temporary files in TMPDIR: npm test's is
    // root's own (0700), so it gets the server's folder instead.
    await runCommand(bin.installDb, ['--no-defaults', ...account.userArgs, `--datadir=${path.join(dir, 'data')}`,
      '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'], { env: { ...process.env, TMPDIR: dir } });
    child = spawn(bin.server, serverArgs(dir, port, account.userArgs), { stdio: 'ignore' });
    const exited = new Promise<never>((_, reject) => child!.once('exit', (code) => reject(new Error(`mariadbd exited (${code})`))));
    exited.catch(() => undefined);
    const server = connectTo(bin, port, dir, logFile, async () => {
      process.removeListener('exit', stopNow);
      const running = child;
      if (running?.exitCode === null) {
        const gone = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGTERM');
        // The timer is cleared once the server is gone: left, it kept the test file's process
        // alive for the rest of its 15 s.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([gone, new Promise((resolve) => { timer = setTimeout(resolve, 15_000); })]);
        clearTimeout(timer);
      }
      stopNow();
    });
    await Promise.race([exited, eventually('MariaDB to accept connections', async () => (await server.sql('SELECT 1', { database: 'mysql' })).trim() === '1', { timeoutMs: 60_000 })]);
    await prepare(server);
    return server;
  } catch (err) {
    // Read before stopNow(), which removes the folder the log is in.
    const failure = startFailure(err, logFile, 'mariadb.log');
    process.removeListener('exit', stopNow);
    stopNow();
    throw failure;
  }
}

function connectTo(bin: MariadbBinaries, port: number, dir: string, logFile: string, stop: () => Promise<void>): RunningMariadb {
  const host = '127.0.0.1';
  const database = 'cirrus';
  const user = 'cirrus_connector';
  const password = randomBytes(12).toString('hex');
  const socket = path.join(dir, 'mariadb.sock');
  const query = async (statements: string, database_: string, header: boolean) => {
    const args = ['--no-defaults', '--user=root', `--socket=${socket}`, '--batch', '--connect-timeout=5', ...(header ? [] : ['--skip-column-names']), database_];
    return (await runCommand(bin.client, args, { input: statements })).stdout;
  };
  return {
    host, port, database, user, password, dir,
    sql: (statements, options = {}) => query(statements, options.database ?? database, false),
    rows: async (select, options = {}) => parseBatch(await query(select, options.database ?? database, true)),
    createDatabase: async (name) => {
      await query(`CREATE DATABASE \`${name}\`; GRANT ALL PRIVILEGES ON \`${name}\`.* TO '${user}'@'%';`, 'mysql', false);
    },
    jdbcUrl: (db = database, scheme = 'mariadb') => `jdbc:${scheme}://${host}:${port}/${db}`,
    debeziumConfig: () => ({
      'database.hostname': host,
      'database.port': String(port),
      'database.user': user,
      'database.password': password,
      // The id the connector registers under as a replica: unique among the server's replicas.
      'database.server.id': String(randomInt(10_000, 1_000_000)),
    }),
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    stop,
  };
}

/** The client's --batch output: a header line, then rows; tab, newline and backslash escaped, NULL bare. */
function parseBatch(output: string): Record<string, string | null>[] {
  const lines = output.split('\n').filter((line) => line !== '');
  if (lines.length === 0) return [];
  const unescape = (v: string) => v.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', '0': '\0', '\\': '\\' } as Record<string, string>)[c] ?? c);
  const columns = lines[0]!.split('\t');
  return lines.slice(1).map((line) => {
    const values = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, values[i] === 'NULL' ? null : unescape(values[i] ?? '')]));
  });
}

async function prepare(server: RunningMariadb): Promise<void> {
  // Debezium's MySQL connector: SELECT to snapshot, RELOAD (FLUSH) and LOCK TABLES for its
  // consistent snapshot, SHOW DATABASES to find tables, REPLICATION SLAVE to read the binlog and
  // REPLICATION CLIENT (MariaDB's BINLOG MONITOR) for SHOW MASTER STATUS / SHOW BINARY LOGS.
  await server.sql(`CREATE USER '${server.user}'@'%' IDENTIFIED BY '${server.password}';
    GRANT SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '${server.user}'@'%';
    CREATE DATABASE ${server.database};`, { database: 'mysql' });
}
