// Turns an Authorization header into the calling principal. Control-plane APIs accept cloud
// keys only: a Kafka cluster key is a valid credential of the wrong kind, hence 401 (§5.2).
import { parseBasicAuthorization } from '../core/basic-auth.ts';
import { Unauthenticated } from '../core/errors.ts';
import { hasApiKeyIdShape } from '../core/ids.ts';
import type { ApiKey } from '../core/iam.ts';
import type { ApiKeySecrets } from './api-key-secrets.ts';
import type { IdentityCache } from './identity-cache.ts';
import { REGISTRY_CONNECTORS_USER, type RegistryConnectorCredentials } from './registry-connectors.ts';

export interface Caller {
  apiKeyId: string;
  principalId: string;
  organizationId: string;
  /** Cirrus's own connectors at their registry (services/registry-connectors.ts): no key, no role bindings. */
  registryConnectors?: true;
}

export class Authenticator {
  /**
   * `disabled` exists for one benchmark only (bench/auth-overhead.ts measures what
   * authentication and authorization cost); nothing else can set it.
   */
  constructor(
    private readonly identity: IdentityCache, private readonly secrets: ApiKeySecrets, readonly disabled = false,
    private readonly registryConnectors?: RegistryConnectorCredentials,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (authorization === undefined) throw new Unauthenticated();
    return this.identity.verifiedBy('cloud', authorization, () => this.keyOf(authorization, (key) => key.resourceKind === 'cloud'));
  }

  /**
   * The Schema Registry `registryId` takes only its own keys (issue 14): cloud keys, Kafka keys
   * and another registry's keys are 401 there, as in Confluent Cloud.
   */
  async authenticateRegistry(authorization: string | undefined, registryId: string): Promise<Caller> {
    const credentials = parseBasicAuthorization(authorization);
    if (credentials?.key === REGISTRY_CONNECTORS_USER) {
      if (!this.registryConnectors?.matches(credentials.key, credentials.secret, registryId)) throw new Unauthenticated();
      return { apiKeyId: REGISTRY_CONNECTORS_USER, principalId: REGISTRY_CONNECTORS_USER, organizationId: '', registryConnectors: true };
    }
    if (authorization === undefined) throw new Unauthenticated();
    return this.identity.verifiedBy(`registry ${registryId}`, authorization,
      () => this.keyOf(authorization, (key) => key.resourceKind === 'schema_registry' && key.resourceId === registryId));
  }

  private async keyOf(authorization: string | undefined, accepts: (key: ApiKey) => boolean): Promise<Caller> {
    const credentials = parseBasicAuthorization(authorization);
    if (!credentials || !hasApiKeyIdShape(credentials.key)) throw new Unauthenticated();
    // This runs on every request: the key and its owner come from memory once read.
    const found = await this.identity.keyWithOwner(credentials.key);
    // Hash even when the key is unknown, so timing does not tell which key ids exist.
    const matches = this.secrets.matches(credentials.secret, found?.key.secretHash ?? '');
    if (!found || !matches || !accepts(found.key)) throw new Unauthenticated();
    return { apiKeyId: found.key.id, principalId: found.key.ownerId, organizationId: found.organizationId };
  }
}
