// /connect/v1/custom-connector-plugins and …-runtimes (CONTRACT §2.1): v2 conventions under the
// connect/v1 prefix. `upload_source` always reads back with an empty upload_id (Q31).
import type { FastifyRequest } from 'fastify';
import { CUSTOM_RUNTIME } from '../../../core/custom-connector.ts';
import { organizationCrn } from '../../../core/rbac.ts';
import type { ConnectPlugin } from '../../../services/custom-plugins.ts';
import { callerOf } from '../../caller.ts';
import { objectMetadata } from '../../v2/paging.ts';

/** Each resource is its own family, mounted at its own prefix (see index.ts). */
export const PLUGINS_PREFIX = '/connect/v1/custom-connector-plugins';
export const RUNTIMES_PREFIX = '/connect/v1/custom-connector-runtimes';

export function toWirePlugin(request: FastifyRequest, { plugin, version }: ConnectPlugin) {
  const [connectorClass] = version.connectorClasses;
  return {
    api_version: 'connect/v1', kind: 'CustomConnectorPlugin', id: plugin.id,
    metadata: objectMetadata(request, `${PLUGINS_PREFIX}/${plugin.id}`, `${organizationCrn(callerOf(request).organizationId)}/custom-connector-plugin=${plugin.id}`, plugin),
    display_name: plugin.displayName, description: plugin.description, documentation_link: version.documentationLink,
    connector_class: connectorClass?.className ?? '', connector_type: connectorClass?.type ?? 'SOURCE',
    cloud: plugin.cloud, content_format: version.contentFormat, sensitive_config_properties: version.sensitiveConfigProperties,
    upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: '' }, runtime_language: plugin.runtimeLanguage,
  };
}

/** The one runtime custom connectors run on: Cirrus's own Kafka Connect. */
export function toWireRuntime() {
  return {
    api_version: 'connect/v1', kind: 'CustomConnectorRuntime', id: `ccr-${CUSTOM_RUNTIME.name.replace(/\./g, '')}`,
    custom_connect_plugin_runtime_name: CUSTOM_RUNTIME.name, runtime_ak_version: CUSTOM_RUNTIME.akVersion,
    supported_java_versions: [...CUSTOM_RUNTIME.javaVersions], product_maturity: 'GA',
    end_of_life_at: '2099-12-31T00:00:00Z', description: `Apache Kafka Connect ${CUSTOM_RUNTIME.akVersion}, as Cirrus runs it`,
  };
}
