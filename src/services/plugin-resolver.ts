// Which plugin version a custom connector runs (CONTRACT §6.4, Q16, Q41): its
// `confluent.custom.plugin.id` names a connect/v1 plugin (its one version), a ccpm/v1 plugin of
// the connector's environment (its newest READY version, or the one the connector already runs),
// or a ccpm/v1 version. Anything else, or a version not READY, is a 400 naming the key.
import { InvalidConfig } from '../core/errors.ts';
import type { PluginVersion } from '../core/plugin.ts';
import type { Store } from '../store/database.ts';
import { findEnvironment } from '../store/organizations.ts';
import * as repo from '../store/plugins.ts';
import type { CustomPluginResolver } from './connector-input.ts';

const KEY = 'confluent.custom.plugin.id';
const invalid = (why: string) => new InvalidConfig(`Connector configuration is invalid: ${KEY}: ${why}`);

export class PluginResolver implements CustomPluginResolver {
  constructor(private readonly db: Store) {}

  async resolve(environmentId: string, pluginId: string, pinnedVersionId?: string): Promise<PluginVersion> {
    const env = await findEnvironment(this.db, environmentId);
    const byPlugin = await repo.findPlugin(this.db, pluginId);
    const byVersion = byPlugin ? undefined : await repo.findVersion(this.db, pluginId);
    const plugin = byPlugin ?? (byVersion && await repo.findPlugin(this.db, byVersion.pluginId));
    const usable = plugin && env && plugin.organizationId === env.organizationId
      && (plugin.api === 'connect/v1' || plugin.environmentId === environmentId);
    if (!plugin || !usable) throw invalid(`no custom plugin ${pluginId} in this environment`);
    // A version id names that version; a plugin id the version its connector already runs, else its newest READY one.
    const versions = byVersion ? [byVersion] : await repo.listVersions(this.db, plugin.id);
    const pinned = pinnedVersionId ? versions.find((v) => v.id === pinnedVersionId) : undefined;
    const version = byVersion ?? pinned ?? versions.filter((v) => v.phase === 'READY').at(-1);
    if (!version) throw invalid(`plugin ${pluginId} has no version ready to run${versions.length ? ` (${versions.map((v) => `${v.version}: ${v.phase}`).join(', ')})` : ''}`);
    if (version.phase !== 'READY') throw invalid(`version ${version.version} of plugin ${pluginId} is ${version.phase}${version.errorMessage ? `: ${version.errorMessage}` : ''}`);
    return version;
  }
}
