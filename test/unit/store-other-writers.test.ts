// Issue 13: the store notices another connection's commits (another process: `cirrus keys
// revoke`) by reading the WAL-index header instead of PRAGMA data_version. Checked here against
// data_version itself on a second connection, through every kind of change of the WAL: a commit,
// a checkpoint that restarts the WAL, a commit that lands on the same frame count again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { noticeOtherWriters, openStore, storeVersion, type Store } from '../../src/store/database.ts';
import { walIndexCounter, type WalIndexCounter } from '../../src/store/other-writers.ts';

describe('other writers (issue 13)', () => {
  let dir: string;
  let file: string;
  let db: Store;
  let other: Database.Database;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-other-writers-'));
    file = path.join(dir, 'cirrus.db');
    db = await openStore(file);
    // What another process would have: its own connection to the same file.
    other = new Database(file);
    other.pragma('busy_timeout = 5000');
  });
  after(async () => {
    other.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const otherWrites = () => other.prepare("insert into organizations (id, display_name, created_at, updated_at) values (?, 'o', '2026-11-30', '2026-11-30')").run(`org-${Math.random().toString(36).slice(2, 8)}`);

  it('storeVersion moves on the first look after another connection commits, and only then', () => {
    noticeOtherWriters(db);
    const before = storeVersion(db);
    noticeOtherWriters(db);
    assert.equal(storeVersion(db), before, 'nothing committed: nothing moves');
    otherWrites();
    noticeOtherWriters(db);
    assert.ok(storeVersion(db) > before, 'the other connection commit is seen by the very next look');
    const after = storeVersion(db);
    noticeOtherWriters(db);
    assert.equal(storeVersion(db), after);
  });

  it('the WAL-index header changes whenever data_version does, through checkpoints and WAL restarts', () => {
    const counter: WalIndexCounter = walIndexCounter(file)!;
    assert.ok(counter, 'a WAL store has its index');
    const watcher = new Database(file);
    const dataVersion = watcher.prepare('PRAGMA data_version').pluck();
    try {
      const steps: [string, () => void][] = [
        ['a commit', otherWrites],
        ['a read', () => other.prepare('select count(*) from organizations').get()],
        ['a full checkpoint, then a commit into the restarted WAL', () => { other.pragma('wal_checkpoint(TRUNCATE)'); otherWrites(); }],
        ['another restart and commit: the same frame count as before', () => { other.pragma('wal_checkpoint(TRUNCATE)'); otherWrites(); }],
        ['a checkpoint alone', () => other.pragma('wal_checkpoint(PASSIVE)')],
      ];
      for (const [what, step] of steps) {
        const [changesBefore, versionBefore] = [counter.changes(), dataVersion.get()];
        step();
        const committed = dataVersion.get() !== versionBefore;
        if (committed) assert.notEqual(counter.changes(), changesBefore, `${what}: data_version moved, the header must too`);
        else assert.equal(counter.changes(), changesBefore, `${what}: nothing committed`);
      }
    } finally {
      counter.close();
      watcher.close();
    }
  });
});
