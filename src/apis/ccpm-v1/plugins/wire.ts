// /ccpm/v1/plugins (CONTRACT §2.3): environment-scoped plugins; create 202, delete 204.
import type { FastifyRequest } from 'fastify';
import type { CustomPlugin } from '../../../core/plugin.ts';
import { environmentCrn } from '../../../core/rbac.ts';
import { callerOf } from '../../caller.ts';
import { objectMetadata } from '../../v2/paging.ts';
import { environmentRef } from '../context.ts';

export const PATH = '/plugins';

export function pluginCrn(request: FastifyRequest, plugin: CustomPlugin): string {
  return `${environmentCrn(callerOf(request).organizationId, plugin.environmentId ?? '')}/custom-connect-plugin=${plugin.id}`;
}

export function toWireCcpmPlugin(request: FastifyRequest, plugin: CustomPlugin) {
  return {
    api_version: 'ccpm/v1', kind: 'CustomConnectPlugin', id: plugin.id,
    metadata: objectMetadata(request, `/ccpm/v1${PATH}/${plugin.id}`, pluginCrn(request, plugin), plugin),
    spec: {
      display_name: plugin.displayName, description: plugin.description, cloud: plugin.cloud, runtime_language: plugin.runtimeLanguage,
      environment: environmentRef(request, plugin.environmentId ?? ''),
    },
  };
}
