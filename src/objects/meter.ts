// Counts and hashes the bytes of a body on their way to storage, and stops it as soon as it
// passes its limit (S3's EntityTooLarge), so neither store ever writes more than it may.
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { checkUploadSize, type UploadLimits } from '../core/post-policy-check.ts';

export interface Meter {
  stream: Transform;
  size(): number;
  /** Hex SHA-256 of what passed; call once, after the stream ended. */
  sha256(): string;
}

export function meter(limits: UploadLimits | undefined): Meter {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      try {
        if (limits) checkUploadSize(size, limits, false);
      } catch (err) {
        return done(err as Error);
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, size: () => size, sha256: () => hash.digest('hex') };
}
