// AWS SigV4 browser-form POST policies (C13): building, signing and checking one, as S3 does for
// an HTML form upload. Pure (C10): the HMAC-SHA256 primitive and the clock come in as parameters,
// so the rules here are table-tested without node:crypto and used by src/objects/ with it.
// Refusals carry S3's own error codes and messages; their HTTP statuses live in http/ (C8).

/** HMAC-SHA256 of `data` under `key`, raw bytes. src/objects/sigv4.ts passes node:crypto's. */
export type HmacSha256 = (key: Uint8Array | string, data: string) => Uint8Array;

export const POST_POLICY_ALGORITHM = 'AWS4-HMAC-SHA256';

/** Who signs: an access key id, its secret, an optional session token, and the region. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
}

/** What one upload may be: where it goes, how big, until when. */
export interface PostGrant {
  bucket: string;
  key: string;
  minBytes: number;
  maxBytes: number;
  expiresAt: Date;
}

/** S3's error codes for a refused browser-form POST (and PUT) upload. */
export type UploadErrorCode =
  | 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId' | 'InvalidArgument' | 'InvalidPolicyDocument'
  | 'MalformedPOSTRequest' | 'MaxPostPreDataLengthExceeded' | 'EntityTooLarge' | 'EntityTooSmall' | 'NoSuchUpload' | 'IncompleteBody';

/** An upload S3 would refuse: its code, message, and the extra elements S3 puts in the XML. */
export class UploadRefused extends Error {
  constructor(readonly code: UploadErrorCode, message: string, readonly details: Record<string, string> = {}) {
    super(message);
  }
}

/** The form fields a signed policy needs, lowercase as our wire sends them. */
export const SIGNED_FIELDS = ['key', 'policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature'] as const;

/** `20230725T013857Z` */
export function amzDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function signingKey(hmac: HmacSha256, secret: string, day: string, region: string): Uint8Array {
  const kDate = hmac(`AWS4${secret}`, day);
  return hmac(hmac(hmac(kDate, region), 's3'), 'aws4_request');
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SigV4 signature of a base64 policy: the policy itself is the string to sign. */
export function signPolicy(hmac: HmacSha256, secret: string, day: string, region: string, policyBase64: string): string {
  return hex(hmac(signingKey(hmac, secret, day, region), policyBase64));
}

/**
 * The form fields of a grant, as S3 and our upload target take them: every field the client
 * sends is named by a condition of the policy, which the signature covers.
 */
export function signPostPolicy(grant: PostGrant, credentials: SigningCredentials, now: Date, hmac: HmacSha256): Record<string, string> {
  const date = amzDate(now);
  const credential = `${credentials.accessKeyId}/${date.slice(0, 8)}/${credentials.region}/s3/aws4_request`;
  const fields: Record<string, string> = {
    bucket: grant.bucket, key: grant.key,
    'x-amz-algorithm': POST_POLICY_ALGORITHM, 'x-amz-credential': credential, 'x-amz-date': date,
  };
  if (credentials.sessionToken !== undefined) fields['x-amz-security-token'] = credentials.sessionToken;
  const document = {
    expiration: grant.expiresAt.toISOString(),
    conditions: [
      ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
      ['content-length-range', grant.minBytes, grant.maxBytes],
    ],
  };
  const policy = toBase64(JSON.stringify(document));
  return { ...fields, policy, 'x-amz-signature': signPolicy(hmac, credentials.secretAccessKey, date.slice(0, 8), credentials.region, policy) };
}

/** Equal strings in time that does not depend on where they differ (signatures). */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 text to base64, without Buffer (core stays free of node globals it does not need). */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63]! : '=';
  }
  return out;
}

/** base64 to UTF-8 text; undefined when it is not base64 or not UTF-8. */
export function fromBase64(text: string): string | undefined {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, j) => (acc << 6) | Math.max(0, BASE64.indexOf(clean[i + j]!)), 0);
    bytes.push((n >> 16) & 255);
    if (clean[i + 2] !== '=') bytes.push((n >> 8) & 255);
    if (clean[i + 3] !== '=') bytes.push(n & 255);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}
