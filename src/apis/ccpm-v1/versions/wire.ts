// /ccpm/v1/plugins/{plugin_id}/versions (CONTRACT §2.3): immutable versions with a status that
// moves from PROCESSING to READY or FAILED as the archive is inspected.
import type { FastifyRequest } from 'fastify';
import type { PluginVersion } from '../../../core/plugin.ts';
import { organizationCrn } from '../../../core/rbac.ts';
import { callerOf } from '../../caller.ts';
import { objectMetadata } from '../../v2/paging.ts';
import { environmentRef } from '../context.ts';

export const PATH = '/plugins/:plugin_id/versions';

export const versionParams = {
  type: 'object', required: ['plugin_id', 'id'],
  properties: { plugin_id: { type: 'string', minLength: 1, maxLength: 255 }, id: { type: 'string', minLength: 1, maxLength: 255 } },
} as const;

export const pluginParams = { type: 'object', required: ['plugin_id'], properties: { plugin_id: versionParams.properties.plugin_id } } as const;

export function toWireVersion(request: FastifyRequest, environmentId: string, version: PluginVersion) {
  const status: { phase: string; error_message?: string } = { phase: version.phase };
  if (version.errorMessage) status.error_message = version.errorMessage;
  return {
    api_version: 'ccpm/v1', kind: 'CustomConnectPluginVersion', id: version.id,
    metadata: objectMetadata(request, `/ccpm/v1/plugins/${version.pluginId}/versions/${version.id}`,
      `${organizationCrn(callerOf(request).organizationId)}/custom-connect-plugin-version=${version.id}`, version),
    spec: {
      version: version.version, sensitive_config_properties: version.sensitiveConfigProperties, documentation_link: version.documentationLink,
      content_format: version.contentFormat,
      connector_classes: version.connectorClasses.map((c) => ({ class_name: c.className, type: c.type })),
      upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: '' },
      environment: environmentRef(request, environmentId),
    },
    status,
  };
}
