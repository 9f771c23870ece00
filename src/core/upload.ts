// Presigned plugin uploads (issue 9, CONTRACT §2.2) as the rest of Cirrus sees them, and their
// rules: what a grant request may say, where its object goes, and when an upload may be used.
import { Conflict, InvalidRequest } from './errors.ts';
import { PLUGIN_CLOUDS, type ContentFormat, type PluginApi, type PluginCloud } from './plugin.ts';

/** Uploads serve the plugins of either API, in the plugins' own terms. */
export type UploadApi = PluginApi;
export type UploadCloud = PluginCloud;
export type { ContentFormat };

export interface Upload {
  id: string;
  api: UploadApi;
  organizationId: string;
  /** ccpm/v1 only. */
  environmentId: string | null;
  contentFormat: ContentFormat;
  cloud: UploadCloud;
  bucket: string;
  objectKey: string;
  createdAt: string;
  expiresAt: string;
  completedAt: string | null;
  size: number | null;
  sha256: string | null;
  consumedAt: string | null;
}

/** Who may use an upload: the API and organization (and environment) that asked for it. */
export type UploadScope =
  | { api: 'connect/v1'; organizationId: string }
  | { api: 'ccpm/v1'; organizationId: string; environmentId: string };

/** A grant is good for an hour (CONTRACT §2.2); then the client asks for another. */
export const GRANT_TTL_MS = 60 * 60 * 1000;
/** Uploads nobody used are swept a day after they were granted. */
export const UNUSED_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** The smallest ZIP (and so JAR) there is: an empty archive's end-of-central-directory record. */
export const MIN_ARCHIVE_BYTES = 22;

const FORMATS: readonly ContentFormat[] = ['ZIP', 'JAR'];
const CLOUDS: readonly UploadCloud[] = PLUGIN_CLOUDS;

/** `zip`, `Zip` … → ZIP: Terraform sends the file's extension (CONTRACT Q32). */
export function parseContentFormat(value: unknown, pointer = '/content_format'): ContentFormat {
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (!(FORMATS as readonly string[]).includes(upper)) throw new InvalidRequest('content_format must be ZIP or JAR', pointer);
  return upper as ContentFormat;
}

/** Any case; connect/v1 defaults to AWS (the spec's default), ccpm/v1 requires it. */
export function parseCloud(value: unknown, required: boolean, pointer = '/cloud'): UploadCloud {
  if (value === undefined || value === null || value === '') {
    if (required) throw new InvalidRequest('cloud is required', pointer);
    return 'AWS';
  }
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (!(CLOUDS as readonly string[]).includes(upper)) throw new InvalidRequest('cloud must be one of AWS, GCP, AZURE', pointer);
  return upper as UploadCloud;
}

/** Where an upload's object goes: under its organization, named by its id. */
export function uploadObjectKey(organizationId: string, uploadId: string, format: ContentFormat): string {
  return `uploads/${organizationId}/${uploadId}/plugin.${format === 'ZIP' ? 'zip' : 'jar'}`;
}

/** The upload id in an object key made by uploadObjectKey, or undefined. */
export function uploadIdOfKey(key: string): string | undefined {
  return /^uploads\/[^/]+\/([0-9a-f-]{36})\/plugin\.(zip|jar)$/.exec(key)?.[1];
}

/** Where plugin create takes `upload_id`, per API, for the errors' source.pointer. */
export function uploadIdPointer(api: UploadApi): string {
  return api === 'connect/v1' ? '/upload_source/upload_id' : '/spec/upload_source/upload_id';
}

function inScope(upload: Upload, scope: UploadScope): boolean {
  if (upload.api !== scope.api || upload.organizationId !== scope.organizationId) return false;
  return scope.api === 'connect/v1' || upload.environmentId === scope.environmentId;
}

/**
 * Why an upload cannot be used by a plugin of `scope`, as the error plugin create answers. One
 * of another API, organization or environment reads as unknown, like a missing one.
 */
export function checkUsable(upload: Upload | undefined, id: string, scope: UploadScope): asserts upload is Upload {
  const pointer = uploadIdPointer(scope.api);
  if (!upload || !inScope(upload, scope)) throw new InvalidRequest(`Upload ${id} was not found; request a presigned upload URL first`, pointer);
  if (upload.consumedAt !== null) throw new Conflict(`Upload ${id} has already been used by a plugin; request a new presigned upload URL`);
  if (upload.completedAt === null) throw new InvalidRequest(`Upload ${id} has not been completed: upload the archive to upload_url first`, pointer);
}
