// Frozen once merged (C12). What cmk/v2 shows of a cluster beyond its address.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kafka_clusters').addColumn('availability', 'varchar(32)', (c) => c.notNull().defaultTo('SINGLE_ZONE')).execute();
  await db.schema.alterTable('kafka_clusters').addColumn('config_kind', 'varchar(32)', (c) => c.notNull().defaultTo('Basic')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kafka_clusters').dropColumn('config_kind').execute();
  await db.schema.alterTable('kafka_clusters').dropColumn('availability').execute();
}
