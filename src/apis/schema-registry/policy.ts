// What each Schema Registry route needs (issue 14). Routes about one subject need an action on
// that subject: reading is `read` (DeveloperRead), registering and soft deletes `manage`
// (DeveloperWrite), the subject's own compatibility and mode and permanent deletes `admin`
// (ResourceOwner). Registry-wide routes need a role somewhere in the registry (`read_status`;
// the handlers then show only the subjects the caller may read), and changing the registry's own
// compatibility or mode `admin` on the registry. OrganizationAdmin and EnvironmentAdmin hold every
// action on everything in their scope; a refusal is a 403 (index.ts).
import type { FastifyRequest } from 'fastify';
import { Forbidden } from '../../core/errors.ts';
import type { Action, ScopeRef } from '../../core/rbac.ts';
import { environmentOfRegistry } from '../../core/schema-registry/ids.ts';
import { OPERATIONS, type Operation } from '../operations.ts';
import type { RoutePolicy } from '../policy.ts';

/** The route prefix's `registry` parameter names the registry, and so its environment. */
export function registryOf(request: FastifyRequest): string {
  return String((request.params as Record<string, unknown>).registry ?? '');
}

const registryScope = (request: FastifyRequest): ScopeRef => {
  const registryId = registryOf(request);
  return { kind: 'schema_registry', environmentId: environmentOfRegistry(registryId) ?? '', registryId };
};
/** A subject of the request's registry: the route's own (`params.subject`), or one a handler names. */
export function subjectScope(request: FastifyRequest, subject = String((request.params as Record<string, unknown>).subject ?? '')): ScopeRef {
  const registryId = registryOf(request);
  return { kind: 'subject', environmentId: environmentOfRegistry(registryId) ?? '', registryId, subject };
}
/** Policies read the query unvalidated (http/plugins/authorize.ts): `permanent` counts as the handler's flag() reads it. */
const permanentDelete = (request: FastifyRequest): Action => ((request.query as Record<string, unknown> | undefined)?.permanent === 'true' ? 'admin' : 'manage');

const inRegistry = { action: 'read_status', scope: registryScope } as const;
const registryAdmin = { action: 'admin', scope: registryScope } as const;
const readSubject = { action: 'read', scope: (request: FastifyRequest) => subjectScope(request) } as const;
const writeSubject = { action: 'manage', scope: readSubject.scope } as const;
const ownSubject = { action: 'admin', scope: readSubject.scope } as const;
const deleteInSubject = { action: permanentDelete, scope: readSubject.scope } as const;

const OPERATION_WORDS: Record<Action, string> = { read_status: 'Read', read: 'Read', operate: 'Write', manage: 'Write', admin: 'Alter', manage_plugins: 'Alter' };

/** The one 403 of the registry, worded as Confluent's (rendered as 40301 by http/errors/schema-registry.ts). */
export function denied(action: Action, scope: ScopeRef): Forbidden {
  const on = scope.kind === 'subject' ? `Subject: ${scope.subject}` : 'SchemaRegistry';
  return new Forbidden(`User is denied operation ${OPERATION_WORDS[action]} on ${on}`);
}

type RegistryOperation = Extract<Operation, `schema_registry.${string}`>;

export const REGISTRY_POLICIES: Record<RegistryOperation, RoutePolicy> = {
  [OPERATIONS.registrySubjectList]: inRegistry,
  [OPERATIONS.registrySubjectVersionList]: readSubject,
  [OPERATIONS.registrySubjectVersionRead]: readSubject,
  [OPERATIONS.registrySubjectVersionSchema]: readSubject,
  [OPERATIONS.registrySubjectReferencedBy]: readSubject,
  [OPERATIONS.registrySubjectLookup]: readSubject,
  // A schema by id is shown to whoever may read a subject using it (services/schema-registry/schemas.ts).
  [OPERATIONS.registrySchemaList]: inRegistry,
  [OPERATIONS.registrySchemaRead]: inRegistry,
  [OPERATIONS.registrySchemaText]: inRegistry,
  [OPERATIONS.registrySchemaSubjects]: inRegistry,
  [OPERATIONS.registrySchemaVersions]: inRegistry,
  [OPERATIONS.registrySchemaTypes]: inRegistry,
  // The registry's defaults are read by serializers of any subject; changing them is the admins'.
  [OPERATIONS.registryConfigRead]: inRegistry,
  [OPERATIONS.registryModeRead]: inRegistry,
  [OPERATIONS.registryConfigUpdate]: registryAdmin,
  [OPERATIONS.registryConfigDelete]: registryAdmin,
  [OPERATIONS.registryModeUpdate]: registryAdmin,
  [OPERATIONS.registrySubjectConfigRead]: readSubject,
  [OPERATIONS.registrySubjectModeRead]: readSubject,
  [OPERATIONS.registryCompatibilityCheck]: readSubject,
  [OPERATIONS.registrySubjectRegister]: writeSubject,
  [OPERATIONS.registrySubjectDelete]: deleteInSubject,
  [OPERATIONS.registrySubjectVersionDelete]: deleteInSubject,
  [OPERATIONS.registrySubjectConfigUpdate]: ownSubject,
  [OPERATIONS.registrySubjectConfigDelete]: ownSubject,
  [OPERATIONS.registrySubjectModeUpdate]: ownSubject,
  [OPERATIONS.registrySubjectModeDelete]: ownSubject,
};
