// Plugin artifacts in an S3 bucket (or an S3-compatible store via CIRRUS_S3_ENDPOINT), with the
// AWS SDK v3. Credentials come from the SDK's default chain (environment, shared files, SSO, IMDS
// …). Clients upload straight to the bucket with the SDK's presigned POST; S3 checks the policy.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { checkUploadSize, type UploadLimits } from '../core/post-policy-check.ts';
import { meter } from './meter.ts';
import { ObjectMissing, type ObjectInfo, type ObjectStore, type PresignedPost, type PresignPostInput, type StoredObject } from './object-store.ts';

export interface S3ObjectStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, moto, …); path-style addressing is used with it. */
  endpoint?: string;
  /** Where put() spools a body before sending it (`<home>/objects/.spool`). */
  spoolDirectory: string;
  now: () => Date;
}

export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3';
  readonly bucket: string;
  readonly postCredentials = undefined;
  readonly client: S3Client;

  constructor(private readonly options: S3ObjectStoreOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    });
  }

  async presignPost(input: PresignPostInput): Promise<PresignedPost> {
    const seconds = Math.max(1, Math.round((input.expiresAt.getTime() - this.options.now().getTime()) / 1000));
    const post = await createPresignedPost(this.client, {
      Bucket: this.bucket, Key: input.key, Expires: seconds,
      Conditions: [['content-length-range', input.minBytes, input.maxBytes]],
    });
    // S3 reads form field names case-insensitively; our wire sends them lowercase (CONTRACT §2.2).
    const fields = Object.fromEntries(Object.entries(post.fields).map(([name, value]) => [name.toLowerCase(), value]));
    return { url: post.url, fields };
  }

  /**
   * Spools the body to a file under `spoolDirectory` (hashing, and stopping at `limits.maxBytes`),
   * then sends it with its length: PutObject needs one, and a 200 MB plugin must not sit in memory.
   */
  async put(key: string, body: Readable, limits?: UploadLimits): Promise<StoredObject> {
    const spool = path.join(this.options.spoolDirectory, randomUUID());
    await fsp.mkdir(this.options.spoolDirectory, { recursive: true, mode: 0o700 });
    const metered = meter(limits);
    try {
      await pipeline(body, metered.stream, fs.createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
      if (limits) checkUploadSize(metered.size(), limits, true);
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: fs.createReadStream(spool), ContentLength: metered.size() }));
    } finally {
      await fsp.rm(spool, { force: true });
    }
    return { size: metered.size(), sha256: metered.sha256() };
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0) };
    } catch (err) {
      if (err instanceof NotFound || err instanceof NoSuchKey || (err as { name?: string }).name === 'NotFound') return undefined;
      throw err;
    }
  }

  async read(key: string): Promise<Readable> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return object.Body as Readable;
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') throw new ObjectMissing(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const item of page.Contents ?? []) {
        if (item.Key) yield { key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
