// What Cirrus' own upload target does with a POST (or PUT) once its HTTP layer has the form
// fields and the file stream (issue 9, CONTRACT §2.2): check the policy as S3 would (core), find
// the upload it grants, and store the file whole or not at all. Only the local object store has
// such a target; with S3, clients upload to the bucket itself.
import type { Readable } from 'node:stream';
import { checkPostForm, type UploadLimits } from '../core/post-policy-check.ts';
import { UploadRefused } from '../core/post-policy.ts';
import { MIN_ARCHIVE_BYTES, type Upload } from '../core/upload.ts';
import type { ObjectStore } from '../objects/object-store.ts';
import { hmacSha256 } from '../objects/sigv4.ts';
import type { Store } from '../store/database.ts';
import { withOperation } from '../store/operations.ts';
import * as repo from '../store/uploads.ts';

export interface UploadTargetDeps {
  db: Store;
  store: ObjectStore;
  now: () => Date;
  maxBytes: number;
}

/** The object a request names (the upload URL's path), the form's fields, and the file. */
export interface ReceivedUpload {
  bucket: string;
  key: string;
  /** Lowercase names. */
  fields: Record<string, string>;
  /** The file, or the text of a `file` field that was no file (curl's `-F file=path` without `@`). */
  file: Readable | { text: string };
}

const noSuchUpload = () => new UploadRefused('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');

export class UploadTarget {
  /** Uploads being written now: a second request for one of them is refused, not interleaved. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: UploadTargetDeps) {}

  /** Whether this installation serves the upload target (the local object store does). */
  get enabled(): boolean {
    return this.deps.store.postCredentials !== undefined;
  }

  /** Checks the form, then streams the file into the store; returns the stored object's sha256. */
  async receive(received: ReceivedUpload): Promise<{ sha256: string }> {
    const { upload, limits } = await this.authorize(received);
    if ('text' in received.file) {
      // S3 would take the text for the file, which a path never is: refuse it as S3 refuses a tiny one.
      throw new UploadRefused('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size',
        { ProposedSize: String(Buffer.byteLength(received.file.text)), MinSizeAllowed: String(limits.minBytes) });
    }
    const file = received.file;
    if (this.inFlight.has(upload.id)) {
      throw new UploadRefused('AccessDenied', 'Another upload to this URL is in progress');
    }
    this.inFlight.add(upload.id);
    try {
      const stored = await this.deps.store.put(upload.objectKey, file, limits);
      const at = this.deps.now().toISOString();
      await withOperation(this.deps.db, { operation: 'cirrus.upload.complete', resourceId: upload.id, actor: `upload/${upload.id}`, at, detail: { size: stored.size } },
        (tx) => repo.completeUpload(tx, upload.id, { at, size: stored.size, sha256: stored.sha256 }));
      return { sha256: stored.sha256 };
    } finally {
      this.inFlight.delete(upload.id);
    }
  }

  /** The policy's checks, then the grant's: it must name this object, still be unused, and not be done yet. */
  private async authorize(received: ReceivedUpload): Promise<{ upload: Upload; limits: UploadLimits }> {
    const credentials = this.deps.store.postCredentials;
    if (!credentials || received.bucket !== this.deps.store.bucket) throw noSuchUpload();
    const form = checkPostForm({
      fields: received.fields, now: this.deps.now(), hmac: hmacSha256,
      credentialsOf: (id) => (id === credentials.accessKeyId ? credentials : undefined),
    });
    if (form.bucket !== received.bucket || form.key !== received.key) {
      throw new UploadRefused('AccessDenied', 'Invalid according to Policy: the form\'s bucket and key must name the object of the upload URL');
    }
    const upload = await repo.findUploadByObject(this.deps.db, received.bucket, received.key);
    if (!upload) throw noSuchUpload();
    if (upload.consumedAt !== null || upload.completedAt !== null) {
      throw new UploadRefused('AccessDenied', 'Invalid according to Policy: this upload has already been completed; request a new presigned upload URL');
    }
    // The policy's content-length-range, never beyond the installation's limit.
    const limits = { minBytes: form.limits?.minBytes ?? MIN_ARCHIVE_BYTES, maxBytes: Math.min(form.limits?.maxBytes ?? this.deps.maxBytes, this.deps.maxBytes) };
    return { upload, limits };
  }
}
