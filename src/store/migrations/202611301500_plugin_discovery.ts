// Frozen once merged (C12). Whether a plugin version's archive declares every plugin in a
// ServiceLoader manifest, so its pool may skip Connect's reflective scan. Versions kept before
// this say no: their pools keep scanning, as they did.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plugin_versions').addColumn('service_manifests', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plugin_versions').dropColumn('service_manifests').execute();
}
