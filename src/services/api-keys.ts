// API keys: created with a secret shown once, hashed at rest, usable at once, revoked at once
// (every request looks the key up; nothing is cached).
import { randomBytes } from 'node:crypto';
import { InvalidRequest, NotFound } from '../core/errors.ts';
import { newApiKeyId, newApiKeySecret } from '../core/ids.ts';
import type { Store } from '../store/database.ts';
import { findApiKey, findKafkaCluster, findPrincipal, insertApiKey, withOperation } from '../store/identity.ts';
import * as iam from '../store/iam.ts';
import type { ApiKeyRow } from '../store/schema.ts';
import type { ApiKeySecrets } from './api-key-secrets.ts';

export interface NewApiKey {
  ownerId: string;
  /** `cloud`, or a Kafka cluster id `lkc-…`. */
  resource: string;
  displayName?: string;
  description?: string;
}

export class ApiKeyService {
  constructor(private readonly db: Store, private readonly secrets: ApiKeySecrets, private readonly now: () => Date) {}

  async create(organizationId: string, input: NewApiKey, actor: string): Promise<{ row: ApiKeyRow; secret: string }> {
    const owner = await findPrincipal(this.db, input.ownerId);
    if (!owner || owner.organization_id !== organizationId) throw new InvalidRequest(`Owner ${input.ownerId} does not exist`, '/spec/owner/id');
    let resourceId: string | null = null;
    if (input.resource !== 'cloud') {
      const cluster = await findKafkaCluster(this.db, input.resource);
      if (!cluster) throw new InvalidRequest(`Resource ${input.resource} does not exist`, '/spec/resource/id');
      resourceId = cluster.id;
    }
    const secret = newApiKeySecret(randomBytes);
    const at = this.now().toISOString();
    const row: ApiKeyRow = {
      id: newApiKeyId(randomBytes), secret_hash: this.secrets.hash(secret), owner_id: owner.id,
      resource_kind: resourceId ? 'kafka_cluster' : 'cloud', resource_id: resourceId,
      display_name: input.displayName ?? '', description: input.description ?? '', created_at: at, updated_at: at,
    };
    await withOperation(this.db, { operation: 'iam.api_key.create', resourceId: row.id, actor, at, detail: { owner: owner.id, resource: input.resource } },
      (tx) => insertApiKey(tx, row));
    return { row, secret };
  }

  list(organizationId: string, filter: { owner?: string; resource?: string } = {}): Promise<ApiKeyRow[]> {
    return iam.listApiKeys(this.db, organizationId, filter);
  }

  async get(organizationId: string, id: string): Promise<ApiKeyRow> {
    const row = await findApiKey(this.db, id);
    const owner = row && await findPrincipal(this.db, row.owner_id);
    if (!row || owner?.organization_id !== organizationId) throw new NotFound(`API key ${id} was not found`);
    return row;
  }

  async update(organizationId: string, id: string, changes: { displayName?: string; description?: string }, actor: string): Promise<ApiKeyRow> {
    const row = await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'iam.api_key.update', resourceId: id, actor, at }, async (tx) => {
      await iam.updateApiKey(tx, id, {
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        updated_at: at,
      });
    });
    return { ...row, display_name: changes.displayName ?? row.display_name, description: changes.description ?? row.description, updated_at: at };
  }

  async revoke(organizationId: string, id: string, actor: string): Promise<void> {
    await this.get(organizationId, id);
    const at = this.now().toISOString();
    await withOperation(this.db, { operation: 'iam.api_key.delete', resourceId: id, actor, at }, (tx) => iam.deleteApiKey(tx, id));
  }
}
