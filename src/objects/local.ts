// Plugin artifacts in a local directory, `<home>/objects/<bucket>/<key>` (the embedded default).
// Writes go to `.incoming/` first and are renamed into place once whole and within their limits,
// so a refused or broken upload never leaves a partial object. POST policies are signed here with
// Cirrus' own key (derived from the master key) and checked by Cirrus' upload target.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkUploadSize, type UploadLimits } from '../core/post-policy-check.ts';
import { meter } from './meter.ts';
import { signPostPolicy, type SigningCredentials } from '../core/post-policy.ts';
import { ObjectMissing, type ObjectInfo, type ObjectStore, type PresignedPost, type PresignPostInput, type StoredObject } from './object-store.ts';
import { resolveObjectPath } from './safe-path.ts';
import { hmacSha256 } from './sigv4.ts';

export interface LocalObjectStoreOptions {
  /** `<home>/objects`; the bucket is a folder of it. */
  directory: string;
  bucket: string;
  credentials: SigningCredentials;
  /** Where Cirrus' upload target takes a POST for `bucket`/`key`: a path on the API. */
  uploadPath: (bucket: string, key: string) => string;
  now: () => Date;
}

const INCOMING = '.incoming';

export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local';
  readonly bucket: string;
  readonly postCredentials: SigningCredentials;
  private readonly root: string;

  constructor(private readonly options: LocalObjectStoreOptions) {
    this.bucket = options.bucket;
    this.postCredentials = options.credentials;
    this.root = path.join(options.directory, options.bucket);
    // Nothing is in flight before the store exists: what is left in .incoming is from a crash.
    fs.rmSync(path.join(this.root, INCOMING), { recursive: true, force: true });
    fs.mkdirSync(path.join(this.root, INCOMING), { recursive: true, mode: 0o700 });
  }

  async presignPost(input: PresignPostInput): Promise<PresignedPost> {
    const fields = signPostPolicy({ bucket: this.bucket, ...input }, this.postCredentials, this.options.now(), hmacSha256);
    return { url: this.options.uploadPath(this.bucket, input.key), fields };
  }

  localPath(key: string): string {
    return resolveObjectPath(this.root, key);
  }

  async put(key: string, body: Readable, limits?: UploadLimits): Promise<StoredObject> {
    const target = this.localPath(key);
    const temp = path.join(this.root, INCOMING, randomUUID());
    const metered = meter(limits);
    try {
      await pipeline(body, metered.stream, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      if (limits) checkUploadSize(metered.size(), limits, true);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(temp, target);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    return { size: metered.size(), sha256: metered.sha256() };
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    const stats = await fsp.stat(this.localPath(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw err;
    });
    return stats?.isFile() ? { key, size: stats.size, lastModified: stats.mtime } : undefined;
  }

  async read(key: string): Promise<Readable> {
    const file = this.localPath(key);
    const handle = await fsp.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EISDIR') throw new ObjectMissing(key);
      throw err;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    const file = this.localPath(key);
    await fsp.rm(file, { force: true });
    // Empty folders of the key go too, up to the bucket, so sweeping leaves no husks.
    for (let dir = path.dirname(file); dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
      if (!(await fsp.rmdir(dir).then(() => true, () => false))) break;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    yield* this.walk(this.root, '', prefix);
  }

  private async *walk(dir: string, keyPrefix: string, wanted: string): AsyncIterable<ObjectInfo> {
    const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const key = keyPrefix + entry.name;
      if (entry.isDirectory()) {
        if (wanted.startsWith(`${key}/`) || key.startsWith(wanted) || `${key}/`.startsWith(wanted)) yield* this.walk(path.join(dir, entry.name), `${key}/`, wanted);
      } else if (entry.isFile() && key.startsWith(wanted)) {
        const stats = await fsp.stat(path.join(dir, entry.name)).catch(() => undefined);
        if (stats) yield { key, size: stats.size, lastModified: stats.mtime };
      }
    }
  }
}
