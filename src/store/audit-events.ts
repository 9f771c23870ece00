// Repository of the audit table: rows are written as they come and deleted past their retention.
import type { Executor } from './database.ts';
import type { AuditEventTable } from './schema.ts';

/** One row of the audit log; the same fields make its JSON line in `audit.log`. */
export type AuditEvent = Omit<AuditEventTable, 'seq'>;

/** Rows per INSERT, well under the limits databases put on bound parameters. */
const INSERT_CHUNK = 500;

export async function insertAuditEvents(db: Executor, events: AuditEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    await db.insertInto('audit_events').values(events.slice(i, i + INSERT_CHUNK)).execute();
  }
}

/** Deletes rows written before `cutoff` (RFC3339); returns how many. */
export async function deleteAuditEventsBefore(db: Executor, cutoff: string): Promise<number> {
  const result = await db.deleteFrom('audit_events').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
