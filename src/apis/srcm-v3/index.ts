// srcm/v3 (issue 14): each environment's one Schema Registry cluster, listed and read the way
// Terraform's confluent_schema_registry_cluster data source asks (`?environment=` on both).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Environment } from '../../core/organization.ts';
import { schemaRegistryCrn, environmentCrn } from '../../core/rbac.ts';
import { environmentOfRegistry, registryEndpoint, registryIdOf } from '../../core/schema-registry/ids.ts';
import { NotFound } from '../../core/errors.ts';
import { callerOf } from '../caller.ts';
import { apiFamily, V2, type FamilyGuards } from '../family.ts';
import { OPERATIONS } from '../operations.ts';
import { baseUrl, listEnvelope, objectMetadata, parsePage } from '../v2/paging.ts';
import { idParams, pageQuery, single } from '../v2/schemas.ts';
import type { V2Deps } from '../v2/context.ts';

const PATH = '/clusters';

export function toWireRegistry(request: FastifyRequest, env: Environment) {
  const id = registryIdOf(env.id);
  const base = baseUrl(request);
  return {
    api_version: 'srcm/v3', kind: 'Cluster', id,
    metadata: objectMetadata(request, `/srcm/v3${PATH}/${id}`, schemaRegistryCrn(env.organizationId, env.id, id), { createdAt: env.createdAt, updatedAt: env.updatedAt }),
    spec: {
      display_name: 'Stream Governance Package', package: env.streamGovernancePackage,
      http_endpoint: registryEndpoint(base, id), catalog_http_endpoint: registryEndpoint(base, id),
      cloud: 'LOCAL', region: 'local',
      environment: { id: env.id, related: `${base}/org/v2/environments/${env.id}`, resource_name: environmentCrn(env.organizationId, env.id) },
    },
    status: { phase: 'PROVISIONED' },
  };
}

const listQuery = { type: 'object', required: ['environment'], properties: { environment: single, ...pageQuery } } as const;
const readQuery = { type: 'object', required: ['environment'], properties: { environment: single } } as const;

async function listRegistries(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Querystring: { environment: string } }>(PATH, { config: { operation: OPERATIONS.srcmClusterList }, schema: { querystring: listQuery } }, async (request) => {
    const env = await deps.environments.get(callerOf(request).organizationId, request.query.environment);
    return listEnvelope(request, 'srcm/v3', 'Cluster', [toWireRegistry(request, env)], parsePage(request.query));
  });
}

async function readRegistry(app: FastifyInstance, deps: V2Deps): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: { environment: string } }>(`${PATH}/:id`, {
    config: { operation: OPERATIONS.srcmClusterRead }, schema: { params: idParams, querystring: readQuery },
  }, async (request) => {
    if (environmentOfRegistry(request.params.id) !== request.query.environment) throw new NotFound(`Schema Registry cluster ${request.params.id} was not found`);
    return toWireRegistry(request, await deps.environments.get(callerOf(request).organizationId, request.query.environment));
  });
}

export function srcmV3(guards: FamilyGuards, deps: V2Deps) {
  return apiFamily(V2, guards, deps, [listRegistries, readRegistry]);
}
