// Frozen once merged (C12). Schema Registry (issue 14): each environment's registry `lsrc-…` (its
// id is derived from the environment's, so every environment, old or new, has one without rows
// here). Schemas keep their global id for ever: the per-registry counter only grows, and a
// schema row outlives the subject versions that use it, so an id is never given to another schema.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('schema_registry_counters')
    .addColumn('registry_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('last_schema_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createTable('registry_schemas')
    .addColumn('registry_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('schema_type', 'varchar(16)', (c) => c.notNull())
    /** sha-256 of type, canonical text and references: equal schemas share an id. */
    .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('schema_text', 'text', (c) => c.notNull())
    /** JSON array of {name, subject, version}. */
    .addColumn('references_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_schemas_pk', ['registry_id', 'id'])
    .addUniqueConstraint('registry_schemas_fingerprint', ['registry_id', 'fingerprint'])
    .execute();
  await db.schema.createTable('registry_subject_versions')
    .addColumn('registry_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('schema_id', 'integer', (c) => c.notNull())
    /** 1 after a soft delete: hidden from reads, its schema id still resolves. */
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_subject_versions_pk', ['registry_id', 'subject', 'version'])
    .execute();
  await db.schema.createIndex('registry_subject_versions_by_schema').on('registry_subject_versions').columns(['registry_id', 'schema_id']).execute();
  await db.schema.createTable('registry_settings')
    .addColumn('registry_id', 'varchar(64)', (c) => c.notNull())
    /** '' for the registry-wide (global) setting. */
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('compatibility', 'varchar(32)')
    .addColumn('mode', 'varchar(32)')
    .addPrimaryKeyConstraint('registry_settings_pk', ['registry_id', 'subject'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['registry_settings', 'registry_subject_versions', 'registry_schemas', 'schema_registry_counters']) await db.schema.dropTable(table).execute();
}
