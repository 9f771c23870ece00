// API keys: created with a secret shown once, hashed at rest, usable at once, revoked at once
// (every request looks the key up; nothing is cached).
import { randomBytes } from 'node:crypto';
import { InvalidRequest, NotFound } from '../core/errors.ts';
import type { ApiKey } from '../core/iam.ts';
import { newApiKeyId, newApiKeySecret } from '../core/ids.ts';
import { deleteApiKey, insertApiKey, listApiKeys, updateApiKey, type ApiKeyFilter, type ApiKeyWithEnvironment } from '../store/api-keys.ts';
import { findKafkaCluster } from '../store/clusters.ts';
import type { Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import { findPrincipal } from '../store/principals.ts';
import { findEnvironment } from '../store/organizations.ts';
import { environmentOfRegistry } from '../core/schema-registry/ids.ts';
import type { ApiKeySecrets } from './api-key-secrets.ts';

export interface NewApiKey {
  ownerId: string;
  /** `cloud`, a Kafka cluster id `lkc-…` or a Schema Registry id `lsrc-…`. */
  resource: string;
  displayName?: string;
  description?: string;
}

export class ApiKeyService {
  constructor(private readonly db: Store, private readonly secrets: ApiKeySecrets, private readonly now: () => Date) {}

  async create(organizationId: string, input: NewApiKey, actor: string): Promise<ApiKeyWithEnvironment & { secret: string }> {
    const owner = await findPrincipal(this.db, input.ownerId);
    if (!owner || owner.organizationId !== organizationId) throw new InvalidRequest(`Owner ${input.ownerId} does not exist`, '/spec/owner/id');
    const resource = await this.resourceOf(organizationId, input.resource);
    const secret = newApiKeySecret(randomBytes);
    const at = this.now().toISOString();
    const key: ApiKey = {
      id: newApiKeyId(randomBytes), secretHash: this.secrets.hash(secret), ownerId: owner.id,
      resourceKind: resource.kind, resourceId: resource.id,
      displayName: input.displayName ?? '', description: input.description ?? '', createdAt: at, updatedAt: at,
    };
    await withOperation(this.db, { operation: 'iam.api_key.create', resourceId: key.id, actor, at, detail: { owner: owner.id, resource: input.resource } },
      (tx) => insertApiKey(tx, key));
    return { key, environmentId: resource.environmentId, secret };
  }

  /** `cloud`, a Kafka cluster `lkc-…`, or an environment's Schema Registry `lsrc-…` (issue 14). */
  private async resourceOf(organizationId: string, resource: string): Promise<{ kind: ApiKey['resourceKind']; id: string | null; environmentId?: string }> {
    if (resource === 'cloud') return { kind: 'cloud', id: null };
    const registryEnvironment = environmentOfRegistry(resource);
    if (registryEnvironment) {
      const environment = await findEnvironment(this.db, registryEnvironment);
      if (environment?.organizationId === organizationId) return { kind: 'schema_registry', id: resource, environmentId: environment.id };
    }
    const cluster = await findKafkaCluster(this.db, resource);
    if (!cluster) throw new InvalidRequest(`Resource ${resource} does not exist`, '/spec/resource/id');
    return { kind: 'kafka_cluster', id: cluster.id, environmentId: cluster.environmentId };
  }

  list(organizationId: string, filter: ApiKeyFilter = {}): Promise<ApiKeyWithEnvironment[]> {
    return listApiKeys(this.db, organizationId, filter);
  }

  async get(organizationId: string, id: string): Promise<ApiKeyWithEnvironment> {
    const [found] = await listApiKeys(this.db, organizationId, { id });
    if (!found) throw new NotFound(`API key ${id} was not found`);
    return found;
  }

  async update(organizationId: string, id: string, changes: { displayName?: string; description?: string }, actor: string): Promise<ApiKeyWithEnvironment> {
    const found = await this.get(organizationId, id);
    const next = {
      displayName: changes.displayName ?? found.key.displayName, description: changes.description ?? found.key.description,
      updatedAt: this.now().toISOString(),
    };
    await withOperation(this.db, { operation: 'iam.api_key.update', resourceId: id, actor, at: next.updatedAt }, (tx) => updateApiKey(tx, id, next));
    return { ...found, key: { ...found.key, ...next } };
  }

  async revoke(organizationId: string, id: string, actor: string): Promise<void> {
    await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'iam.api_key.delete', resourceId: id, actor, at }, (tx) => deleteApiKey(tx, id));
  }
}
