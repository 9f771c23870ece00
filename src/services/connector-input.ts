// Turns what a client sent for create / PUT config into a validated config of a managed plugin,
// the same way for both, and for validate (which reports instead of refusing).
import { findManagedPlugin, sensitiveKeys, type ManagedPlugin } from '../core/catalog/index.ts';
import { assertManagedConnector, normalizeConfigInput, unmaskConfig, withoutServerKeys, type ConnectorConfig } from '../core/connector-config.ts';
import { assertConnectorName, connectorNameProblem } from '../core/connector-names.ts';
import { summarizeErrors, validateConfig, type ValidationReport } from '../core/config-validation.ts';
import { InvalidConfig, InvalidRequest, NotFound } from '../core/errors.ts';
import type { KafkaCluster } from '../core/cluster.ts';
import type { KafkaCredentials } from './kafka-credentials.ts';

export interface AcceptedConfig {
  plugin: ManagedPlugin;
  /** The full config, secrets included, server keys excluded. */
  config: ConnectorConfig;
}

export class ConnectorInput {
  constructor(private readonly credentials: KafkaCredentials) {}

  /** Parses and names a config: `name` is the connector's name, filled in when absent. */
  parse(raw: unknown, name: string): ConnectorConfig {
    const config = withoutServerKeys(normalizeConfigInput(raw));
    assertManagedConnector(config);
    if (config.name !== undefined && config.name !== name) {
      throw new InvalidRequest(`config.name "${config.name}" does not match the connector name "${name}"`);
    }
    assertConnectorName(name);
    return { ...config, name };
  }

  pluginOf(config: ConnectorConfig): ManagedPlugin {
    const connectorClass = config['connector.class'];
    if (!connectorClass) throw new InvalidConfig('Connector configuration is invalid: connector.class: "connector.class" is required');
    const plugin = findManagedPlugin(connectorClass);
    if (!plugin) throw new InvalidConfig(`Connector configuration is invalid: connector.class: unknown connector class "${connectorClass}"`);
    return plugin;
  }

  async report(cluster: KafkaCluster, plugin: ManagedPlugin, config: ConnectorConfig): Promise<ValidationReport> {
    const errors = await this.credentials.errors(cluster, config);
    const nameProblem = config.name ? connectorNameProblem(config.name) : undefined;
    if (nameProblem) errors.name = [nameProblem];
    return validateConfig(plugin, config, errors);
  }

  /** The validate route: a report whatever the config holds (CONTRACT §1.10). */
  async validate(cluster: KafkaCluster, pluginName: string, raw: unknown): Promise<ValidationReport> {
    const plugin = findManagedPlugin(pluginName);
    if (!plugin) throw new NotFound('resource not found');
    const config = withoutServerKeys(normalizeConfigInput(raw));
    // Not a finding of the managed plugin's validation: the request is for something else.
    assertManagedConnector(config);
    return this.report(cluster, plugin, config);
  }

  /** Validates like the validate route; refuses with the field errors (400) when invalid. */
  async accept(cluster: KafkaCluster, config: ConnectorConfig, stored: ConnectorConfig | undefined): Promise<AcceptedConfig> {
    const plugin = this.pluginOf(config);
    const full = unmaskConfig(config, stored, sensitiveKeys(plugin));
    const report = await this.report(cluster, plugin, full);
    if (report.errorCount > 0) throw new InvalidConfig(summarizeErrors(report));
    return { plugin, config: full };
  }
}
