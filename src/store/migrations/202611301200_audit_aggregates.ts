// Frozen once merged (C12). Issue 7.10: the client address of each audit event, and a count, so
// repeated refusals from one address are one row per minute; `at` is indexed for retention.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('address', 'varchar(64)').execute();
  await db.schema.alterTable('audit_events').addColumn('count', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_at').execute();
  await db.schema.alterTable('audit_events').dropColumn('count').execute();
  await db.schema.alterTable('audit_events').dropColumn('address').execute();
}
