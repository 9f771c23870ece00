// The one interface plugin artifacts go through (C13): a local directory for the embedded default
// (local.ts) or an S3 bucket (s3.ts), picked by CIRRUS_OBJECTS (create.ts). Keys are `/`-separated
// relative paths; the local store passes every one through one safe-path resolver (safe-path.ts).
import type { Readable } from 'node:stream';
import type { UploadLimits } from '../core/post-policy-check.ts';
import type { SigningCredentials } from '../core/post-policy.ts';

export interface PresignPostInput {
  key: string;
  minBytes: number;
  maxBytes: number;
  expiresAt: Date;
}

/**
 * A browser-form POST grant: the URL to POST to and the form fields to send before the `file`
 * part. The local store's URL is a path on Cirrus' own API (the caller resolves it against the
 * API's base URL); S3's is the bucket's own URL.
 */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
}

export interface StoredObject {
  size: number;
  /** Hex SHA-256 of the bytes written. */
  sha256: string;
}

export interface ObjectStore {
  readonly kind: 'local' | 's3';
  readonly bucket: string;
  /**
   * The credentials whose POST policies Cirrus' own upload target checks: the local store's.
   * Undefined for S3, which checks its policies itself.
   */
  readonly postCredentials: SigningCredentials | undefined;
  presignPost(input: PresignPostInput): Promise<PresignedPost>;
  /**
   * Writes `body` under `key`, whole or not at all: a body that ends early, breaks `limits` or
   * fails leaves nothing behind (and what was there before stays).
   */
  put(key: string, body: Readable, limits?: UploadLimits): Promise<StoredObject>;
  /** Size and time of an object; undefined when there is none. */
  stat(key: string): Promise<ObjectInfo | undefined>;
  /** The object's bytes as a stream; rejects with ObjectMissing when there is none. */
  read(key: string): Promise<Readable>;
  /** Removes an object; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, for sweeping. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** The local store's file of an object, for tools that need a path (archive inspection). */
  localPath?(key: string): string;
}

export class ObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no object ${key}`);
  }
}
