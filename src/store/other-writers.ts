// How the store notices that another connection (another process: `cirrus keys revoke`) has
// committed. Asked before every authenticated request (store/database.ts, noticeOtherWriters).
//
// `PRAGMA data_version` answers it exactly (it moves on other connections' commits only), but it
// opens a read transaction: three system calls (a lock on the WAL index, an fstat, the unlock),
// up to a tenth of a status read's CPU (issue 13). In WAL mode every commit, by any connection,
// rewrites the WAL-index header at the start of the `-shm` file (walformat.html §2.1: change
// counter, last frame, salts, checksums), so one 48-byte read of that header tells whether anyone
// committed since the last look. Only then is data_version asked, to tell another connection's
// commit from our own: unchanged, the answer costs one pread; no commit is missed, because a
// commit is complete only once its header is written.
import fs from 'node:fs';

const HEADER_BYTES = 48;

export interface WalIndexHeader {
  /** True when the header differs from the last look (a commit since, by any connection). */
  changed(): boolean;
  close(): void;
}

/** Undefined when the database has no `-shm` file (not in WAL mode, or in memory). */
export function walIndexHeader(databaseFile: string): WalIndexHeader | undefined {
  let fd: number;
  try {
    fd = fs.openSync(`${databaseFile}-shm`, 'r');
  } catch {
    return undefined;
  }
  const seen = Buffer.alloc(HEADER_BYTES);
  const now = Buffer.alloc(HEADER_BYTES);
  fs.readSync(fd, seen, 0, HEADER_BYTES, 0);
  return {
    changed: () => {
      if (fs.readSync(fd, now, 0, HEADER_BYTES, 0) === HEADER_BYTES && now.equals(seen)) return false;
      now.copy(seen);
      return true;
    },
    close: () => fs.closeSync(fd),
  };
}

/** data_version, asked only when the WAL-index header moved since the last look. */
export function guardedDataVersion(header: WalIndexHeader, dataVersion: () => number): () => number {
  let last = dataVersion();
  return () => {
    if (header.changed()) last = dataVersion();
    return last;
  };
}

/**
 * `look` at most once per event-loop turn: the requests answered in one turn share one look (a
 * pread per request was 5 % of a status read, issue 13). Still, a commit by another process is
 * seen by the first request sent after it: requests are authenticated as the poll phase reads
 * them, every request read in one poll phase arrived before that phase's epoll returned, and the
 * look is forgotten in the check phase that follows (setImmediate), before the next poll. So a
 * request sent after the commit either is read in a later phase (a new look) or arrived before
 * the look of its own phase was made, after the commit. This holds because looks are made by
 * authentication as requests are read (poll phase); the one case it does not cover is a request
 * pipelined behind another on one connection and read with it (no API client here pipelines).
 */
export function oncePerTurn<T>(look: () => T): () => T {
  let seen: { value: T } | undefined;
  const forget = () => {
    seen = undefined;
  };
  return () => {
    if (seen) return seen.value;
    seen = { value: look() };
    setImmediate(forget);
    return seen.value;
  };
}
