// C13: the SigV4 browser-form POST policy rules in core, table-tested, and cross-checked against
// the AWS SDK's own presigned POST (a form it signs passes our check; a form we sign is one S3 reads).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { checkPostForm, checkUploadSize, parsePolicy } from '../../src/core/post-policy-check.ts';
import { amzDate, constantTimeEqual, fromBase64, signPostPolicy, toBase64, UploadRefused, type SigningCredentials } from '../../src/core/post-policy.ts';
import { hmacSha256 } from '../../src/objects/sigv4.ts';

const credentials: SigningCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token-1', region: 'us-west-2' };
const now = new Date('2026-11-30T10:00:00.000Z');
const grant = { bucket: 'plugins', key: 'uploads/o1/u1/plugin.zip', minBytes: 22, maxBytes: 1000, expiresAt: new Date(now.getTime() + 3_600_000) };
const signed = () => signPostPolicy(grant, credentials, now, hmacSha256);
const check = (fields: Record<string, string>, at = now) => checkPostForm({
  fields, now: at, hmac: hmacSha256, credentialsOf: (id) => (id === credentials.accessKeyId ? credentials : undefined),
});
const refusal = (fn: () => unknown): { code: string; message: string } => {
  try {
    fn();
  } catch (err) {
    if (err instanceof UploadRefused) return { code: err.code, message: err.message };
    throw err;
  }
  return { code: 'none', message: '' };
};
const withPolicy = (fields: Record<string, string>, edit: (doc: { expiration: string; conditions: unknown[] }) => void) => {
  const doc = JSON.parse(fromBase64(fields.policy!)!);
  edit(doc);
  return { ...fields, policy: toBase64(JSON.stringify(doc)) };
};

describe('POST policy: signing', () => {
  it('gives every field S3 needs, each named by a condition, with the range and expiry', () => {
    const fields = signed();
    assert.deepEqual(Object.keys(fields).sort(), ['bucket', 'key', 'policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-security-token', 'x-amz-signature']);
    assert.equal(fields['x-amz-credential'], 'AKIDEXAMPLE/20261130/us-west-2/s3/aws4_request');
    assert.equal(fields['x-amz-date'], '20261130T100000Z');
    assert.match(fields['x-amz-signature']!, /^[0-9a-f]{64}$/);
    const policy = parsePolicy(fields.policy!);
    assert.equal(policy.expiresAt.toISOString(), '2026-11-30T11:00:00.000Z');
    assert.deepEqual(policy.conditions.find((c) => c.kind === 'range'), { kind: 'range', min: 22, max: 1000 });
    assert.deepEqual(check(fields), { bucket: 'plugins', key: grant.key, limits: { minBytes: 22, maxBytes: 1000 } });
  });

  it('signs as the AWS SDK does: a form the SDK presigns passes our check', async () => {
    const client = new S3Client({ region: 'us-west-2', credentials, endpoint: 'http://127.0.0.1:9', forcePathStyle: true });
    const post = await createPresignedPost(client, { Bucket: 'plugins', Key: grant.key, Expires: 600, Conditions: [['content-length-range', 22, 1000]] });
    const fields = Object.fromEntries(Object.entries(post.fields).map(([k, v]) => [k.toLowerCase(), v]));
    assert.equal(check(fields, new Date()).key, grant.key);
    assert.equal(refusal(() => check({ ...fields, 'x-amz-signature': fields['x-amz-signature']!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }, new Date())).code, 'SignatureDoesNotMatch');
  });

  it('formats dates and base64 as S3 does', () => {
    assert.equal(amzDate(new Date('2023-07-25T01:38:57.123Z')), '20230725T013857Z');
    for (const text of ['', 'a', 'ab', 'abc', '{"é":"ü"}']) assert.equal(fromBase64(toBase64(text)), text);
    assert.equal(toBase64('{"a":1}'), Buffer.from('{"a":1}').toString('base64'));
    assert.equal(fromBase64('not base64!'), undefined);
    assert.ok(constantTimeEqual('abc', 'abc'));
    for (const other of ['abd', 'ab', 'abcd', '']) assert.equal(constantTimeEqual('abc', other), false);
  });
});

describe('POST policy: a submitted form', () => {
  const later = new Date(grant.expiresAt.getTime());
  const cases: [string, () => Record<string, string>, string, RegExp?, Date?][] = [
    ['missing key', () => ({ ...signed(), key: '' }), 'InvalidArgument', /field named 'key'/],
    ['missing policy', () => { const { policy: _p, ...f } = signed(); return f; }, 'InvalidArgument', /'policy'/],
    ['missing signature', () => { const { 'x-amz-signature': _s, ...f } = signed(); return f; }, 'InvalidArgument', /'x-amz-signature'/],
    ['another algorithm', () => ({ ...signed(), 'x-amz-algorithm': 'AWS4-HMAC-SHA1' }), 'InvalidArgument'],
    ['a key we never issued', () => ({ ...signed(), 'x-amz-credential': 'AKIDOTHER/20261130/us-west-2/s3/aws4_request' }), 'InvalidAccessKeyId'],
    ['another region in the scope', () => ({ ...signed(), 'x-amz-credential': 'AKIDEXAMPLE/20261130/eu-west-1/s3/aws4_request' }), 'InvalidArgument'],
    ['a scope day other than x-amz-date', () => ({ ...signed(), 'x-amz-credential': 'AKIDEXAMPLE/20261129/us-west-2/s3/aws4_request' }), 'InvalidArgument'],
    ['a tampered signature', () => ({ ...signed(), 'x-amz-signature': '0'.repeat(64) }), 'SignatureDoesNotMatch'],
    ['a tampered policy (a longer range)', () => withPolicy(signed(), (d) => { d.conditions[d.conditions.length - 1] = ['content-length-range', 0, 10 ** 9]; }), 'SignatureDoesNotMatch'],
    ['an expired policy', () => signed(), 'AccessDenied', /^Invalid according to Policy: Policy expired\.$/, later],
    ['another key', () => ({ ...signed(), key: 'uploads/o1/u2/plugin.zip' }), 'AccessDenied', /Policy Condition failed: \["eq", "\$key"/],
    ['another bucket', () => ({ ...signed(), bucket: 'elsewhere' }), 'AccessDenied', /"\$bucket"/],
    ['another session token', () => ({ ...signed(), 'x-amz-security-token': 'token-2' }), 'AccessDenied', /x-amz-security-token/],
    ['a field the policy does not name', () => ({ ...signed(), acl: 'public-read' }), 'AccessDenied', /Extra input fields: acl/],
  ];
  for (const [name, fields, code, message, at] of cases) {
    it(`${name} → ${code}`, () => {
      const got = refusal(() => check(fields(), at));
      assert.equal(got.code, code, got.message);
      if (message) assert.match(got.message, message);
    });
  }

  it('ignores x-ignore- fields, as S3 does', () => assert.equal(check({ ...signed(), 'x-ignore-me': '1' }).key, grant.key));

  it('refuses a policy that is not a policy document', () => {
    for (const document of ['not json', '[]', '{"conditions":[]}', '{"expiration":"2030-01-01T00:00:00Z"}', '{"expiration":"2030-01-01T00:00:00Z","conditions":[["between",1,2]]}']) {
      assert.equal(refusal(() => parsePolicy(toBase64(document))).code, 'InvalidPolicyDocument', document);
    }
  });
});

describe('upload size against content-length-range', () => {
  const limits = { minBytes: 22, maxBytes: 100 };
  const cases: [number, boolean, string][] = [
    [101, false, 'EntityTooLarge'], [100, false, 'none'], [50, true, 'none'], [22, true, 'none'], [21, true, 'EntityTooSmall'], [0, true, 'EntityTooSmall'], [10, false, 'none'],
  ];
  for (const [size, complete, code] of cases) {
    it(`${size} bytes${complete ? ' in all' : ' so far'} → ${code}`, () => assert.equal(refusal(() => checkUploadSize(size, limits, complete)).code, code));
  }
  it('says what S3 says when too small', () => assert.equal(refusal(() => checkUploadSize(1, limits, true)).message, 'Your proposed upload is smaller than the minimum allowed size'));
});
