// Frozen once merged (C12). Who did what, when, with which outcome; never a secret.
import { SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('audit_events')
    .addColumn('seq', 'integer', (c) => sequence(db, c.primaryKey()))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('principal_id', 'varchar(64)')
    .addColumn('api_key_id', 'varchar(64)')
    .addColumn('operation', 'varchar(128)', (c) => c.notNull())
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('path', 'varchar(2048)', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
}

/**
 * A generated sequence column: SQLite's AUTOINCREMENT there (the DDL this migration always made),
 * an identity column elsewhere (PostgreSQL), so the same migration runs on both. Added after the
 * migration shipped; on SQLite it emits exactly what it did before, so no store changes.
 */
function sequence(db: Kysely<any>, column: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return db.getExecutor().adapter instanceof SqliteAdapter ? column.autoIncrement() : column.generatedByDefaultAsIdentity();
}
