// Frozen once merged (C12). The data plane as desired state: every embedded cluster has a broker
// of its own and every managed pool a REST port, stored so they never move between starts (null:
// the installation's own ports from the settings, i.e. the bootstrap cluster and its pool). A
// connector remembers that its starting offsets are not applied yet, whether it has ever run,
// and which change its retry backoff belongs to.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kafka_clusters').addColumn('broker_port', 'integer').execute();
  await db.schema.alterTable('kafka_clusters').addColumn('controller_port', 'integer').execute();
  await db.schema.alterTable('connect_pools').addColumn('port', 'integer').execute();
  await db.schema.alterTable('connectors').addColumn('offsets_pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('connector_status').addColumn('has_run', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('connector_status').addColumn('attempt_generation', 'integer').execute();
  await sql`update connector_status set has_run = 1 where state in ('RUNNING', 'PAUSED', 'DEGRADED')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connector_status').dropColumn('attempt_generation').execute();
  await db.schema.alterTable('connector_status').dropColumn('has_run').execute();
  await db.schema.alterTable('connectors').dropColumn('offsets_pending').execute();
  await db.schema.alterTable('connect_pools').dropColumn('port').execute();
  await db.schema.alterTable('kafka_clusters').dropColumn('controller_port').execute();
  await db.schema.alterTable('kafka_clusters').dropColumn('broker_port').execute();
}
