// Frozen once merged (C12). Offsets requests of connectors (connect/v1 #13, #14): each is a job
// the reconciler runs (remember the state, stop, alter, restore) and that survives a restart.
// At most one PENDING request per connector, enforced by a partial unique index.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('offsets_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('connector_id', 'varchar(64)', (c) => c.notNull().references('connectors.id').onDelete('cascade'))
    .addColumn('request_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('offsets', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('phase', 'varchar(16)', (c) => c.notNull())
    .addColumn('step', 'varchar(16)', (c) => c.notNull())
    .addColumn('found_state', 'varchar(16)')
    .addColumn('previous_offsets', 'text')
    .addColumn('error', 'text')
    .addColumn('applied_at', 'varchar(40)')
    .addColumn('finished_at', 'varchar(40)')
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offsets_requests_one_pending').on('offsets_requests').column('connector_id').unique()
    .where(sql.ref('phase'), '=', 'PENDING').execute();
  await db.schema.createIndex('offsets_requests_by_connector').on('offsets_requests').columns(['connector_id', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('offsets_requests').execute();
}
