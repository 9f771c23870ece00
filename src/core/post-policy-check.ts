// Checking a submitted browser-form POST as S3 does (C13): the signed fields are there, the
// credential names a key we know, the signature matches (constant-time), the policy has not
// expired, every condition holds and no field goes unnamed. The file's size is checked against
// the policy's content-length-range while it streams (checkUploadSize). Pure (C10).
import {
  constantTimeEqual, fromBase64, POST_POLICY_ALGORITHM, SIGNED_FIELDS, signPolicy, UploadRefused,
  type HmacSha256, type SigningCredentials,
} from './post-policy.ts';

export interface UploadLimits {
  minBytes: number;
  maxBytes: number;
}

/** What a form that passed its policy may upload: where, and how big. */
export interface CheckedForm {
  bucket: string;
  key: string;
  /** The policy's content-length-range; undefined when it sets none. */
  limits: UploadLimits | undefined;
}

export interface FormCheck {
  /** Field names lowercase (S3 compares them case-insensitively), values as sent. */
  fields: Readonly<Record<string, string>>;
  /** The credentials of an access key id, or undefined for a key we never issued. */
  credentialsOf: (accessKeyId: string) => SigningCredentials | undefined;
  now: Date;
  hmac: HmacSha256;
}

type Condition = { kind: 'eq' | 'starts-with'; field: string; value: string } | { kind: 'range'; min: number; max: number };

const NOT_CHECKED = new Set(['policy', 'x-amz-signature', 'file']);

const missing = (name: string) => new UploadRefused('InvalidArgument',
  `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
  { ArgumentName: name, ArgumentValue: '' });

const denied = (why: string) => new UploadRefused('AccessDenied', `Invalid according to Policy: ${why}`);

export function checkPostForm(check: FormCheck): CheckedForm {
  const { fields } = check;
  for (const name of SIGNED_FIELDS) if (fields[name] === undefined || fields[name] === '') throw missing(name);
  if (fields['x-amz-algorithm'] !== POST_POLICY_ALGORITHM) {
    throw new UploadRefused('InvalidArgument', `Only ${POST_POLICY_ALGORITHM} is supported for x-amz-algorithm`,
      { ArgumentName: 'x-amz-algorithm', ArgumentValue: fields['x-amz-algorithm']! });
  }
  verifySignature(check);
  const document = parsePolicy(fields.policy!);
  if (!(check.now.getTime() < document.expiresAt.getTime())) throw denied('Policy expired.');
  let limits: UploadLimits | undefined;
  const named = new Set<string>();
  for (const condition of document.conditions) {
    if (condition.kind === 'range') {
      limits = { minBytes: condition.min, maxBytes: condition.max };
      continue;
    }
    named.add(condition.field);
    if (!holds(condition, fields[condition.field] ?? '')) throw denied(`Policy Condition failed: ${describe(condition)}`);
  }
  const extra = Object.keys(fields).filter((name) => !NOT_CHECKED.has(name) && !name.startsWith('x-ignore-') && !named.has(name));
  if (extra.length > 0) throw denied(`Extra input fields: ${extra.join(', ')}`);
  return { bucket: fields.bucket ?? '', key: fields.key!, limits };
}

function verifySignature({ fields, credentialsOf, hmac }: FormCheck): void {
  const date = fields['x-amz-date']!;
  const [accessKeyId = '', day, region, service, terminator, ...rest] = fields['x-amz-credential']!.split('/');
  if (!/^\d{8}T\d{6}Z$/.test(date)) {
    throw new UploadRefused('InvalidArgument', 'x-amz-date must be of the form yyyyMMddTHHmmssZ', { ArgumentName: 'x-amz-date', ArgumentValue: date });
  }
  const credentials = credentialsOf(accessKeyId);
  if (!credentials) throw new UploadRefused('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId });
  if (rest.length > 0 || day !== date.slice(0, 8) || region !== credentials.region || service !== 's3' || terminator !== 'aws4_request') {
    throw new UploadRefused('InvalidArgument', `x-amz-credential must be <key>/${date.slice(0, 8)}/${credentials.region}/s3/aws4_request`,
      { ArgumentName: 'x-amz-credential', ArgumentValue: fields['x-amz-credential']! });
  }
  const expected = signPolicy(hmac, credentials.secretAccessKey, day, region, fields.policy!);
  if (!constantTimeEqual(expected, fields['x-amz-signature']!.toLowerCase())) {
    throw new UploadRefused('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
}

const invalidPolicy = (why: string) => new UploadRefused('InvalidPolicyDocument', `Invalid Policy: ${why}`);

/** The policy document: expiration and conditions, each read as S3 reads it. */
export function parsePolicy(policyBase64: string): { expiresAt: Date; conditions: Condition[] } {
  const text = fromBase64(policyBase64);
  let document: unknown;
  try {
    document = text === undefined ? undefined : JSON.parse(text);
  } catch {
    document = undefined;
  }
  if (typeof document !== 'object' || document === null) throw invalidPolicy('Invalid JSON.');
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  const expiresAt = typeof expiration === 'string' ? new Date(expiration) : new Date(NaN);
  if (Number.isNaN(expiresAt.getTime())) throw invalidPolicy('Invalid \'expiration\' value.');
  if (!Array.isArray(conditions)) throw invalidPolicy('Policy missing conditions.');
  return { expiresAt, conditions: conditions.map(readCondition) };
}

function readCondition(raw: unknown): Condition {
  if (Array.isArray(raw)) {
    const [op, a, b] = raw as unknown[];
    if (raw.length === 3 && op === 'content-length-range' && isSize(a) && isSize(b)) return { kind: 'range', min: a, max: b };
    if (raw.length === 3 && (op === 'eq' || op === 'starts-with') && typeof a === 'string' && a.startsWith('$') && typeof b === 'string') {
      return { kind: op, field: a.slice(1).toLowerCase(), value: b };
    }
  } else if (typeof raw === 'object' && raw !== null) {
    const entries = Object.entries(raw);
    const [name, value] = entries[0] ?? [];
    if (entries.length === 1 && typeof value === 'string') return { kind: 'eq', field: name!.toLowerCase(), value };
  }
  throw invalidPolicy(`Invalid condition: ${JSON.stringify(raw)}`);
}

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function holds(condition: Exclude<Condition, { kind: 'range' }>, value: string): boolean {
  return condition.kind === 'eq' ? value === condition.value : value.startsWith(condition.value);
}

function describe(condition: Exclude<Condition, { kind: 'range' }>): string {
  return `["${condition.kind}", "$${condition.field}", "${condition.value}"]`;
}

/**
 * The size of an upload against its limits, as S3 answers it: called with the bytes so far
 * while the file streams (a size past the maximum stops it at once) and with the total at the end.
 */
export function checkUploadSize(size: number, limits: UploadLimits, complete: boolean): void {
  if (size > limits.maxBytes) {
    throw new UploadRefused('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { MaxSizeAllowed: String(limits.maxBytes) });
  }
  if (complete && size < limits.minBytes) {
    throw new UploadRefused('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size',
      { ProposedSize: String(size), MinSizeAllowed: String(limits.minBytes) });
  }
}
