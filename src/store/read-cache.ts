// An in-memory map of what the store answered, valid while the store is unchanged: any write
// since (storeVersion) empties it before the next read, so a reader never sees an answer older
// than the last write — the request after a delete, a revoke or a new binding reads the store.
// A load that overlapped a write is returned but not kept. Only found values are kept.
import { storeVersion, type Store } from './database.ts';

export class ReadCache<T> {
  private readonly entries = new Map<string, T>();
  private version: number;

  /** `limit`: entries at most (the map starts afresh when full), a bound on memory. */
  constructor(private readonly db: Store, private readonly limit = 10_000) {
    this.version = storeVersion(db);
  }

  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const version = storeVersion(this.db);
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const loaded = await load();
    if (loaded !== undefined && storeVersion(this.db) === version) {
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(key, loaded);
    }
    return loaded;
  }
}
