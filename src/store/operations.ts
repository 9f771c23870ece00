// The operation record every mutation commits with (C11): what, on what, by whom, when.
import type { Transaction } from 'kysely';
import type { Executor, Store } from './database.ts';
import type { DB } from './schema.ts';

export interface OperationRecord {
  operation: string;
  resourceId: string;
  actor: string;
  detail?: Record<string, unknown>;
  at: string;
}

/** A mutation and its operation record commit together or not at all (C11). */
export async function withOperation<T>(db: Store, op: OperationRecord, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const result = await work(tx);
    await recordOperation(tx, op);
    return result;
  });
}

export async function recordOperation(db: Executor, op: OperationRecord): Promise<void> {
  await db.insertInto('operations').values({
    operation: op.operation,
    resource_id: op.resourceId,
    actor: op.actor,
    detail: JSON.stringify(op.detail ?? {}),
    created_at: op.at,
  }).execute();
}

export interface StoredOperation extends OperationRecord {
  seq: number;
}

/** A resource's operation records, newest first (its history, issue 11). */
export async function listOperationsOf(db: Executor, resourceId: string, limit: number): Promise<StoredOperation[]> {
  const rows = await db.selectFrom('operations').selectAll().where('resource_id', '=', resourceId)
    .orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    seq: r.seq, operation: r.operation, resourceId: r.resource_id, actor: r.actor, at: r.created_at,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
