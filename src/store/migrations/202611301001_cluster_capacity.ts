// Frozen once merged (C12). A cluster's capacity from cmk/v2 spec.config: `cku` for Dedicated
// clusters (required there by the spec), `max_ecku` for the other kinds (optional). Dedicated
// clusters created before this were taken without cku; they get the least the spec allows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kafka_clusters').addColumn('cku', 'integer').execute();
  await db.schema.alterTable('kafka_clusters').addColumn('max_ecku', 'integer').execute();
  await db.updateTable('kafka_clusters').set({ cku: 2 }).where('config_kind', '=', 'Dedicated').where('availability', '=', 'MULTI_ZONE').execute();
  await db.updateTable('kafka_clusters').set({ cku: 1 }).where('config_kind', '=', 'Dedicated').where('cku', 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kafka_clusters').dropColumn('max_ecku').execute();
  await db.schema.alterTable('kafka_clusters').dropColumn('cku').execute();
}
