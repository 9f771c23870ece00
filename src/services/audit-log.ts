// The audit log (issue #4): every mutation and every denied request, to a table and to a
// JSON-lines file. It records who (principal, key id), what (operation, method, path), when and
// the outcome; bodies, headers and secrets never enter it.
import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Store } from '../store/database.ts';
import type { AuditEventTable } from '../store/schema.ts';

export type AuditEvent = Omit<AuditEventTable, 'seq'>;

export class AuditLog {
  private readonly file: fs.WriteStream;

  constructor(private readonly db: Store, file: string, private readonly log: Logger) {
    this.file = fs.createWriteStream(file, { flags: 'a', mode: 0o600 });
  }

  async record(event: AuditEvent): Promise<void> {
    await new Promise((resolve) => this.file.write(`${JSON.stringify(event)}\n`, resolve));
    try {
      await this.db.insertInto('audit_events').values(event).execute();
    } catch (err) {
      this.log.error({ err, requestId: event.request_id }, 'audit event not stored');
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.file.end(resolve));
  }
}

/** Mutations and refusals are audited; plain reads that succeed are not. */
export function isAudited(method: string, status: number): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method) || status === 401 || status === 403 || status === 429;
}

export function outcomeOf(status: number): AuditEvent['outcome'] {
  if (status === 401 || status === 403 || status === 429) return 'denied';
  return status < 400 ? 'ok' : 'failed';
}
