// Frozen once merged (C12). Organizations become editable (org/v2 PATCH display_name), so they
// get the updated_at every other object has; existing rows start at their created_at.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('updated_at', 'varchar(40)').execute();
  await db.updateTable('organizations').set((eb) => ({ updated_at: eb.ref('created_at') })).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('updated_at').execute();
}
