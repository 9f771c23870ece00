// The audit log's bounds (issue 7.10), on a real store with a fake clock: refusals aggregated per
// address, minute and status; everything else one row each; retention.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { AuditLog, type AuditEvent } from '../../src/services/audit-log.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { eventually } from '../harness/wait.ts';

const MINUTE = Date.parse('2026-11-30T10:00:00.000Z');
const settings = { retentionDays: 90, maxFileBytes: 1 << 20, keepFiles: 2 };

let n = 0;
function event(status: number, address: string, atMs: number, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    at: new Date(atMs).toISOString(), request_id: `req-${++n}`, principal_id: null, api_key_id: 'AAAAAAAAAAAAAAAA',
    operation: 'org.environment.list', method: 'GET', path: '/org/v2/environments', status,
    outcome: status === 201 ? 'ok' : 'denied', address, count: 1, ...extra,
  };
}

describe('audit log', () => {
  let dir: string;
  let db: Store;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-audit-log-'));
    db = await openStore(path.join(dir, 'cirrus.db'));
  });
  after(async () => db.destroy());

  const fresh = async (now: () => Date, name: string) => {
    await db.deleteFrom('audit_events').execute();
    const file = path.join(dir, `${name}.log`);
    return { audit: new AuditLog({ db, file, log: pino({ level: 'silent' }), settings, now }), file };
  };
  const rows = () => db.selectFrom('audit_events').selectAll().orderBy('seq').execute();

  it('issue 7.10: one row per address, minute and status for 401s and 429s, written when the minute ends', async () => {
    let now = MINUTE + 50_000;
    const { audit, file } = await fresh(() => new Date(now), 'aggregates');
    for (let i = 0; i < 100; i++) await audit.record(event(401, '10.0.0.1', MINUTE + 1000 + i, i === 99 ? { path: '/iam/v2/api-keys' } : {}));
    for (let i = 0; i < 3; i++) await audit.record(event(401, '10.0.0.2', MINUTE + 2000));
    for (let i = 0; i < 5; i++) await audit.record(event(429, '10.0.0.1', MINUTE + 3000));
    for (let i = 0; i < 2; i++) await audit.record(event(403, '10.0.0.1', MINUTE + 4000));
    await audit.record(event(201, '10.0.0.1', MINUTE + 5000, { method: 'POST' }));
    assert.deepEqual((await rows()).map((r) => [r.status, r.count]), [[403, 1], [403, 1], [201, 1]], '403s and mutations at once, one row each');

    await audit.flush(now);
    assert.equal((await rows()).length, 3, 'not before the minute is over');
    now = MINUTE + 61_000;
    await audit.flush(now);
    const aggregates = (await rows()).slice(3).map((r) => ({ address: r.address, status: r.status, count: r.count, at: r.at, path: r.path, key: r.api_key_id }));
    assert.deepEqual(aggregates, [
      { address: '10.0.0.1', status: 401, count: 100, at: '2026-11-30T10:00:00.000Z', path: '*', key: 'AAAAAAAAAAAAAAAA' },
      { address: '10.0.0.2', status: 401, count: 3, at: '2026-11-30T10:00:00.000Z', path: '/org/v2/environments', key: 'AAAAAAAAAAAAAAAA' },
      { address: '10.0.0.1', status: 429, count: 5, at: '2026-11-30T10:00:00.000Z', path: '/org/v2/environments', key: 'AAAAAAAAAAAAAAAA' },
    ]);
    await audit.close();
    assert.equal(fs.readFileSync(file, 'utf8').trim().split('\n').length, 6, 'the file has the same rows');
  });

  it('writes a minute\'s aggregates by itself once it is over, and what is pending on close', async () => {
    const { audit } = await fresh(() => new Date(), 'timer');
    await audit.record(event(401, '10.0.0.9', Date.now() - 120_000));
    await eventually('the ended minute written by its timer', async () => ((await rows()).length === 1 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
    await audit.record(event(401, '10.0.0.9', Date.now()));
    assert.equal((await rows()).length, 1);
    await audit.close();
    assert.equal((await rows()).length, 2, 'the current minute is written on close');
  });

  it('issue 7.10: deletes rows past the retention at start, and keeps all with 0 days', async () => {
    const now = MINUTE;
    const { audit } = await fresh(() => new Date(now), 'retention');
    const day = 24 * 3600 * 1000;
    await db.insertInto('audit_events').values([event(201, 'a', now - 91 * day), event(201, 'b', now - 89 * day), event(403, 'c', now - 1000)]).execute();
    await audit.start();
    assert.deepEqual((await rows()).map((r) => r.address), ['b', 'c']);
    await audit.close();

    const keepAll = new AuditLog({ db, file: path.join(dir, 'keep.log'), log: pino({ level: 'silent' }), settings: { ...settings, retentionDays: 0 }, now: () => new Date(now + 1000 * day) });
    await keepAll.start();
    assert.equal((await rows()).length, 2);
    await keepAll.close();
  });
});
