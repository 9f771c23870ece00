// Repository of presigned plugin uploads (C11): rows in, core Upload out.
import type { Selectable } from 'kysely';
import type { Upload } from '../core/upload.ts';
import type { Executor } from './database.ts';
import type { UploadTable } from './schema.ts';

function toUpload(row: Selectable<UploadTable>): Upload {
  return {
    id: row.id, api: row.api, organizationId: row.organization_id, environmentId: row.environment_id,
    contentFormat: row.content_format, cloud: row.cloud, bucket: row.bucket, objectKey: row.object_key,
    createdAt: row.created_at, expiresAt: row.expires_at, completedAt: row.completed_at,
    size: row.size === null ? null : Number(row.size), sha256: row.sha256, consumedAt: row.consumed_at,
  };
}

export async function insertUpload(db: Executor, upload: Upload): Promise<void> {
  await db.insertInto('uploads').values({
    id: upload.id, api: upload.api, organization_id: upload.organizationId, environment_id: upload.environmentId,
    content_format: upload.contentFormat, cloud: upload.cloud, bucket: upload.bucket, object_key: upload.objectKey,
    created_at: upload.createdAt, expires_at: upload.expiresAt, completed_at: upload.completedAt,
    size: upload.size, sha256: upload.sha256, consumed_at: upload.consumedAt,
  }).execute();
}

export async function findUpload(db: Executor, id: string): Promise<Upload | undefined> {
  const row = await db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUpload(row);
}

export async function findUploadByObject(db: Executor, bucket: string, key: string): Promise<Upload | undefined> {
  const row = await db.selectFrom('uploads').selectAll().where('object_key', '=', key).where('bucket', '=', bucket).executeTakeFirst();
  return row && toUpload(row);
}

/** Records what arrived; an upload already used keeps what it had (false then). */
export async function completeUpload(db: Executor, id: string, done: { at: string; size: number; sha256: string }): Promise<boolean> {
  const result = await db.updateTable('uploads').set({ completed_at: done.at, size: done.size, sha256: done.sha256 })
    .where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks an upload used; false when it already was (another plugin won), so callers roll back. */
export async function consumeUpload(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('uploads').set({ consumed_at: at })
    .where('id', '=', id).where('consumed_at', 'is', null).where('completed_at', 'is not', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uploads granted before `before` that no plugin used: the sweep removes them. */
export async function unusedUploadsBefore(db: Executor, before: string, limit: number): Promise<Upload[]> {
  const rows = await db.selectFrom('uploads').selectAll().where('created_at', '<', before).where('consumed_at', 'is', null)
    .orderBy('created_at').limit(limit).execute();
  return rows.map(toUpload);
}

export async function deleteUnusedUpload(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).where('consumed_at', 'is', null).execute();
}

export async function uploadIdsExisting(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('uploads').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
