// /connect/v1/custom-connector-plugins (CONTRACT §2.1): v2 conventions under the
// connect/v1 prefix. `upload_source` always reads back with an empty upload_id (Q31).
import type { FastifyRequest } from 'fastify';
import { organizationCrn } from '../../../core/rbac.ts';
import type { ConnectPlugin } from '../../../services/custom-plugins.ts';
import { callerOf } from '../../caller.ts';
import { objectMetadata } from '../../v2/paging.ts';

export const PATH = '/custom-connector-plugins';

export function toWirePlugin(request: FastifyRequest, { plugin, version }: ConnectPlugin) {
  const [connectorClass] = version.connectorClasses;
  return {
    api_version: 'connect/v1', kind: 'CustomConnectorPlugin', id: plugin.id,
    metadata: objectMetadata(request, `/connect/v1${PATH}/${plugin.id}`, `${organizationCrn(callerOf(request).organizationId)}/custom-connector-plugin=${plugin.id}`, plugin),
    display_name: plugin.displayName, description: plugin.description, documentation_link: version.documentationLink,
    connector_class: connectorClass?.className ?? '', connector_type: connectorClass?.type ?? 'SOURCE',
    cloud: plugin.cloud, content_format: version.contentFormat, sensitive_config_properties: version.sensitiveConfigProperties,
    upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: '' }, runtime_language: plugin.runtimeLanguage,
  };
}
