// What the v2 families' handlers share: the services, the caller, the actor for operation records.
import type { FastifyRequest } from 'fastify';
import { Unauthenticated } from '../../core/errors.ts';
import type { ApiKeyService } from '../../services/api-keys.ts';
import type { Caller } from '../../services/authenticator.ts';
import type { Authorizer } from '../../services/authorizer.ts';
import type { ClusterService } from '../../services/clusters.ts';
import type { EnvironmentService } from '../../services/environments.ts';
import type { OrganizationService } from '../../services/organizations.ts';
import type { RoleBindingService } from '../../services/role-bindings.ts';
import type { ServiceAccountService } from '../../services/service-accounts.ts';
import type { Topology } from '../../services/topology.ts';

export interface V2Deps {
  serviceAccounts: ServiceAccountService;
  apiKeys: ApiKeyService;
  roleBindings: RoleBindingService;
  organizations: OrganizationService;
  environments: EnvironmentService;
  clusters: ClusterService;
  authorizer: Authorizer;
  topology: Topology;
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Unauthenticated();
  return request.caller;
}

export function actorOf(request: FastifyRequest): string {
  const caller = callerOf(request);
  return `${caller.principalId}/${caller.apiKeyId}`;
}

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? body as Record<string, unknown> : {};
}

export function specOf(request: FastifyRequest): Record<string, unknown> {
  const spec = bodyOf(request).spec;
  return spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? spec as Record<string, unknown> : {};
}
