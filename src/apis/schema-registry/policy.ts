// What each Schema Registry route needs (issue 14), on the registry's environment: reading
// subjects and schemas is `read`, registering and deleting `manage`, changing the registry's
// compatibility or mode `admin`. OrganizationAdmin and EnvironmentAdmin hold all three there.
import type { FastifyRequest } from 'fastify';
import type { ScopeRef } from '../../core/rbac.ts';
import { environmentOfRegistry } from '../../core/schema-registry/ids.ts';
import { OPERATIONS, type Operation } from '../operations.ts';
import type { RoutePolicy } from '../policy.ts';

/** The route prefix's `registry` parameter names the registry, and so its environment. */
export function registryOf(request: FastifyRequest): string {
  return String((request.params as Record<string, unknown>).registry ?? '');
}

const registryEnvironment = (request: FastifyRequest): ScopeRef => ({ kind: 'environment', environmentId: environmentOfRegistry(registryOf(request)) ?? '' });
const read = { action: 'read', scope: registryEnvironment } as const;
const write = { action: 'manage', scope: registryEnvironment } as const;
const admin = { action: 'admin', scope: registryEnvironment } as const;

type RegistryOperation = Extract<Operation, `schema_registry.${string}`>;

export const REGISTRY_POLICIES: Record<RegistryOperation, RoutePolicy> = {
  [OPERATIONS.registrySubjectList]: read,
  [OPERATIONS.registrySubjectVersionList]: read,
  [OPERATIONS.registrySubjectVersionRead]: read,
  [OPERATIONS.registrySubjectVersionSchema]: read,
  [OPERATIONS.registrySubjectReferencedBy]: read,
  [OPERATIONS.registrySubjectLookup]: read,
  [OPERATIONS.registrySchemaList]: read,
  [OPERATIONS.registrySchemaRead]: read,
  [OPERATIONS.registrySchemaText]: read,
  [OPERATIONS.registrySchemaSubjects]: read,
  [OPERATIONS.registrySchemaVersions]: read,
  [OPERATIONS.registrySchemaTypes]: read,
  [OPERATIONS.registryConfigRead]: read,
  [OPERATIONS.registrySubjectConfigRead]: read,
  [OPERATIONS.registryModeRead]: read,
  [OPERATIONS.registrySubjectModeRead]: read,
  [OPERATIONS.registryCompatibilityCheck]: read,
  [OPERATIONS.registrySubjectRegister]: write,
  [OPERATIONS.registrySubjectDelete]: write,
  [OPERATIONS.registrySubjectVersionDelete]: write,
  [OPERATIONS.registryConfigUpdate]: admin,
  [OPERATIONS.registrySubjectConfigUpdate]: admin,
  [OPERATIONS.registrySubjectConfigDelete]: admin,
  [OPERATIONS.registryModeUpdate]: admin,
  [OPERATIONS.registrySubjectModeUpdate]: admin,
  [OPERATIONS.registrySubjectModeDelete]: admin,
};
