// How the store notices that another connection (another process: `cirrus keys revoke`) has
// committed. Asked before every authenticated request (store/database.ts, noticeOtherWriters).
//
// `PRAGMA data_version` answers it, but it opens a read transaction: three system calls (a lock
// on the WAL index, an fstat, the unlock), a tenth of a status read's CPU (issue 13). In WAL mode
// every commit, by any connection, rewrites the WAL-index header at the start of the `-shm` file
// (https://www.sqlite.org/walformat.html, §2.1: its change counter, last frame, salts and
// checksums), so one 48-byte read of that header, compared with the last one seen, tells the
// same at the cost of one pread. A change seen early or twice only empties the read caches once
// more; none is missed: a commit is complete only once its header is written.
import fs from 'node:fs';

const HEADER_BYTES = 48;

export interface WalIndexCounter {
  /** A count that moves whenever the header changed since last asked. */
  changes(): number;
  close(): void;
}

/** Undefined when the database has no `-shm` file (not in WAL mode, or in memory). */
export function walIndexCounter(databaseFile: string): WalIndexCounter | undefined {
  let fd: number;
  try {
    fd = fs.openSync(`${databaseFile}-shm`, 'r');
  } catch {
    return undefined;
  }
  const seen = Buffer.alloc(HEADER_BYTES);
  const now = Buffer.alloc(HEADER_BYTES);
  let changes = 0;
  fs.readSync(fd, seen, 0, HEADER_BYTES, 0);
  return {
    changes: () => {
      if (fs.readSync(fd, now, 0, HEADER_BYTES, 0) !== HEADER_BYTES || !now.equals(seen)) {
        now.copy(seen);
        changes++;
      }
      return changes;
    },
    close: () => fs.closeSync(fd),
  };
}
