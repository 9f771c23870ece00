// Issue 14: a registry's and a subject's config beyond the compatibility level (group, normalize,
// alias), kept so that clients read back what they set (core/schema-registry/config.ts).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registry_settings').addColumn('compatibility_group', 'varchar(255)').execute();
  await db.schema.alterTable('registry_settings').addColumn('normalize', 'integer').execute();
  await db.schema.alterTable('registry_settings').addColumn('alias', 'varchar(255)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['alias', 'normalize', 'compatibility_group']) await db.schema.alterTable('registry_settings').dropColumn(column).execute();
}
