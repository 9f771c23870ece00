// Repository of the Schema Registry (issue 14): schemas by global id, subject versions, the
// registry-wide and per-subject settings, and the id counter that only grows.
import { sql, type Transaction } from 'kysely';
import type { RegisteredSchema, SchemaReference, SchemaType, SubjectVersion } from '../core/schema-registry/model.ts';
import type { StoredConfig } from '../core/schema-registry/config.ts';
import type { Executor } from './database.ts';
import type { DB } from './schema.ts';

/** The next global id of a registry; never one given out before, whatever was deleted since. */
export async function allocateSchemaId(db: Executor, registryId: string): Promise<number> {
  return bumpCounter(db, registryId, 1);
}

/**
 * Makes the transaction the registry's only writer until it ends, before it reads what it will
 * judge (a new version's compatibility): its first statement writes the registry's counter row,
 * so SQLite takes its write lock at once and PostgreSQL locks that row. Adds nothing to the count.
 */
export async function lockRegistry(tx: Transaction<DB>, registryId: string): Promise<void> {
  await bumpCounter(tx, registryId, 0);
}

async function bumpCounter(db: Executor, registryId: string, by: number): Promise<number> {
  await db.insertInto('schema_registry_counters').values({ registry_id: registryId, last_schema_id: 0 })
    .onConflict((c) => c.column('registry_id').doNothing()).execute();
  const row = await db.updateTable('schema_registry_counters').set({ last_schema_id: sql`last_schema_id + ${by}` })
    .where('registry_id', '=', registryId).returning('last_schema_id').executeTakeFirstOrThrow();
  return row.last_schema_id;
}

function toSchema(row: { id: number; schema_type: string; schema_text: string; references_json: string }): RegisteredSchema {
  return { id: row.id, schemaType: row.schema_type as SchemaType, schema: row.schema_text, references: JSON.parse(row.references_json) as SchemaReference[] };
}

export async function findSchemaByFingerprint(db: Executor, registryId: string, fingerprint: string): Promise<RegisteredSchema | undefined> {
  const row = await db.selectFrom('registry_schemas').selectAll().where('registry_id', '=', registryId).where('fingerprint', '=', fingerprint).executeTakeFirst();
  return row && toSchema(row);
}

export async function findSchemaById(db: Executor, registryId: string, id: number): Promise<RegisteredSchema | undefined> {
  const row = await db.selectFrom('registry_schemas').selectAll().where('registry_id', '=', registryId).where('id', '=', id).executeTakeFirst();
  return row && toSchema(row);
}

/** The schemas with these ids, a query per 500 (GET /schemas answers many versions at once; SQLite bounds a statement's parameters). */
export async function findSchemasByIds(db: Executor, registryId: string, ids: readonly number[]): Promise<Map<number, RegisteredSchema>> {
  const found = new Map<number, RegisteredSchema>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('registry_schemas').selectAll().where('registry_id', '=', registryId).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const row of rows) found.set(row.id, toSchema(row));
  }
  return found;
}

export async function insertSchema(db: Executor, registryId: string, schema: RegisteredSchema, fingerprint: string, at: string): Promise<void> {
  await db.insertInto('registry_schemas').values({
    registry_id: registryId, id: schema.id, schema_type: schema.schemaType, fingerprint, schema_text: schema.schema,
    references_json: JSON.stringify(schema.references), created_at: at,
  }).execute();
}

function toVersion(row: { subject: string; version: number; schema_id: number; deleted: number }): SubjectVersion {
  return { subject: row.subject, version: row.version, schemaId: row.schema_id, deleted: row.deleted === 1 };
}

/** Every version of a subject, soft-deleted ones included, oldest first. */
export async function listSubjectVersions(db: Executor, registryId: string, subject: string): Promise<SubjectVersion[]> {
  const rows = await db.selectFrom('registry_subject_versions').select(['subject', 'version', 'schema_id', 'deleted'])
    .where('registry_id', '=', registryId).where('subject', '=', subject).orderBy('version').execute();
  return rows.map(toVersion);
}

/** A subject's live versions, oldest first; only the newest with `latestOnly` (what non-transitive levels compare). */
export async function listLiveVersions(db: Executor, registryId: string, subject: string, latestOnly: boolean): Promise<SubjectVersion[]> {
  let query = db.selectFrom('registry_subject_versions').select(['subject', 'version', 'schema_id', 'deleted'])
    .where('registry_id', '=', registryId).where('subject', '=', subject).where('deleted', '=', 0);
  query = latestOnly ? query.orderBy('version', 'desc').limit(1) : query.orderBy('version');
  return (await query.execute()).map(toVersion);
}

/** The live version of a subject that holds this schema, if any. */
export async function findLiveVersionOfSchema(db: Executor, registryId: string, subject: string, schemaId: number): Promise<SubjectVersion | undefined> {
  const row = await db.selectFrom('registry_subject_versions').select(['subject', 'version', 'schema_id', 'deleted'])
    .where('registry_id', '=', registryId).where('subject', '=', subject).where('schema_id', '=', schemaId).where('deleted', '=', 0)
    .orderBy('version').executeTakeFirst();
  return row && toVersion(row);
}

/** The highest version a subject ever had that still exists (soft-deleted ones count), or 0. */
export async function lastVersion(db: Executor, registryId: string, subject: string): Promise<number> {
  const row = await db.selectFrom('registry_subject_versions').select((eb) => eb.fn.max('version').as('last'))
    .where('registry_id', '=', registryId).where('subject', '=', subject).executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** The subject versions that use a schema id, soft-deleted ones included. */
export async function versionsOfSchema(db: Executor, registryId: string, schemaId: number): Promise<SubjectVersion[]> {
  const rows = await db.selectFrom('registry_subject_versions').select(['subject', 'version', 'schema_id', 'deleted'])
    .where('registry_id', '=', registryId).where('schema_id', '=', schemaId).orderBy('subject').orderBy('version').execute();
  return rows.map(toVersion);
}

/** The versions of every subject that starts with `prefix`, by subject then version; live ones unless `includeDeleted`. */
export async function listVersionsByPrefix(db: Executor, registryId: string, prefix: string, includeDeleted: boolean): Promise<SubjectVersion[]> {
  let query = db.selectFrom('registry_subject_versions').select(['subject', 'version', 'schema_id', 'deleted']).where('registry_id', '=', registryId);
  // substr, not LIKE: a prefix holding % or _ means those characters.
  if (prefix !== '') query = query.where(sql<string>`substr(subject, 1, ${prefix.length})`, '=', prefix);
  if (!includeDeleted) query = query.where('deleted', '=', 0);
  return (await query.orderBy('subject').orderBy('version').execute()).map(toVersion);
}

export async function listSubjects(db: Executor, registryId: string, includeDeleted: boolean): Promise<string[]> {
  let query = db.selectFrom('registry_subject_versions').select('subject').distinct().where('registry_id', '=', registryId);
  if (!includeDeleted) query = query.where('deleted', '=', 0);
  return (await query.orderBy('subject').execute()).map((r) => r.subject);
}

export async function insertSubjectVersion(db: Executor, registryId: string, version: SubjectVersion, at: string): Promise<void> {
  await db.insertInto('registry_subject_versions').values({
    registry_id: registryId, subject: version.subject, version: version.version, schema_id: version.schemaId, deleted: 0, created_at: at,
  }).execute();
}

export async function softDeleteVersions(db: Executor, registryId: string, subject: string, versions: readonly number[]): Promise<void> {
  if (versions.length === 0) return;
  await db.updateTable('registry_subject_versions').set({ deleted: 1 })
    .where('registry_id', '=', registryId).where('subject', '=', subject).where('version', 'in', versions).execute();
}

export async function removeVersions(db: Executor, registryId: string, subject: string, versions: readonly number[]): Promise<void> {
  if (versions.length === 0) return;
  await db.deleteFrom('registry_subject_versions')
    .where('registry_id', '=', registryId).where('subject', '=', subject).where('version', 'in', versions).execute();
}

/** Schemas whose references name this subject version (`referencedby`), by id. */
export async function schemasReferencing(db: Executor, registryId: string, subject: string, version: number): Promise<number[]> {
  const rows = await db.selectFrom('registry_schemas').select(['id', 'references_json'])
    .where('registry_id', '=', registryId).where('references_json', '!=', '[]').orderBy('id').execute();
  return rows.filter((r) => (JSON.parse(r.references_json) as SchemaReference[]).some((ref) => ref.subject === subject && ref.version === version))
    .map((r) => r.id);
}

export interface RegistrySetting extends StoredConfig {
  mode: string | null;
}

/** subject '' is the registry-wide setting. */
export async function findSetting(db: Executor, registryId: string, subject: string): Promise<RegistrySetting | undefined> {
  const row = await db.selectFrom('registry_settings').select(['compatibility', 'mode', 'compatibility_group', 'normalize', 'alias'])
    .where('registry_id', '=', registryId).where('subject', '=', subject).executeTakeFirst();
  return row && {
    compatibility: row.compatibility, mode: row.mode, compatibilityGroup: row.compatibility_group, alias: row.alias,
    normalize: row.normalize === null ? null : row.normalize === 1,
  };
}

export async function putSetting(db: Executor, registryId: string, subject: string, changes: Partial<RegistrySetting>): Promise<void> {
  const columns = {
    ...('compatibility' in changes ? { compatibility: changes.compatibility } : {}),
    ...('mode' in changes ? { mode: changes.mode } : {}),
    ...('compatibilityGroup' in changes ? { compatibility_group: changes.compatibilityGroup } : {}),
    ...('alias' in changes ? { alias: changes.alias } : {}),
    ...('normalize' in changes ? { normalize: changes.normalize === null || changes.normalize === undefined ? null : Number(changes.normalize) } : {}),
  };
  await db.insertInto('registry_settings').values({ registry_id: registryId, subject, ...columns })
    .onConflict((c) => c.columns(['registry_id', 'subject']).doUpdateSet(columns)).execute();
}

/** Everything of a registry, its API keys included: its environment is being deleted. */
export async function deleteRegistry(db: Executor, registryId: string): Promise<void> {
  for (const table of ['registry_subject_versions', 'registry_schemas', 'registry_settings', 'schema_registry_counters'] as const) {
    await db.deleteFrom(table).where('registry_id', '=', registryId).execute();
  }
  await db.deleteFrom('api_keys').where('resource_kind', '=', 'schema_registry').where('resource_id', '=', registryId).execute();
}
