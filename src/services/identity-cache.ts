// What authentication and authorization read on every request — a key with its owner's
// organization, a principal's role bindings, credentials already verified — kept in memory
// (issue 13: two queries per request were a fifth of a status read, then the HMAC a twentieth). Kept only while the store is unchanged (store/read-cache.ts):
// a key deleted, a binding made or removed, a service account deleted, here or by another
// process (`cirrus keys revoke`), and the next request reads the store again.
import { hash } from 'node:crypto';
import type { ApiKey, RoleBinding } from '../core/iam.ts';
import { findApiKeyWithOwner } from '../store/api-keys.ts';
import { noticeOtherWriters, type Store } from '../store/database.ts';
import { ReadCache } from '../store/read-cache.ts';
import { bindingsOf } from '../store/role-bindings.ts';

export interface KeyWithOwner {
  key: ApiKey;
  organizationId: string;
}

export class IdentityCache {
  private readonly keys: ReadCache<KeyWithOwner>;
  private readonly bindings: ReadCache<readonly RoleBinding[]>;
  private readonly verified: ReadCache<unknown>;

  constructor(private readonly db: Store) {
    this.keys = new ReadCache(db);
    this.bindings = new ReadCache(db);
    this.verified = new ReadCache(db);
  }

  /**
   * What `verify` made of this exact Authorization header, when it already accepted it since the
   * store last changed: parsing it and the key's HMAC were a twentieth of a status read (issue 13).
   * Kept by a SHA-256 of the header (never the header: it holds the secret), and per `purpose`
   * (which keys the caller accepts); a refusal is never kept, so a wrong secret is always checked.
   */
  verifiedBy<T>(purpose: string, authorization: string, verify: () => Promise<T>): Promise<T> {
    noticeOtherWriters(this.db);
    return this.verified.get(`${purpose} ${hash('sha256', authorization, 'base64')}`, verify) as Promise<T>;
  }

  /** Authentication, first in every request: where another process's commits are looked for. */
  keyWithOwner(id: string): Promise<KeyWithOwner | undefined> {
    noticeOtherWriters(this.db);
    return this.keys.get(id, () => findApiKeyWithOwner(this.db, id));
  }

  async bindingsOf(principalId: string): Promise<readonly RoleBinding[]> {
    return (await this.bindings.get(principalId, () => bindingsOf(this.db, principalId))) ?? [];
  }
}
