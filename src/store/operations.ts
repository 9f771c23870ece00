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
