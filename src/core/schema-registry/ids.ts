// Every environment has exactly one Schema Registry, whose id is its environment's with the
// registry prefix (env-abc123 → lsrc-abc123): environments made before the registry existed
// have one too, and a route can tell a registry's environment without a lookup.
import { ID_PREFIX, hasIdShape } from '../ids.ts';

/** Where a registry's REST API answers, beneath the Cirrus endpoint (srcm/v3 `http_endpoint`). */
export const SCHEMA_REGISTRY_PREFIX = '/schema-registry';

export function registryEndpoint(cirrusEndpoint: string, registryId: string): string {
  return `${cirrusEndpoint.replace(/\/+$/, '')}${SCHEMA_REGISTRY_PREFIX}/${registryId}`;
}

export function registryIdOf(environmentId: string): string {
  return ID_PREFIX.schemaRegistry + environmentId.slice(ID_PREFIX.environment.length);
}

/** The environment of a registry id, or undefined when the text is no registry id. */
export function environmentOfRegistry(registryId: string): string | undefined {
  if (!hasIdShape('schemaRegistry', registryId)) return undefined;
  return ID_PREFIX.environment + registryId.slice(ID_PREFIX.schemaRegistry.length);
}
