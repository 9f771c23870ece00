// Picks the artifact store from the settings (CIRRUS_OBJECTS): the local directory of the
// embedded default, or S3. The local store signs its POST policies with a key derived from the
// master key (purpose `upload-signing`), so grants survive restarts and no secret is stored.
import { createHmac } from 'node:crypto';
import path from 'node:path';
import type { SigningCredentials } from '../core/post-policy.ts';
import { LocalObjectStore } from './local.ts';
import type { ObjectStore } from './object-store.ts';

export interface ObjectsSettings {
  kind: 'local' | 's3';
  s3Bucket: string | undefined;
  s3Region: string;
  s3Endpoint: string | undefined;
}

/** The local store's one bucket: a folder of `<home>/objects/`. */
export const LOCAL_BUCKET = 'cirrus-plugins';
/** Where the API serves its own upload target: `<prefix>/<bucket>/<key>`, path-style like S3. */
export const UPLOAD_TARGET_PREFIX = '/cirrus/uploads';

export function uploadTargetPath(bucket: string, key: string): string {
  return `${UPLOAD_TARGET_PREFIX}/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** An access key id, secret and session token for the local store, all from one derived key. */
export function localSigningCredentials(signingKey: Buffer, region: string): SigningCredentials {
  const derive = (what: string) => createHmac('sha256', signingKey).update(what).digest();
  return {
    accessKeyId: `CIRRUS${derive('access-key-id').toString('hex').slice(0, 14).toUpperCase()}`,
    secretAccessKey: derive('secret-access-key').toString('base64url'),
    sessionToken: derive('session-token').toString('base64url'),
    region,
  };
}

/**
 * `directory` is `<home>/objects`: the local store's buckets, and S3's spool, live there. The AWS
 * SDK is loaded only for S3: it is the largest library Cirrus has, in memory and in start time
 * (issue 13).
 */
export async function createObjectStore(settings: ObjectsSettings, directory: string, signingKey: Buffer, now: () => Date): Promise<ObjectStore> {
  if (settings.kind === 's3') {
    const { S3ObjectStore } = await import('./s3.ts');
    return new S3ObjectStore({
      bucket: settings.s3Bucket!, region: settings.s3Region, endpoint: settings.s3Endpoint, spoolDirectory: path.join(directory, '.spool'), now,
    });
  }
  return new LocalObjectStore({
    directory, bucket: LOCAL_BUCKET, credentials: localSigningCredentials(signingKey, settings.s3Region), uploadPath: uploadTargetPath, now,
  });
}
