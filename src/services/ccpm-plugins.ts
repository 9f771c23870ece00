// ccpm/v1 Custom Connect Plugin Management (CONTRACT §2.3): plugins belong to an environment and
// have immutable versions. A version is created PROCESSING (its upload taken at once, so a bad
// upload id is a 400), its archive inspected in the background, then READY or FAILED with why.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { AlreadyExists, Conflict, InvalidRequest, NotFound } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { CustomPlugin, PluginCloud, PluginVersion } from '../core/plugin.ts';
import * as input from '../core/plugin-input.ts';
import { countConnectorsOfVersion } from '../store/connectors.ts';
import type { Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import * as repo from '../store/plugins.ts';
import type { EnvironmentService } from './environments.ts';
import type { OpenedUpload, PluginArtifacts } from './plugin-artifacts.ts';

export interface CcpmPluginInput {
  display_name?: unknown;
  description?: unknown;
  cloud?: unknown;
}

export interface CcpmVersionInput {
  version?: unknown;
  connector_classes?: unknown;
  sensitive_config_properties?: unknown;
  documentation_link?: unknown;
  upload_source?: unknown;
}

/** Where a request named something: a body field (JSON pointer) or a query or path parameter. */
type Given = { pointer: string } | { parameter: string };

export interface CcpmDeps {
  db: Store;
  environments: EnvironmentService;
  artifacts: PluginArtifacts;
  log: Logger;
  now: () => Date;
}

/** The 202 is given already: an inspection may wait for a first start's Maven install that long. */
const INSPECTION_WAIT_MS = 15 * 60_000;

export class CcpmPluginService {
  /** Inspections under way, so a stop can wait for them. */
  private readonly inspecting = new Set<Promise<void>>();

  constructor(private readonly deps: CcpmDeps) {}

  async list(organizationId: string, environmentId: string, cloud?: string): Promise<CustomPlugin[]> {
    await this.requireEnvironment(organizationId, environmentId, { parameter: 'environment' });
    return repo.listPlugins(this.deps.db, { api: 'ccpm/v1', organizationId, environmentId, cloud: cloud?.toUpperCase() });
  }

  async get(organizationId: string, environmentId: string, id: string): Promise<CustomPlugin> {
    const plugin = await this.find(organizationId, environmentId, id);
    if (!plugin) throw new NotFound(`Custom connect plugin ${id} was not found`);
    return plugin;
  }

  async create(organizationId: string, environmentId: string, body: CcpmPluginInput, actor: string): Promise<CustomPlugin> {
    await this.requireEnvironment(organizationId, environmentId, { pointer: '/spec/environment/id' });
    const at = this.deps.now().toISOString();
    const plugin: CustomPlugin = {
      id: newId('customPlugin', randomBytes), api: 'ccpm/v1', organizationId, environmentId,
      displayName: input.displayName(body.display_name, '/spec/display_name'), description: input.description(body.description, '/spec/description'),
      cloud: input.cloud(body.cloud, '/spec/cloud') as PluginCloud, runtimeLanguage: 'JAVA', createdAt: at, updatedAt: at,
    };
    const existing = await repo.listPlugins(this.deps.db, { api: 'ccpm/v1', organizationId, environmentId });
    if (existing.some((p) => p.displayName === plugin.displayName)) throw new AlreadyExists(`A plugin named "${plugin.displayName}" already exists in ${environmentId}`);
    await withOperation(this.deps.db, { operation: 'ccpm.plugin.create', resourceId: plugin.id, actor, at }, (tx) => repo.insertPlugin(tx, plugin));
    return plugin;
  }

  async update(organizationId: string, environmentId: string, id: string, body: CcpmPluginInput, actor: string): Promise<CustomPlugin> {
    const plugin = await this.get(organizationId, environmentId, id);
    input.unchanged(body.cloud, plugin.cloud, (v) => input.cloud(v, '/spec/cloud'), '/spec/cloud');
    const next = {
      ...plugin, updatedAt: this.deps.now().toISOString(),
      displayName: body.display_name === undefined ? plugin.displayName : input.displayName(body.display_name, '/spec/display_name'),
      description: body.description === undefined ? plugin.description : input.description(body.description, '/spec/description'),
    };
    await withOperation(this.deps.db, { operation: 'ccpm.plugin.update', resourceId: id, actor, at: next.updatedAt }, (tx) => repo.updatePlugin(tx, id, next));
    return next;
  }

  /** Deletes the plugin and its versions; refused (409) while a connector runs any of them. */
  async delete(organizationId: string, environmentId: string, id: string, actor: string): Promise<void> {
    await this.get(organizationId, environmentId, id);
    const versions = await repo.listVersions(this.deps.db, id);
    await withOperation(this.deps.db, { operation: 'ccpm.plugin.delete', resourceId: id, actor, at: this.deps.now().toISOString() }, async (tx) => {
      for (const version of versions) await this.refuseInUse(tx, version);
      await repo.deletePlugin(tx, id);
    });
    for (const version of versions) await this.deps.artifacts.forget(version.archiveSha256);
  }

  async listVersions(organizationId: string, environmentId: string, pluginId: string): Promise<PluginVersion[]> {
    await this.parent(organizationId, environmentId, pluginId, { parameter: 'environment' });
    return repo.listVersions(this.deps.db, pluginId);
  }

  async getVersion(organizationId: string, environmentId: string, pluginId: string, id: string): Promise<PluginVersion> {
    await this.get(organizationId, environmentId, pluginId);
    const version = await repo.findVersion(this.deps.db, id);
    if (!version || version.pluginId !== pluginId) throw new NotFound(`Plugin version ${id} was not found`);
    return version;
  }

  async createVersion(organizationId: string, environmentId: string, pluginId: string, body: CcpmVersionInput, actor: string): Promise<PluginVersion> {
    await this.parent(organizationId, environmentId, pluginId, { pointer: '/spec/environment/id' });
    const at = this.deps.now().toISOString();
    const version: PluginVersion = {
      id: newId('pluginVersion', randomBytes), pluginId, version: input.semanticVersion(body.version, '/spec/version'),
      connectorClasses: input.connectorClasses(body.connector_classes, '/spec/connector_classes'),
      sensitiveConfigProperties: input.sensitiveProperties(body.sensitive_config_properties, '/spec/sensitive_config_properties'),
      documentationLink: input.documentationLink(body.documentation_link, '/spec/documentation_link'), contentFormat: 'ZIP',
      archiveSha256: undefined, serviceManifests: false, phase: 'PROCESSING', errorMessage: '', uploadId: input.uploadId(body.upload_source, '/spec/upload_source'), createdAt: at, updatedAt: at,
    };
    if ((await repo.listVersions(this.deps.db, pluginId)).some((v) => v.version === version.version)) {
      throw new AlreadyExists(`Version ${version.version} of plugin ${pluginId} already exists`);
    }
    // Opened and used up now, so an unknown, unfinished or used upload is refused at once rather
    // than becoming a FAILED version; the archive is inspected after the 202.
    const scope = { api: 'ccpm/v1' as const, organizationId, environmentId };
    const opened = await this.deps.artifacts.open(version.uploadId, scope);
    const created = { ...version, contentFormat: opened.upload.contentFormat };
    try {
      await withOperation(this.deps.db, { operation: 'ccpm.plugin_version.create', resourceId: version.id, actor, at, detail: { plugin: pluginId } }, async (tx) => {
        await this.deps.artifacts.consume(version.uploadId, scope, tx);
        await repo.insertVersion(tx, created);
      });
    } catch (err) {
      await opened.release();
      throw err;
    }
    this.track(this.inspect(created, opened));
    return created;
  }

  async deleteVersion(organizationId: string, environmentId: string, pluginId: string, id: string, actor: string): Promise<void> {
    const version = await this.getVersion(organizationId, environmentId, pluginId, id);
    await withOperation(this.deps.db, { operation: 'ccpm.plugin_version.delete', resourceId: id, actor, at: this.deps.now().toISOString() }, async (tx) => {
      await this.refuseInUse(tx, version);
      await repo.deleteVersion(tx, id);
    });
    await this.deps.artifacts.forget(version.archiveSha256);
  }

  /** Versions a stopped control plane left PROCESSING were never inspected: FAILED, saying so. */
  async failInterrupted(): Promise<void> {
    for (const version of await repo.listVersionsInPhase(this.deps.db, 'PROCESSING')) {
      await repo.updateVersion(this.deps.db, { ...version, phase: 'FAILED', errorMessage: 'Interrupted by a restart of Cirrus: upload the archive again as a new version', updatedAt: this.deps.now().toISOString() });
      await this.deps.artifacts.discard(version.uploadId);
    }
  }

  /** Waits for inspections under way (on stop). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inspecting]);
  }

  private async inspect(version: PluginVersion, opened: OpenedUpload): Promise<void> {
    try {
      await this.deps.artifacts.keep(opened, version.connectorClasses, (kept) => this.settleVersion(version.id, {
        phase: 'READY', errorMessage: '', archiveSha256: kept.sha256, serviceManifests: kept.serviceManifests,
      }), INSPECTION_WAIT_MS);
    } catch (err) {
      // Deleted while it was inspected: nothing left to tell.
      if (!(await repo.findVersion(this.deps.db, version.id))) return;
      // The reason reaches the client (status.error_message, ≤ 256): domain errors say it safely.
      const known = (err as { kind?: string }).kind !== undefined;
      if (!known) this.deps.log.error({ err, versionId: version.id }, 'plugin inspection failed');
      const message = known ? (err as Error).message : 'The plugin archive could not be inspected';
      await this.settleVersion(version.id, { phase: 'FAILED', errorMessage: message.slice(0, 256), archiveSha256: undefined, serviceManifests: false });
    } finally {
      await opened.release();
      await this.deps.artifacts.discard(version.uploadId);
    }
  }

  private async settleVersion(id: string, outcome: Pick<PluginVersion, 'phase' | 'errorMessage' | 'archiveSha256' | 'serviceManifests'>): Promise<void> {
    const current = await repo.findVersion(this.deps.db, id);
    // Deleted while it was inspected: nothing to record (keep() then removes the archive).
    if (!current) throw new NotFound(`Plugin version ${id} was deleted while it was inspected`);
    await repo.updateVersion(this.deps.db, { ...current, ...outcome, updatedAt: this.deps.now().toISOString() });
  }

  private async find(organizationId: string, environmentId: string, id: string): Promise<CustomPlugin | undefined> {
    const plugin = await repo.findPlugin(this.deps.db, id);
    const ours = plugin?.api === 'ccpm/v1' && plugin.organizationId === organizationId && plugin.environmentId === environmentId;
    return ours ? plugin : undefined;
  }

  /**
   * The environment a list or create names. Those routes declare no 404 in ccpm-v1.yaml (only the
   * routes of one plugin or version do), so a reference to nothing is a 400 naming where it was given.
   */
  private async requireEnvironment(organizationId: string, environmentId: string, given: Given): Promise<void> {
    try {
      await this.deps.environments.get(organizationId, environmentId);
    } catch (err) {
      throw err instanceof NotFound ? invalid(`Environment ${environmentId} was not found`, given) : err;
    }
  }

  /** The plugin (named in the path) whose versions a list or create asks for: missing is a 400 too. */
  private async parent(organizationId: string, environmentId: string, pluginId: string, environmentGiven: Given): Promise<CustomPlugin> {
    await this.requireEnvironment(organizationId, environmentId, environmentGiven);
    const plugin = await this.find(organizationId, environmentId, pluginId);
    if (!plugin) throw invalid(`Custom connect plugin ${pluginId} was not found in environment ${environmentId}`, { parameter: 'plugin_id' });
    return plugin;
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((err) => this.deps.log.error({ err }, 'plugin inspection failed')).finally(() => this.inspecting.delete(tracked));
    this.inspecting.add(tracked);
  }

  private async refuseInUse(tx: Parameters<typeof countConnectorsOfVersion>[0], version: PluginVersion): Promise<void> {
    const users = await countConnectorsOfVersion(tx, version.id);
    if (users > 0) throw new Conflict(`Plugin version ${version.version} (${version.id}) is used by ${users} connector(s); delete them first`);
  }

}

function invalid(message: string, given: Given): InvalidRequest {
  return 'pointer' in given ? new InvalidRequest(message, given.pointer) : new InvalidRequest(message, undefined, given.parameter);
}
