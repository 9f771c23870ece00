// Frozen once merged (C12): Kysely<any>, no imports from src/, portable column types.
import { SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('organizations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('environments')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('organization_id', 'varchar(64)', (c) => c.notNull().references('organizations.id'))
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('connect_pools')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('rest_url', 'varchar(1024)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('kafka_clusters')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('environment_id', 'varchar(64)', (c) => c.notNull().references('environments.id'))
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('bootstrap_servers', 'varchar(1024)')
    .addColumn('cloud', 'varchar(16)', (c) => c.notNull())
    .addColumn('region', 'varchar(64)', (c) => c.notNull())
    .addColumn('connect_pool_id', 'varchar(64)', (c) => c.notNull().references('connect_pools.id'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('principals')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('organization_id', 'varchar(64)', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('api_keys')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(64)', (c) => c.notNull().references('principals.id'))
    .addColumn('resource_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('resource_id', 'varchar(64)')
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('role_bindings')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('principal_id', 'varchar(64)', (c) => c.notNull().references('principals.id'))
    .addColumn('role_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('crn_pattern', 'varchar(1024)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('operations')
    .addColumn('seq', 'integer', (c) => sequence(db, c.primaryKey()))
    .addColumn('operation', 'varchar(128)', (c) => c.notNull())
    .addColumn('resource_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('actor', 'varchar(255)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['operations', 'role_bindings', 'api_keys', 'principals', 'kafka_clusters', 'connect_pools', 'environments', 'organizations']) {
    await db.schema.dropTable(table).execute();
  }
}

/**
 * A generated sequence column: SQLite's AUTOINCREMENT there (the DDL this migration always made),
 * an identity column elsewhere (PostgreSQL), so the same migration runs on both. Added after the
 * migration shipped; on SQLite it emits exactly what it did before, so no store changes.
 */
function sequence(db: Kysely<any>, column: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return db.getExecutor().adapter instanceof SqliteAdapter ? column.autoIncrement() : column.generatedByDefaultAsIdentity();
}
