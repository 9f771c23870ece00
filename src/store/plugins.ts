// Repository of custom plugins and their versions (connect/v1 and ccpm/v1 alike).
import type { Selectable } from 'kysely';
import type { ConnectorClassRef, ContentFormat, CustomPlugin, PluginCloud, PluginVersion, PluginVersionPhase } from '../core/plugin.ts';
import type { Executor } from './database.ts';
import { deleteCustomPools } from './pools.ts';
import type { CustomPluginTable, PluginVersionTable } from './schema.ts';

function toPlugin(row: Selectable<CustomPluginTable>): CustomPlugin {
  return {
    id: row.id, api: row.api, organizationId: row.organization_id, environmentId: row.environment_id ?? undefined,
    displayName: row.display_name, description: row.description, cloud: row.cloud as PluginCloud,
    runtimeLanguage: row.runtime_language as CustomPlugin['runtimeLanguage'], createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function toVersion(row: Selectable<PluginVersionTable>): PluginVersion {
  return {
    id: row.id, pluginId: row.plugin_id, version: row.version,
    connectorClasses: JSON.parse(row.connector_classes) as ConnectorClassRef[],
    sensitiveConfigProperties: JSON.parse(row.sensitive_config_properties) as string[],
    documentationLink: row.documentation_link, contentFormat: row.content_format as ContentFormat,
    archiveSha256: row.archive_sha256 ?? undefined, serviceManifests: row.service_manifests === 1, phase: row.phase as PluginVersionPhase, errorMessage: row.error_message,
    uploadId: row.upload_id, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function versionColumns(v: PluginVersion) {
  return {
    plugin_id: v.pluginId, version: v.version, connector_classes: JSON.stringify(v.connectorClasses),
    sensitive_config_properties: JSON.stringify(v.sensitiveConfigProperties), documentation_link: v.documentationLink,
    content_format: v.contentFormat, archive_sha256: v.archiveSha256 ?? null, service_manifests: v.serviceManifests ? 1 : 0, phase: v.phase, error_message: v.errorMessage,
    upload_id: v.uploadId, created_at: v.createdAt, updated_at: v.updatedAt,
  };
}

export async function insertPlugin(db: Executor, p: CustomPlugin): Promise<void> {
  await db.insertInto('custom_plugins').values({
    id: p.id, api: p.api, organization_id: p.organizationId, environment_id: p.environmentId ?? null, display_name: p.displayName,
    description: p.description, cloud: p.cloud, runtime_language: p.runtimeLanguage, created_at: p.createdAt, updated_at: p.updatedAt,
  }).execute();
}

export async function findPlugin(db: Executor, id: string): Promise<CustomPlugin | undefined> {
  const row = await db.selectFrom('custom_plugins').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPlugin(row);
}

export interface PluginFilter {
  api: CustomPlugin['api'];
  organizationId: string;
  environmentId?: string;
  cloud?: string;
}

export async function listPlugins(db: Executor, filter: PluginFilter): Promise<CustomPlugin[]> {
  let query = db.selectFrom('custom_plugins').selectAll().where('api', '=', filter.api).where('organization_id', '=', filter.organizationId);
  if (filter.environmentId) query = query.where('environment_id', '=', filter.environmentId);
  if (filter.cloud) query = query.where('cloud', '=', filter.cloud);
  return (await query.orderBy('created_at').orderBy('id').execute()).map(toPlugin);
}

export async function updatePlugin(db: Executor, id: string, changes: Pick<CustomPlugin, 'displayName' | 'description' | 'updatedAt'>): Promise<void> {
  await db.updateTable('custom_plugins')
    .set({ display_name: changes.displayName, description: changes.description, updated_at: changes.updatedAt })
    .where('id', '=', id).execute();
}

/** Deletes the plugin, its versions and their idle pools (callers refuse while connectors use them). */
export async function deletePlugin(db: Executor, id: string): Promise<void> {
  const versions = await db.selectFrom('plugin_versions').select('id').where('plugin_id', '=', id).execute();
  await deleteCustomPools(db, { pluginVersionIds: versions.map((v) => v.id) });
  await db.deleteFrom('plugin_versions').where('plugin_id', '=', id).execute();
  await db.deleteFrom('custom_plugins').where('id', '=', id).execute();
}

export async function insertVersion(db: Executor, v: PluginVersion): Promise<void> {
  await db.insertInto('plugin_versions').values({ id: v.id, ...versionColumns(v) }).execute();
}

export async function findVersion(db: Executor, id: string): Promise<PluginVersion | undefined> {
  const row = await db.selectFrom('plugin_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toVersion(row);
}

export async function listVersions(db: Executor, pluginId: string): Promise<PluginVersion[]> {
  const rows = await db.selectFrom('plugin_versions').selectAll().where('plugin_id', '=', pluginId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toVersion);
}

export async function listVersionsInPhase(db: Executor, phase: PluginVersion['phase']): Promise<PluginVersion[]> {
  const rows = await db.selectFrom('plugin_versions').selectAll().where('phase', '=', phase).execute();
  return rows.map(toVersion);
}

export async function findVersionsByIds(db: Executor, ids: string[]): Promise<Map<string, PluginVersion>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('plugin_versions').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, toVersion(r)]));
}

export async function updateVersion(db: Executor, v: PluginVersion): Promise<void> {
  await db.updateTable('plugin_versions').set(versionColumns(v)).where('id', '=', v.id).execute();
}

export async function deleteVersion(db: Executor, id: string): Promise<void> {
  await deleteCustomPools(db, { pluginVersionIds: [id] });
  await db.deleteFrom('plugin_versions').where('id', '=', id).execute();
}

/** Whether any version still names an archive, so its files may go only when none does. */
export async function archiveInUse(db: Executor, sha256: string): Promise<boolean> {
  return (await db.selectFrom('plugin_versions').select('id').where('archive_sha256', '=', sha256).executeTakeFirst()) !== undefined;
}
