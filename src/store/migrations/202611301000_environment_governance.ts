// Frozen once merged (C12). An environment's Stream Governance package (org/v2
// stream_governance_config.package); existing environments read as ESSENTIALS, the default.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('environments').addColumn('stream_governance_package', 'varchar(32)', (c) => c.notNull().defaultTo('ESSENTIALS')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('environments').dropColumn('stream_governance_package').execute();
}
