// Issue 13: the store notices another connection's commits (another process: `cirrus keys
// revoke`) by reading the WAL-index header, and asks PRAGMA data_version only when it moved. The
// header is checked here against data_version on a second connection, through every kind of
// change of the WAL: a commit, a checkpoint that restarts the WAL, a commit that lands on the
// same frame count again; and our own writes move the store's version once, not twice.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { noticeOtherWriters, openStore, storeVersion, type Store } from '../../src/store/database.ts';
import { guardedDataVersion, oncePerTurn, walIndexHeader } from '../../src/store/other-writers.ts';

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

  // Looks are shared within one event-loop turn (oncePerTurn): each step below is its own turn,
  // as each request sent after a `cirrus keys revoke` is read in a poll phase after it.
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('storeVersion moves on the first look after another connection commits, and only then', async () => {
    noticeOtherWriters(db);
    const before = storeVersion(db);
    await nextTurn();
    noticeOtherWriters(db);
    assert.equal(storeVersion(db), before, 'nothing committed: nothing moves');
    otherWrites();
    await nextTurn();
    noticeOtherWriters(db);
    assert.ok(storeVersion(db) > before, 'the other connection commit is seen by the first look in a later turn');
    const after = storeVersion(db);
    await nextTurn();
    noticeOtherWriters(db);
    assert.equal(storeVersion(db), after);
  });

  it('one look per event-loop turn: later looks in the turn share it, the next turn looks again', async () => {
    let looks = 0;
    const look = oncePerTurn(() => ++looks);
    assert.deepEqual([look(), look(), look()], [1, 1, 1]);
    await Promise.resolve();
    assert.equal(look(), 1, 'a promise continuation is the same turn');
    await nextTurn();
    assert.deepEqual([look(), look()], [2, 2]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(look(), 3);
  });

  it('our own write moves storeVersion once (as it is sent), not again when the header shows its commit', async () => {
    await nextTurn();
    noticeOtherWriters(db);
    const before = storeVersion(db);
    await db.updateTable('organizations').set({ display_name: 'renamed' }).execute();
    assert.equal(storeVersion(db), before + 1);
    await nextTurn();
    noticeOtherWriters(db);
    assert.equal(storeVersion(db), before + 1, 'data_version ignores our own commits');
  });

  it('the WAL-index header changes whenever data_version does, through checkpoints and WAL restarts', () => {
    const header = walIndexHeader(file)!;
    assert.ok(header, 'a WAL store has its index');
    const watcher = new Database(file);
    const dataVersion = watcher.prepare('PRAGMA data_version').pluck();
    let asked = 0;
    const guardHeader = walIndexHeader(file)!;
    const guarded = guardedDataVersion(guardHeader, () => (asked++, dataVersion.get() as number));
    try {
      const steps: [string, () => void][] = [
        ['a commit', otherWrites],
        ['a read', () => other.prepare('select count(*) from organizations').get()],
        ['a full checkpoint, then a commit into the restarted WAL', () => { other.pragma('wal_checkpoint(TRUNCATE)'); otherWrites(); }],
        ['another restart and commit: the same frame count as before', () => { other.pragma('wal_checkpoint(TRUNCATE)'); otherWrites(); }],
        ['a checkpoint alone', () => other.pragma('wal_checkpoint(PASSIVE)')],
      ];
      for (const [what, step] of steps) {
        header.changed();
        const [versionBefore, guardedBefore, askedBefore] = [dataVersion.get(), guarded(), asked];
        step();
        const committed = dataVersion.get() !== versionBefore;
        assert.equal(header.changed(), committed, `${what}: the header moves exactly when data_version does`);
        assert.equal(guarded() !== guardedBefore, committed, what);
        assert.equal(asked - askedBefore, committed ? 1 : 0, `${what}: data_version asked only after a commit`);
      }
    } finally {
      header.close();
      guardHeader.close();
      watcher.close();
    }
  });
});
