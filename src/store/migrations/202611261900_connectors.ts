// Frozen once merged (C12). Desired state of connectors and what the engine last reported.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('connectors')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('environment_id', 'varchar(64)', (c) => c.notNull().references('environments.id'))
    .addColumn('kafka_cluster_id', 'varchar(64)', (c) => c.notNull().references('kafka_clusters.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('plugin', 'varchar(255)', (c) => c.notNull())
    .addColumn('connector_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('secret_config', 'text', (c) => c.notNull())
    .addColumn('desired_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('initial_offsets', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('deleted_at', 'varchar(40)')
    .execute();
  // A name is unique among live connectors of a cluster; a deleted one frees it at once.
  await db.schema.createIndex('connectors_live_name').on('connectors').columns(['kafka_cluster_id', 'name']).unique()
    .where(sql.ref('deleted_at'), 'is', null).execute();

  await db.schema.createTable('connector_status')
    .addColumn('connector_id', 'varchar(64)', (c) => c.primaryKey().references('connectors.id').onDelete('cascade'))
    .addColumn('state', 'varchar(32)', (c) => c.notNull())
    .addColumn('trace', 'text', (c) => c.notNull())
    .addColumn('tasks', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_error', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'varchar(40)')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('connector_status').execute();
  await db.schema.dropTable('connectors').execute();
}
