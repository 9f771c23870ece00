// Turns what a client sent for create / PUT config into a validated config of a managed plugin
// or of a custom plugin version, the same way for both routes, and for validate (which reports
// instead of refusing).
import { findManagedPlugin, sensitiveKeys, type ManagedPlugin } from '../core/catalog/index.ts';
import type { KafkaCluster } from '../core/cluster.ts';
import type { Connector } from '../core/connector.ts';
import { normalizeConfigInput, PROVIDER_REFERENCE_ERROR, providerReferenceKeys, unmaskConfig, withoutServerKeys, type ConnectorConfig } from '../core/connector-config.ts';
import { assertConnectorName, connectorNameProblem } from '../core/connector-names.ts';
import { managedOffsets, type OffsetTarget } from '../core/connector-offsets.ts';
import { summarizeErrors, validateConfig, type ValidationReport } from '../core/config-validation.ts';
import { connectorKindOf, CUSTOM_KEYS, customConfigErrors, customConnectorClass, customSensitiveKeys } from '../core/custom-connector.ts';
import { InvalidConfig, InvalidRequest, NotFound } from '../core/errors.ts';
import type { ConnectorClassRef, PluginVersion } from '../core/plugin.ts';
import { egressHostNames } from '../core/catalog/endpoints.ts';
import { namesRegistryFormat } from '../core/catalog/formats.ts';
import type { ValidationContext } from '../core/catalog/types.ts';
import { resolveHostNames } from './host-resolver.ts';
import type { KafkaCredentials } from './kafka-credentials.ts';
import type { RegistryProbe } from './registry-probe.ts';

/** What runs a connector: a managed plugin of the catalog, or one class of a custom plugin version. */
export type AcceptedPlugin =
  | { kind: 'managed'; plugin: ManagedPlugin }
  | { kind: 'custom'; pluginId: string; version: PluginVersion; connectorClass: ConnectorClassRef };

export interface AcceptedConfig {
  plugin: AcceptedPlugin;
  /** The full config, secrets included, server keys excluded. */
  config: ConnectorConfig;
}

/**
 * Finds the plugin version a custom connector names, as the environment may use it: a ccpm
 * plugin's newest ready version, or `pinnedVersionId` (a connector keeps the version it got).
 */
export interface CustomPluginResolver {
  resolve(environmentId: string, pluginId: string, pinnedVersionId?: string): Promise<PluginVersion>;
}

export function sensitiveKeysOf(plugin: AcceptedPlugin): ReadonlySet<string> {
  return plugin.kind === 'managed' ? sensitiveKeys(plugin.plugin) : customSensitiveKeys(plugin.version);
}

export function connectorTypeOf(plugin: AcceptedPlugin): 'source' | 'sink' {
  return plugin.kind === 'managed' ? plugin.plugin.type : plugin.connectorClass.type === 'SINK' ? 'sink' : 'source';
}

export function offsetTargetOf(plugin: AcceptedPlugin): OffsetTarget {
  return plugin.kind === 'managed' ? managedOffsets(plugin.plugin) : { name: plugin.pluginId, type: connectorTypeOf(plugin), sourceOffsets: 'any' };
}

export class ConnectorInput {
  constructor(
    private readonly credentials: KafkaCredentials,
    private readonly customPlugins: CustomPluginResolver,
    private readonly context: ValidationContext,
    /** Asks the environment's registry, as connectors will, when a format needs it. */
    private readonly registry?: RegistryProbe,
  ) {}

  /** Parses and names a config: `name` is the connector's name, filled in when absent. */
  parse(raw: unknown, name: string): ConnectorConfig {
    const config = withoutServerKeys(normalizeConfigInput(raw));
    if (!connectorKindOf(config)) throw new InvalidRequest(`${CUSTOM_KEYS.type} must be MANAGED or CUSTOM, not "${config[CUSTOM_KEYS.type]}"`);
    const references = providerReferenceKeys(config);
    if (references.length > 0) throw new InvalidConfig(`Connector configuration is invalid: ${references.map((k) => `${k}: ${PROVIDER_REFERENCE_ERROR}`).join(' | ')}`);
    if (config.name !== undefined && config.name !== name) {
      throw new InvalidRequest(`config.name "${config.name}" does not match the connector name "${name}"`);
    }
    assertConnectorName(name);
    return { ...config, name };
  }

  /** The validate route: a report whatever the config holds (CONTRACT §1.10); managed plugins only. */
  async validate(cluster: KafkaCluster, pluginName: string, raw: unknown): Promise<ValidationReport> {
    const plugin = findManagedPlugin(pluginName);
    if (!plugin) throw new NotFound('resource not found');
    const config = withoutServerKeys(normalizeConfigInput(raw));
    // Not a finding of the managed plugin's validation: the request is for something else.
    if (connectorKindOf(config) !== 'managed') throw new InvalidRequest(`${CUSTOM_KEYS.type}: validate covers managed plugins only; custom connectors are checked on create`);
    return this.report(cluster, plugin, config);
  }

  /**
   * Validates like the validate route; refuses with the field errors (400) when invalid. An
   * update passes the connector it changes (`existing`): its stored secrets and its plugin version.
   */
  async accept(cluster: KafkaCluster, config: ConnectorConfig, stored: ConnectorConfig | undefined, existing?: Pick<Connector, 'plugin' | 'pluginVersionId'>): Promise<AcceptedConfig> {
    const plugin = await this.pluginOf(cluster, config, existing);
    const full = unmaskConfig(config, stored, sensitiveKeysOf(plugin));
    if (plugin.kind === 'custom') {
      const errors = { ...await this.credentials.errors(cluster, full), ...customConfigErrors(full) };
      const keys = Object.entries(errors).filter(([, list]) => list.length > 0);
      if (keys.length > 0) throw new InvalidConfig(`Connector configuration is invalid: ${keys.map(([k, list]) => `${k}: ${list.join('; ')}`).join(' | ')}`);
      return { plugin, config: full };
    }
    const report = await this.report(cluster, plugin.plugin, full);
    if (report.errorCount > 0) throw new InvalidConfig(summarizeErrors(report));
    return { plugin, config: full };
  }

  private async pluginOf(cluster: KafkaCluster, config: ConnectorConfig, existing?: Pick<Connector, 'plugin' | 'pluginVersionId'>): Promise<AcceptedPlugin> {
    if (connectorKindOf(config) === 'custom') {
      const pluginId = config[CUSTOM_KEYS.pluginId];
      if (!pluginId) throw new InvalidConfig(`Connector configuration is invalid: ${CUSTOM_KEYS.pluginId}: required for a custom connector`);
      const pinned = existing?.plugin === pluginId ? existing.pluginVersionId ?? undefined : undefined;
      const version = await this.customPlugins.resolve(cluster.environmentId, pluginId, pinned);
      const connectorClass = customConnectorClass(config, version);
      if (typeof connectorClass === 'string') throw new InvalidConfig(`Connector configuration is invalid: connector.class: ${connectorClass}`);
      return { kind: 'custom', pluginId, version, connectorClass };
    }
    const connectorClass = config['connector.class'];
    if (!connectorClass) throw new InvalidConfig('Connector configuration is invalid: connector.class: "connector.class" is required');
    const plugin = findManagedPlugin(connectorClass);
    if (!plugin) throw new InvalidConfig(`Connector configuration is invalid: connector.class: unknown connector class "${connectorClass}"`);
    return { kind: 'managed', plugin };
  }

  private async report(cluster: KafkaCluster, plugin: ManagedPlugin, config: ConnectorConfig): Promise<ValidationReport> {
    const errors = await this.credentials.errors(cluster, config);
    const nameProblem = config.name ? connectorNameProblem(config.name) : undefined;
    if (nameProblem) errors.name = [nameProblem];
    for (const key of providerReferenceKeys(config)) errors[key] = [...errors[key] ?? [], PROVIDER_REFERENCE_ERROR];
    const [resolved, registryProblem] = await Promise.all([
      resolveHostNames(egressHostNames(plugin.definitions, config)),
      this.registry && namesRegistryFormat(plugin.definitions, config) ? this.registry.problem(cluster.environmentId) : undefined,
    ]);
    return validateConfig(plugin, config, errors, { ...this.context, resolved, registryProblem });
  }
}
