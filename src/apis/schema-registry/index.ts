// The Schema Registry REST API (issue 14), Confluent's paths under
// /schema-registry/<lsrc-id> on the Cirrus port: that URL is the registry's `http_endpoint`, and
// Confluent's clients join their paths onto a base URL that has a path. Its own error body
// ({error_code, message}); only the registry's own API keys authenticate here; the key owner's
// roles on the registry or its subjects decide (apis/schema-registry/policy.ts). Routes are
// grouped by resource, several small operations per file (a deliberate bend of C1: 26 one-line
// handlers over one service).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Action } from '../../core/rbac.ts';
import { useErrorFamily } from '../../http/errors/render.ts';
import { renderSchemaRegistryError } from '../../http/errors/schema-registry.ts';
import { OPERATIONS } from '../operations.ts';
import { policyOf } from '../policy.ts';
import type { FamilyGuards } from '../family.ts';
import { compatibilityRoutes } from './compatibility.ts';
import { denied, registryOf, subjectScope } from './policy.ts';
import { listSchemas, readSchema, readSchemaText, schemaSubjects, schemaTypes, schemaVersions } from './schemas.ts';
import { configRoutes, modeRoutes } from './settings.ts';
import { deleteSubject, listSubjects, lookupSchema, registerSchema } from './subjects.ts';
import { deleteVersion, listVersions, readVersion, readVersionSchema, referencedBy } from './versions.ts';
import type { RegistryDeps } from './wire.ts';

export { SCHEMA_REGISTRY_PREFIX } from '../../core/schema-registry/ids.ts';

const ROUTES = [
  listSubjects, registerSchema, lookupSchema, deleteSubject, listVersions, readVersion, readVersionSchema, referencedBy, deleteVersion,
  listSchemas, readSchema, readSchemaText, schemaSubjects, schemaVersions, schemaTypes, configRoutes, modeRoutes, compatibilityRoutes,
];

declare module 'fastify' {
  interface FastifyRequest {
    /** Which subjects the caller may read, for what registry-wide routes show (set by the guard). */
    readableSubject: ((subject: string) => boolean) | null;
  }
}

/** Connectors read schemas and register their own: reading, and `manage` for registering only. */
function connectorsMay(request: FastifyRequest, action: Action): boolean {
  return action === 'read' || action === 'read_status' || request.routeOptions.config.operation === OPERATIONS.registrySubjectRegister;
}

/** Who may do what here: the registry's key authenticates, its owner's bindings decide (403, never a 404 that hides). */
function guard(context: FastifyInstance, guards: FamilyGuards): void {
  context.decorateRequest('readableSubject', null);
  context.addHook('onRequest', async (request) => {
    request.caller = await guards.authenticator.authenticateRegistry(request.headers.authorization, registryOf(request));
  });
  context.addHook('preValidation', async (request) => {
    const policy = policyOf(request.routeOptions.config.operation);
    const caller = request.caller;
    if (!policy || !caller || policy.action === 'public' || policy.action === 'authenticated') return;
    const action = typeof policy.action === 'function' ? policy.action(request) : policy.action;
    const scope = policy.scope(request);
    if (caller.registryConnectors) {
      if (!connectorsMay(request, action)) throw denied(action, scope);
      request.readableSubject = () => true;
      return;
    }
    if (await guards.authorizer.decide(caller, action, scope) !== 'allow') throw denied(action, scope);
    request.readableSubject = await guards.authorizer.allows(caller, 'read', (subject: string) => subjectScope(request, subject));
  });
}

export function schemaRegistry(guards: FamilyGuards, deps: RegistryDeps) {
  return async function family(context: FastifyInstance): Promise<void> {
    useErrorFamily(context, renderSchemaRegistryError);
    guard(context, guards);
    for (const route of ROUTES) await route(context, deps);
  };
}
