// Frozen once merged (C12). Presigned plugin uploads (issue 9): one row per grant, from the API
// that asked (connect/v1 organization-wide, ccpm/v1 in an environment) to its completion (size
// and sha256 of what arrived) and its single use by a plugin (consumed_at).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('uploads')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('api', 'varchar(16)', (c) => c.notNull())
    .addColumn('organization_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('environment_id', 'varchar(255)')
    .addColumn('content_format', 'varchar(8)', (c) => c.notNull())
    .addColumn('cloud', 'varchar(16)', (c) => c.notNull())
    .addColumn('bucket', 'varchar(255)', (c) => c.notNull())
    .addColumn('object_key', 'varchar(1024)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('completed_at', 'varchar(40)')
    .addColumn('size', 'bigint')
    .addColumn('sha256', 'varchar(64)')
    .addColumn('consumed_at', 'varchar(40)')
    .execute();
  // The sweep looks for old uploads never used.
  await db.schema.createIndex('uploads_created_at').on('uploads').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('uploads').execute();
}
