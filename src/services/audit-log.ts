// The audit log (issue #4): every mutation and every denied request, to a table and to a
// JSON-lines file. It records who (principal, key id, address), what (operation, method, path),
// when and the outcome; bodies, headers and secrets never enter it.
//
// Issue 7.10: a flood must not grow it without bound. Refusals that cost nothing to send (401,
// 429) are aggregated: one row per address, minute and status with a count, written when the
// minute is over (and on close). Rows past the retention are deleted at start and hourly; the
// file rotates by size and survives write errors (audit-file.ts).
import type { Logger } from 'pino';
import { deleteAuditEventsBefore, insertAuditEvents, type AuditEvent } from '../store/audit-events.ts';
import type { Store } from '../store/database.ts';
import { AuditFile, type AuditFileSettings } from './audit-file.ts';

export type { AuditEvent } from '../store/audit-events.ts';

export interface AuditSettings {
  /** Rows older than this many days are deleted; 0 keeps them. */
  retentionDays: number;
  maxFileBytes: number;
  keepFiles: number;
}

export interface AuditLogDeps {
  db: Store;
  file: string;
  log: Logger;
  settings: AuditSettings;
  now?: () => Date;
}

const MINUTE_MS = 60_000;
const RETENTION_INTERVAL_MS = 60 * MINUTE_MS;
/** A minute's aggregates are written this long after it ends, so stragglers still join them. */
const FLUSH_DELAY_MS = 1000;
/** Pending aggregates held at most; past this (a flood from very many addresses) all are written. */
const MAX_PENDING = 10_000;
/** Fields kept in an aggregate while all its requests agree; otherwise they read `*`. Its
 * request_id is the first request's. */
const VARYING = ['principal_id', 'api_key_id', 'operation', 'method', 'path'] as const;

export class AuditLog {
  private readonly file: AuditFile;
  private readonly settings: AuditSettings;
  private readonly now: () => Date;
  private readonly pending = new Map<string, AuditEvent>();
  private flushTimer: NodeJS.Timeout | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: AuditLogDeps) {
    this.settings = deps.settings;
    this.now = deps.now ?? (() => new Date());
    const fileSettings: AuditFileSettings = { maxBytes: this.settings.maxFileBytes, keepFiles: this.settings.keepFiles };
    this.file = new AuditFile(deps.file, fileSettings, deps.log);
  }

  /** Opens the file; deletes expired rows now, then hourly (the timer never keeps the process alive). */
  async start(): Promise<void> {
    await this.file.open();
    await this.prune();
    if (this.settings.retentionDays <= 0 || this.retentionTimer) return;
    this.retentionTimer = setInterval(() => void this.prune(), RETENTION_INTERVAL_MS);
    this.retentionTimer.unref();
  }

  async record(event: AuditEvent): Promise<void> {
    if (isAggregated(event.status)) return this.aggregate(event);
    await this.write([event]);
  }

  /** Writes the aggregates of every minute that ended by `until` (all of them by default). */
  async flush(until = Number.POSITIVE_INFINITY): Promise<void> {
    const due: AuditEvent[] = [];
    for (const [key, event] of this.pending) {
      if (Date.parse(event.at) + MINUTE_MS <= until) {
        due.push(event);
        this.pending.delete(key);
      }
    }
    if (due.length > 0) await this.write(due);
  }

  /** Deletes rows older than the retention; returns how many. */
  async prune(): Promise<number> {
    if (this.settings.retentionDays <= 0) return 0;
    const cutoff = new Date(this.now().getTime() - this.settings.retentionDays * 24 * 60 * MINUTE_MS).toISOString();
    try {
      const deleted = await deleteAuditEventsBefore(this.deps.db, cutoff);
      if (deleted > 0) this.deps.log.info({ deleted, before: cutoff }, 'audit events past their retention deleted');
      return deleted;
    } catch (err) {
      this.deps.log.error({ err }, 'deleting expired audit events failed');
      return 0;
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.flushTimer);
    clearInterval(this.retentionTimer);
    this.flushTimer = this.retentionTimer = undefined;
    await this.flush();
    await this.file.close();
  }

  private aggregate(event: AuditEvent): void {
    const minute = Math.floor(Date.parse(event.at) / MINUTE_MS) * MINUTE_MS;
    const key = `${minute}|${event.address}|${event.status}`;
    const bucket = this.pending.get(key);
    if (bucket) {
      bucket.count += event.count;
      for (const field of VARYING) if (bucket[field] !== event[field]) bucket[field] = '*';
      return;
    }
    this.pending.set(key, { ...event, at: new Date(minute).toISOString() });
    if (this.pending.size > MAX_PENDING) void this.flush();
    else this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.pending.size === 0) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const event of this.pending.values()) earliest = Math.min(earliest, Date.parse(event.at));
    const delay = Math.max(0, earliest + MINUTE_MS + FLUSH_DELAY_MS - this.now().getTime());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush(this.now().getTime()).then(() => this.scheduleFlush());
    }, delay);
    this.flushTimer.unref();
  }

  private async write(events: AuditEvent[]): Promise<void> {
    const lines = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    await this.file.append(lines, events.length);
    try {
      await insertAuditEvents(this.deps.db, events);
    } catch (err) {
      this.deps.log.error({ err, requestIds: events.map((e) => e.request_id) }, 'audit events not stored');
    }
  }
}

/** Mutations and refusals are audited; plain reads that succeed are not. */
export function isAudited(method: string, status: number): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method) || status === 401 || status === 403 || status === 429;
}

/** Refusals anyone can send in bulk without a valid key: one row per address and minute. */
export function isAggregated(status: number): boolean {
  return status === 401 || status === 429;
}

export function outcomeOf(status: number): AuditEvent['outcome'] {
  if (status === 401 || status === 403 || status === 429) return 'denied';
  return status < 400 ? 'ok' : 'failed';
}
