// connect/v1 custom connector plugins (CONTRACT §2.1): organization-level, one archive each. A
// create takes the upload, inspects the archive and stores the plugin ready to run, or refuses;
// a PATCH changes what may change; a delete is refused while a connector runs the plugin.
import { randomBytes } from 'node:crypto';
import { AlreadyExists, Conflict, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { ConnectorClassRef, ContentFormat, CustomPlugin, PluginCloud, PluginVersion } from '../core/plugin.ts';
import * as input from '../core/plugin-input.ts';
import { countConnectorsOfVersion } from '../store/connectors.ts';
import type { Executor, Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import * as repo from '../store/plugins.ts';
import type { KeptArchive, PluginArtifacts } from './plugin-artifacts.ts';

/** A connect/v1 plugin: the plugin and its one version, as the API shows them together. */
export interface ConnectPlugin {
  plugin: CustomPlugin;
  version: PluginVersion;
}

/** What create and PATCH take, as their schemas let it through (values checked in core). */
export interface ConnectPluginInput {
  display_name?: unknown;
  description?: unknown;
  documentation_link?: unknown;
  connector_class?: unknown;
  connector_type?: unknown;
  cloud?: unknown;
  sensitive_config_properties?: unknown;
  /** The product page's spelling (CONTRACT Q18). */
  sensitive_properties?: unknown;
  runtime_language?: unknown;
  upload_source?: unknown;
}

/** How long a create waits for the runtime on a first start before it answers 503. */
const REGISTRATION_WAIT_MS = 30_000;

/** What a create checked, ready to be stored. */
interface Made {
  organizationId: string;
  fields: { displayName: string; description: string; cloud: PluginCloud; runtimeLanguage: 'JAVA'; documentationLink: string; sensitive: string[] };
  connectorClass: ConnectorClassRef;
  uploadId: string;
  kept: KeptArchive;
  contentFormat: ContentFormat;
}

export class CustomPluginService {
  constructor(private readonly db: Store, private readonly artifacts: PluginArtifacts, private readonly now: () => Date) {}

  async list(organizationId: string, cloud?: string): Promise<ConnectPlugin[]> {
    const plugins = await repo.listPlugins(this.db, { api: 'connect/v1', organizationId, cloud: cloud?.toUpperCase() });
    return Promise.all(plugins.map(async (plugin) => ({ plugin, version: await this.versionOf(plugin) })));
  }

  async get(organizationId: string, id: string): Promise<ConnectPlugin> {
    const plugin = await repo.findPlugin(this.db, id);
    if (!plugin || plugin.api !== 'connect/v1' || plugin.organizationId !== organizationId) throw new NotFound(`Custom connector plugin ${id} was not found`);
    return { plugin, version: await this.versionOf(plugin) };
  }

  async create(organizationId: string, body: ConnectPluginInput, actor: string): Promise<ConnectPlugin> {
    const connectorClass = { className: input.connectorClass(body.connector_class, '/connector_class'), type: input.connectorType(body.connector_type, '/connector_type') };
    const fields = {
      displayName: input.displayName(body.display_name, '/display_name'), description: input.description(body.description, '/description'),
      cloud: input.cloud(body.cloud, '/cloud', 'AWS'), runtimeLanguage: input.runtimeLanguage(body.runtime_language, '/runtime_language'),
      documentationLink: input.documentationLink(body.documentation_link, '/documentation_link'),
      sensitive: input.sensitiveProperties(body.sensitive_config_properties ?? body.sensitive_properties, '/sensitive_config_properties'),
    };
    const uploadId = input.uploadId(body.upload_source, '/upload_source');
    await this.refuseTakenName(organizationId, fields.displayName);
    const scope = { api: 'connect/v1' as const, organizationId };
    const opened = await this.artifacts.open(uploadId, scope);
    try {
      const created = await this.artifacts.keep(opened, [connectorClass], (kept) => this.insert(actor, {
        organizationId, fields, connectorClass, uploadId, kept, contentFormat: opened.upload.contentFormat,
      }, (tx) => this.artifacts.consume(uploadId, scope, tx)), REGISTRATION_WAIT_MS);
      await this.artifacts.discard(uploadId);
      return created;
    } finally {
      await opened.release();
    }
  }

  /** Only sent fields change; connector_class, connector_type and cloud may be sent unchanged. */
  async update(organizationId: string, id: string, body: ConnectPluginInput, actor: string): Promise<ConnectPlugin> {
    const { plugin, version } = await this.get(organizationId, id);
    const [current] = version.connectorClasses;
    input.unchanged(body.connector_class, current?.className, (v) => input.connectorClass(v, '/connector_class'), '/connector_class');
    input.unchanged(body.connector_type, current?.type, (v) => input.connectorType(v, '/connector_type'), '/connector_type');
    input.unchanged(body.cloud, plugin.cloud, (v) => input.cloud(v, '/cloud'), '/cloud');
    const at = this.now().toISOString();
    const next: ConnectPlugin = {
      plugin: {
        ...plugin, updatedAt: at,
        displayName: body.display_name === undefined ? plugin.displayName : input.displayName(body.display_name, '/display_name'),
        description: body.description === undefined ? plugin.description : input.description(body.description, '/description'),
      },
      version: {
        ...version, updatedAt: at,
        documentationLink: body.documentation_link === undefined ? version.documentationLink : input.documentationLink(body.documentation_link, '/documentation_link'),
        sensitiveConfigProperties: body.sensitive_config_properties === undefined && body.sensitive_properties === undefined
          ? version.sensitiveConfigProperties : input.sensitiveProperties(body.sensitive_config_properties ?? body.sensitive_properties, '/sensitive_config_properties'),
      },
    };
    if (next.plugin.displayName !== plugin.displayName) await this.refuseTakenName(organizationId, next.plugin.displayName);
    await withOperation(this.db, { operation: 'connect.custom_plugin.update', resourceId: id, actor, at }, async (tx) => {
      await repo.updatePlugin(tx, id, next.plugin);
      await repo.updateVersion(tx, next.version);
    });
    return next;
  }

  async delete(organizationId: string, id: string, actor: string): Promise<void> {
    const { version } = await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'connect.custom_plugin.delete', resourceId: id, actor, at }, async (tx) => {
      const users = await countConnectorsOfVersion(tx, version.id);
      if (users > 0) throw new Conflict(`Custom connector plugin ${id} is used by ${users} connector(s); delete them first`);
      await repo.deletePlugin(tx, id);
    });
    await this.artifacts.forget(version.archiveSha256);
  }

  private async insert(actor: string, made: Made, useUpload: (tx: Executor) => Promise<unknown>): Promise<ConnectPlugin> {
    const at = this.now().toISOString();
    const { fields } = made;
    const plugin: CustomPlugin = {
      id: newId('customPlugin', randomBytes), api: 'connect/v1', organizationId: made.organizationId, environmentId: undefined, displayName: fields.displayName,
      description: fields.description, cloud: fields.cloud, runtimeLanguage: fields.runtimeLanguage, createdAt: at, updatedAt: at,
    };
    const version: PluginVersion = {
      id: newId('pluginVersion', randomBytes), pluginId: plugin.id, version: '1', connectorClasses: [made.connectorClass],
      sensitiveConfigProperties: fields.sensitive, documentationLink: fields.documentationLink, contentFormat: made.contentFormat,
      archiveSha256: made.kept.sha256, serviceManifests: made.kept.serviceManifests,
      phase: 'READY', errorMessage: '', uploadId: made.uploadId, createdAt: at, updatedAt: at,
    };
    await withOperation(this.db, { operation: 'connect.custom_plugin.create', resourceId: plugin.id, actor, at, detail: { sha256: made.kept.sha256 } }, async (tx) => {
      await useUpload(tx);
      await repo.insertPlugin(tx, plugin);
      await repo.insertVersion(tx, version);
    });
    return { plugin, version };
  }

  private async versionOf(plugin: CustomPlugin): Promise<PluginVersion> {
    const [version] = await repo.listVersions(this.db, plugin.id);
    if (!version) throw new NotFound(`Custom connector plugin ${plugin.id} was not found`);
    return version;
  }

  private async refuseTakenName(organizationId: string, displayName: string): Promise<void> {
    const plugins = await repo.listPlugins(this.db, { api: 'connect/v1', organizationId });
    if (plugins.some((p) => p.displayName === displayName)) throw new AlreadyExists(`A custom connector plugin named "${displayName}" already exists`);
  }

}
