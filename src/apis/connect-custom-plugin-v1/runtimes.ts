// connect/v1 custom connector runtimes: the one runtime Cirrus offers, paged like every list.
import type { FastifyInstance } from 'fastify';
import { OPERATIONS } from '../operations.ts';
import { listEnvelope, parsePage } from '../v2/paging.ts';
import { pageQuery } from '../v2/schemas.ts';
import { CUSTOM_RUNTIME } from '../../core/custom-connector.ts';

const querystring = { type: 'object', properties: pageQuery } as const;

export default async function listRuntimes(app: FastifyInstance): Promise<void> {
  app.get('/custom-connector-runtimes', { config: { operation: OPERATIONS.customRuntimeList }, schema: { querystring } }, async (request) =>
    listEnvelope(request, 'connect/v1', 'CustomConnectorRuntime', [toWireRuntime()], parsePage(request.query)));
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
