// Presigned plugin uploads (issue 9, CONTRACT §2.2): grants for both APIs, what Cirrus' own upload
// target receives (local objects), and the single use of an upload by the plugin service.
//
// How the plugin service uses an upload, so that "use the upload + insert the plugin" is atomic
// and slow work (reading, inspecting, copying a 200 MB archive) stays outside any transaction:
//
//   const artifact = await uploads.open(uploadId, scope);       // checks; no write (S3: fetches it)
//   try {
//     await inspect(artifact.localPath, artifact.upload.contentFormat);   // outside any transaction
//     await withOperation(db, op, async (tx) => {
//       await uploads.consume(uploadId, scope, tx);             // re-checks the row, marks it used
//       await insertPlugin(tx, …);                              // a throw here un-uses the upload
//     });
//   } finally {
//     await artifact.release();
//   }
//
// consume() does only SQL, so it is safe inside a transaction; two plugins racing for one upload
// both pass open(), and exactly one consume() succeeds (the other gets Conflict, 409).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Conflict, InvalidRequest, NotFound } from '../core/errors.ts';
import {
  checkUsable, GRANT_TTL_MS, MIN_ARCHIVE_BYTES, parseCloud, parseContentFormat, uploadObjectKey,
  type Upload, type UploadApi, type UploadScope,
} from '../core/upload.ts';
import type { ObjectStore } from '../objects/object-store.ts';
import { meter } from '../objects/meter.ts';
import type { Executor, Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import { findEnvironment } from '../store/organizations.ts';
import * as repo from '../store/uploads.ts';
import { UploadTarget } from './upload-target.ts';

export interface GrantRequest {
  scope: UploadScope;
  /** As the client sent them; checked here (any case). */
  contentFormat: unknown;
  cloud: unknown;
}

/** A presigned upload: the upload, where to send the file, and the form fields to send with it. */
export interface UploadGrant {
  upload: Upload;
  /** Absolute for S3; for the local store a path on Cirrus' own API (resolve it against the API's base URL). */
  uploadUrl: string;
  formData: Record<string, string>;
}

/** An upload ready for the plugin service: its row, and its bytes in a local file. */
export interface UploadArtifact {
  upload: Upload;
  /** The archive on local disk (the object itself for the local store, a fetched copy for S3). */
  localPath: string;
  /** Removes the fetched copy (S3); a no-op for the local store. Call it when done. */
  release(): Promise<void>;
}

export interface UploadServiceDeps {
  db: Store;
  store: ObjectStore;
  now: () => Date;
  /** The largest archive a grant lets through (CIRRUS_UPLOAD_MAX_BYTES). */
  maxBytes: number;
  /** Where S3 objects are fetched to for the plugin service (`<home>/objects/.fetched`). */
  fetchDirectory: string;
}

export class UploadService {
  /** What Cirrus' own upload target (POST/PUT) hands its files to. */
  readonly target: UploadTarget;

  constructor(private readonly deps: UploadServiceDeps) {
    this.target = new UploadTarget(deps);
    // Copies fetched before a crash are nobody's now.
    fs.rmSync(deps.fetchDirectory, { recursive: true, force: true });
  }

  async createGrant(request: GrantRequest, actor: string): Promise<UploadGrant> {
    const { scope } = request;
    const contentFormat = parseContentFormat(request.contentFormat);
    const cloud = parseCloud(request.cloud, scope.api === 'ccpm/v1');
    if (scope.api === 'ccpm/v1') await this.requireEnvironment(scope.organizationId, scope.environmentId);
    const now = this.deps.now();
    const id = randomUUID();
    const upload: Upload = {
      id, api: scope.api, organizationId: scope.organizationId, environmentId: scope.api === 'ccpm/v1' ? scope.environmentId : null,
      contentFormat, cloud, bucket: this.deps.store.bucket, objectKey: uploadObjectKey(scope.organizationId, id, contentFormat),
      createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + GRANT_TTL_MS).toISOString(),
      completedAt: null, size: null, sha256: null, consumedAt: null,
    };
    const post = await this.deps.store.presignPost({
      key: upload.objectKey, minBytes: MIN_ARCHIVE_BYTES, maxBytes: this.deps.maxBytes, expiresAt: new Date(upload.expiresAt),
    });
    await withOperation(this.deps.db, { operation: operationOf(scope.api), resourceId: id, actor, at: upload.createdAt }, (tx) => repo.insertUpload(tx, upload));
    return { upload, uploadUrl: uploadUrlOf(post.url, post.fields, cloud, this.deps.store.kind), formData: post.fields };
  }

  /**
   * Checks that `uploadId` can be used by a plugin of `scope` and puts its bytes in a local file;
   * writes nothing but, for S3, the completion it finds (S3 tells no one when a POST lands).
   */
  async open(uploadId: string, scope: UploadScope): Promise<UploadArtifact> {
    let upload = await repo.findUpload(this.deps.db, uploadId);
    if (this.deps.store.kind === 's3' && upload && upload.consumedAt === null) return this.fetchFromBucket(upload, scope);
    checkUsable(upload, uploadId, scope);
    upload = upload as Upload;
    const localPath = this.deps.store.localPath!(upload.objectKey);
    if (!(await this.deps.store.stat(upload.objectKey))) throw new NotFound(`The archive of upload ${uploadId} is gone`);
    return { upload, localPath, release: async () => {} };
  }

  /**
   * Uses the upload up: checks it again (SQL only) and marks it consumed in `tx`, the plugin
   * service's transaction, so a plugin that fails to insert leaves the upload usable. Without
   * `tx`, in a transaction of its own with its operation record.
   */
  async consume(uploadId: string, scope: UploadScope, tx?: Executor): Promise<Upload> {
    const use = async (db: Executor): Promise<Upload> => {
      const upload = await repo.findUpload(db, uploadId);
      checkUsable(upload, uploadId, scope);
      const at = this.deps.now().toISOString();
      if (!(await repo.consumeUpload(db, uploadId, at))) throw new Conflict(`Upload ${uploadId} has already been used by a plugin; request a new presigned upload URL`);
      return { ...upload, consumedAt: at };
    };
    if (tx) return use(tx);
    const at = this.deps.now().toISOString();
    return withOperation(this.deps.db, { operation: 'cirrus.upload.consume', resourceId: uploadId, actor: 'plugin-service', at }, use);
  }

  /**
   * Removes the object of a used upload once the plugin keeps its archive by sha256 (the sweep
   * leaves used uploads alone). The row stays, so the id can never be used again.
   */
  async discard(uploadId: string): Promise<void> {
    const upload = await repo.findUpload(this.deps.db, uploadId);
    if (upload?.consumedAt) await this.deps.store.delete(upload.objectKey);
  }

  private async fetchFromBucket(upload: Upload, scope: UploadScope): Promise<UploadArtifact> {
    // Scope first: nothing is fetched or recorded for a caller who may not use this upload.
    checkUsable({ ...upload, completedAt: upload.completedAt ?? 'in the bucket, maybe' }, upload.id, scope);
    if (!(await this.deps.store.stat(upload.objectKey))) {
      // No object in the bucket: whatever was recorded, nothing has arrived to use.
      checkUsable({ ...upload, completedAt: null }, upload.id, scope);
    }
    const localPath = path.join(this.deps.fetchDirectory, randomUUID());
    await fsp.mkdir(this.deps.fetchDirectory, { recursive: true, mode: 0o700 });
    const metered = meter(undefined);
    try {
      await pipeline(await this.deps.store.read(upload.objectKey), metered.stream, fs.createWriteStream(localPath, { flags: 'wx', mode: 0o600 }));
      const done = { at: upload.completedAt ?? this.deps.now().toISOString(), size: metered.size(), sha256: metered.sha256() };
      await repo.completeUpload(this.deps.db, upload.id, done);
      const completed = { ...upload, completedAt: done.at, size: done.size, sha256: done.sha256 };
      checkUsable(completed, upload.id, scope);
      return { upload: completed, localPath, release: () => fsp.rm(localPath, { force: true }) };
    } catch (err) {
      await fsp.rm(localPath, { force: true });
      throw err;
    }
  }

  /** ccpm/v1's presign route declares no 404 (ccpm-v1.yaml): an unknown environment is a bad request. */
  private async requireEnvironment(organizationId: string, environmentId: string): Promise<void> {
    const env = await findEnvironment(this.deps.db, environmentId);
    if (!env || env.organizationId !== organizationId) throw new InvalidRequest(`Environment ${environmentId} was not found`, '/environment/id');
  }
}

function operationOf(api: UploadApi): string {
  return api === 'connect/v1' ? 'connect.presigned_upload_url.create' : 'ccpm.presigned_upload_url.create';
}

/**
 * GCP and Azure clients PUT the file to upload_url as they would to a signed URL (CONTRACT §2.2):
 * for our own target the signed fields then ride in its query string, so a bare PUT of the file
 * authenticates as the form would. S3 grants are POST-only.
 */
function uploadUrlOf(url: string, fields: Record<string, string>, cloud: string, kind: ObjectStore['kind']): string {
  if (kind === 's3' || cloud === 'AWS') return url;
  return `${url}?${new URLSearchParams(fields).toString()}`;
}
