// Frozen once merged (C12). Custom connector plugins (connect/v1 and ccpm/v1) and their versions,
// the archives that run; custom connectors name the version they run, in a pool of its own.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('custom_plugins')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('api', 'varchar(16)', (c) => c.notNull())
    .addColumn('organization_id', 'varchar(64)', (c) => c.notNull().references('organizations.id'))
    .addColumn('environment_id', 'varchar(64)')
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)', (c) => c.notNull())
    .addColumn('cloud', 'varchar(16)', (c) => c.notNull())
    .addColumn('runtime_language', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('plugin_versions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('plugin_id', 'varchar(64)', (c) => c.notNull().references('custom_plugins.id'))
    .addColumn('version', 'varchar(64)', (c) => c.notNull())
    .addColumn('connector_classes', 'text', (c) => c.notNull())
    .addColumn('sensitive_config_properties', 'text', (c) => c.notNull())
    .addColumn('documentation_link', 'varchar(1024)', (c) => c.notNull())
    .addColumn('content_format', 'varchar(8)', (c) => c.notNull())
    .addColumn('archive_sha256', 'varchar(64)')
    .addColumn('phase', 'varchar(16)', (c) => c.notNull())
    .addColumn('error_message', 'varchar(1024)', (c) => c.notNull())
    .addColumn('upload_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plugin_versions_version').on('plugin_versions').columns(['plugin_id', 'version']).unique().execute();

  // A custom connector runs one plugin version, in that version's pool for its cluster.
  await db.schema.alterTable('connectors').addColumn('plugin_version_id', 'varchar(64)').execute();
  await db.schema.alterTable('connectors').addColumn('connect_pool_id', 'varchar(64)').execute();
  await db.schema.alterTable('connect_pools').addColumn('plugin_version_id', 'varchar(64)').execute();
  await db.schema.alterTable('connect_pools').addColumn('kafka_cluster_id', 'varchar(64)').execute();
  // One pool per plugin version and cluster, however many connectors ask for it at once.
  await db.schema.createIndex('connect_pools_custom').on('connect_pools').columns(['plugin_version_id', 'kafka_cluster_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('connect_pools_custom').execute();
  await db.schema.alterTable('connect_pools').dropColumn('kafka_cluster_id').execute();
  await db.schema.alterTable('connect_pools').dropColumn('plugin_version_id').execute();
  await db.schema.alterTable('connectors').dropColumn('connect_pool_id').execute();
  await db.schema.alterTable('connectors').dropColumn('plugin_version_id').execute();
  await db.schema.dropTable('plugin_versions').execute();
  await db.schema.dropTable('custom_plugins').execute();
}
