// Frozen once merged (C12). Automatic restarts (issue 11): how many since the connector was last
// stable, when the next one is due, when the last one ran, and the class of the failure seen.
import type { Kysely } from 'kysely';

const COLUMNS = ['restart_attempts', 'next_restart_at', 'last_restart_at', 'failure_class'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connector_status').addColumn('restart_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('connector_status').addColumn('next_restart_at', 'text').execute();
  await db.schema.alterTable('connector_status').addColumn('last_restart_at', 'text').execute();
  await db.schema.alterTable('connector_status').addColumn('failure_class', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('connector_status').dropColumn(column).execute();
}
