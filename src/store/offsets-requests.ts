// Repository of offsets requests (C11): the one place their JSON columns are encoded. One
// PENDING request per connector: a second is refused here (Conflict), whatever the database
// says it in.
import type { Selectable } from 'kysely';
import type { ConnectorOffset } from '../core/connector-offsets.ts';
import { Conflict } from '../core/errors.ts';
import type { OffsetsRequest } from '../core/offsets-request.ts';
import type { Executor } from './database.ts';
import type { OffsetsRequestTable } from './schema.ts';

function toRequest(row: Selectable<OffsetsRequestTable>): OffsetsRequest {
  return {
    id: row.id, connectorId: row.connector_id, type: row.request_type, offsets: JSON.parse(row.offsets) as ConnectorOffset[],
    requestedAt: row.requested_at, phase: row.phase, step: row.step, foundState: row.found_state,
    previousOffsets: row.previous_offsets === null ? null : JSON.parse(row.previous_offsets) as unknown[],
    error: row.error, appliedAt: row.applied_at, finishedAt: row.finished_at, updatedAt: row.updated_at,
  };
}

const busy = (name: string) => new Conflict(`An offsets request for connector "${name}" is still PENDING; wait until it is APPLIED or FAILED`);

/** Stores a new PENDING request; Conflict when the connector already has one. */
export async function insertOffsetsRequest(db: Executor, request: OffsetsRequest, connectorName: string): Promise<void> {
  if (await findPendingOffsetsRequest(db, request.connectorId)) throw busy(connectorName);
  try {
    await db.insertInto('offsets_requests').values({
      id: request.id, connector_id: request.connectorId, request_type: request.type, offsets: JSON.stringify(request.offsets),
      requested_at: request.requestedAt, phase: request.phase, step: request.step, found_state: request.foundState,
      previous_offsets: request.previousOffsets && JSON.stringify(request.previousOffsets), error: request.error,
      applied_at: request.appliedAt, finished_at: request.finishedAt, updated_at: request.updatedAt,
    }).execute();
  } catch (err) {
    // Two requests racing past the lookup: the partial unique index has the last word.
    if (await findPendingOffsetsRequest(db, request.connectorId).catch(() => undefined)) throw busy(connectorName);
    throw err;
  }
}

export async function findPendingOffsetsRequest(db: Executor, connectorId: string): Promise<OffsetsRequest | undefined> {
  const row = await db.selectFrom('offsets_requests').selectAll()
    .where('connector_id', '=', connectorId).where('phase', '=', 'PENDING').executeTakeFirst();
  return row && toRequest(row);
}

/** The connector's newest request, whatever its phase. */
export async function findLatestOffsetsRequest(db: Executor, connectorId: string): Promise<OffsetsRequest | undefined> {
  const row = await db.selectFrom('offsets_requests').selectAll()
    .where('connector_id', '=', connectorId).orderBy('requested_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return row && toRequest(row);
}

export type OffsetsRequestChanges = Partial<Pick<OffsetsRequest,
  'phase' | 'step' | 'foundState' | 'previousOffsets' | 'error' | 'appliedAt' | 'finishedAt'>> & { updatedAt: string };

export async function updateOffsetsRequest(db: Executor, id: string, changes: OffsetsRequestChanges): Promise<void> {
  await db.updateTable('offsets_requests').set({
    phase: changes.phase,
    step: changes.step,
    found_state: changes.foundState,
    previous_offsets: changes.previousOffsets === undefined ? undefined : changes.previousOffsets && JSON.stringify(changes.previousOffsets),
    error: changes.error,
    applied_at: changes.appliedAt,
    finished_at: changes.finishedAt,
    updated_at: changes.updatedAt,
  }).where('id', '=', id).execute();
}
