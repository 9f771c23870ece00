// GET …/connector-plugins → the managed plugins of the catalog.
import type { FastifyInstance } from 'fastify';
import { MANAGED_PLUGINS } from '../../../core/catalog/index.ts';
import { OPERATIONS } from '../../operations.ts';
import { PREFIX, scopeOf, type ClusterPath, type ConnectV1Deps } from '../context.ts';
import { clusterParams, errorResponses } from '../schemas.ts';
import { toWirePlugin } from '../wire.ts';

const pluginsBody = {
  type: 'array',
  items: { type: 'object', properties: { class: { type: 'string' }, type: { type: 'string' }, version: { type: 'string' } } },
} as const;

export default async function listPlugins(app: FastifyInstance, deps: ConnectV1Deps): Promise<void> {
  app.get<{ Params: ClusterPath }>(`${PREFIX}/connector-plugins`, {
    config: { operation: OPERATIONS.pluginList },
    schema: { params: clusterParams, response: { 200: pluginsBody, ...errorResponses } },
  }, async (request) => {
    await deps.connectors.cluster(scopeOf(request.params));
    return MANAGED_PLUGINS.map(toWirePlugin);
  });
}
