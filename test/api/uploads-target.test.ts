// Issue 9: Cirrus' own upload target, driven by real curl exactly as the product page shows
// (`curl -X POST "$upload_url" -F bucket=… … -F file=@plugin.zip`, no Authorization), and every
// refusal S3 would give, each answered in S3's XML and leaving nothing stored.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { archiveFile, curl, curlPost, presign, storedFiles, type Grant } from '../harness/uploads.ts';

const MAX = 64 * 1024;

describe('the upload target (issue 9)', () => {
  let api: ApiApp;
  let dir: string;
  let clockOffset = 0;
  let zip: string;
  const row = (id: string) => api.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const objectsOf = () => storedFiles(api).filter((f) => !f.includes('.incoming'));

  before(async () => {
    api = await startApiApp({ now: () => new Date(Date.now() + clockOffset), objects: { maxBytes: MAX } });
    dir = fs.mkdtempSync(path.join(api.home, 'files-'));
    zip = archiveFile(dir, 'confluentinc-kafka-connect-datagen-0.6.0.zip', 5000);
  });
  beforeEach(() => {
    clockOffset = 0;
  });
  after(async () => api.close());

  it('takes the product page\'s curl: 204, no body, the file stored whole with its size and sha256', async () => {
    const grant = await presign(api);
    const f = grant.upload_form_data;
    const answer = await curl(['-X', 'POST', grant.upload_url,
      '-F', `bucket=${f.bucket}`, '-F', `key=${f.key}`, '-F', `policy=${f.policy}`, '-F', `x-amz-algorithm=${f['x-amz-algorithm']}`,
      '-F', `x-amz-credential=${f['x-amz-credential']}`, '-F', `x-amz-date=${f['x-amz-date']}`, '-F', `x-amz-security-token=${f['x-amz-security-token']}`,
      '-F', `x-amz-signature=${f['x-amz-signature']}`, '-F', `file=@${zip}`]);
    assert.equal(answer.status, 204, answer.body);
    assert.equal(answer.body, '');
    const stored = path.join(api.home, 'objects', f.bucket!, ...f.key!.split('/'));
    assert.deepEqual(fs.readFileSync(stored), fs.readFileSync(zip));
    const upload = await row(grant.upload_id);
    assert.equal(upload.size, 5000);
    assert.equal(upload.sha256, (await import('node:crypto')).createHash('sha256').update(fs.readFileSync(zip)).digest('hex'));
    assert.ok(upload.completed_at);
  });

  // Each refusal: S3's status and code, the XML shape, and neither an object nor a completion.
  const refusals: [string, (g: Grant) => Promise<Awaited<ReturnType<typeof curl>>>, number, string, RegExp?][] = [
    ['an expired policy', async (g) => {
      clockOffset = 61 * 60_000;
      return curlPost(g.upload_url, g.upload_form_data, `file=@${zip}`);
    }, 403, 'AccessDenied', /Invalid according to Policy: Policy expired\./],
    ['a tampered signature', (g) => curlPost(g.upload_url, { ...g.upload_form_data, 'x-amz-signature': 'f'.repeat(64) }, `file=@${zip}`), 403, 'SignatureDoesNotMatch'],
    ['a tampered policy', (g) => curlPost(g.upload_url, { ...g.upload_form_data, policy: g.upload_form_data.policy!.replace(/.{4}$/, 'AAA=') }, `file=@${zip}`), 403, 'SignatureDoesNotMatch'],
    ['another key in the form', (g) => curlPost(g.upload_url, { ...g.upload_form_data, key: g.upload_form_data.key!.replace('plugin.zip', 'other.zip') }, `file=@${zip}`), 403, 'AccessDenied', /Policy Condition failed: \["eq", "\$key"/],
    ['another bucket in the form', (g) => curlPost(g.upload_url, { ...g.upload_form_data, bucket: 'confluent-custom-connectors-prod-us-west-2' }, `file=@${zip}`), 403, 'AccessDenied', /"\$bucket"/],
    ['another bucket in the URL', (g) => curlPost(g.upload_url.replace('/cirrus-plugins/', '/elsewhere/'), g.upload_form_data, `file=@${zip}`), 404, 'NoSuchUpload'],
    ['an oversize file', (g) => curlPost(g.upload_url, g.upload_form_data, `file=@${archiveFile(dir, 'big.zip', MAX + 1)}`), 400, 'EntityTooLarge'],
    ['an undersize file', (g) => curlPost(g.upload_url, g.upload_form_data, `file=@${archiveFile(dir, 'tiny.zip', 10)}`), 400, 'EntityTooSmall', /^Your proposed upload is smaller than the minimum allowed size$/],
    ['-F file=path without @', (g) => curlPost(g.upload_url, g.upload_form_data, `file=${zip}`), 400, 'EntityTooSmall', /^Your proposed upload is smaller than the minimum allowed size$/],
    ['no file at all', (g) => curlPost(g.upload_url, g.upload_form_data, undefined), 400, 'InvalidArgument', /exactly one file/],
    ['a missing signature field', (g) => {
      const { 'x-amz-signature': _s, ...fields } = g.upload_form_data;
      return curlPost(g.upload_url, fields, `file=@${zip}`);
    }, 400, 'InvalidArgument', /field named 'x-amz-signature'/],
    ['a field the policy does not name', (g) => curlPost(g.upload_url, { ...g.upload_form_data, acl: 'public-read' }, `file=@${zip}`), 403, 'AccessDenied', /Extra input fields/],
    ['a body that is not multipart', (g) => curl(['-X', 'POST', g.upload_url, '--data-binary', `@${zip}`, '-H', 'content-type: application/zip']), 400, 'MalformedPOSTRequest'],
    ['a broken multipart body', (g) => curl(['-X', 'POST', g.upload_url, '--data-binary', 'garbage', '-H', 'content-type: multipart/form-data; boundary=xyz']), 400, 'MalformedPOSTRequest'],
  ];
  for (const [name, send, status, code, message] of refusals) {
    it(`refuses ${name}: ${status} ${code}, nothing stored`, async () => {
      const grant = await presign(api);
      const before = objectsOf();
      const answer = await send(grant);
      assert.equal(answer.status, status, answer.body);
      assert.equal(answer.code, code, answer.body);
      assert.match(answer.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>[A-Za-z]+<\/Code><Message>[^<]+<\/Message>.*<RequestId>[^<]+<\/RequestId><\/Error>$/s);
      if (message) assert.match(/<Message>([^<]*)<\/Message>/.exec(answer.body)![1]!, message);
      assert.deepEqual(objectsOf(), before, 'no object stored');
      assert.equal(fs.readdirSync(path.join(api.home, 'objects', 'cirrus-plugins', '.incoming')).length, 0, 'no partial file left');
      assert.equal((await row(grant.upload_id)).completed_at, null);
    });
  }

  it('answers S3 XML with application/xml and S3\'s headers', async () => {
    const grant = await presign(api);
    const res = await fetch(grant.upload_url, { method: 'POST', body: new FormData() });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^application\/xml/);
    assert.ok(res.headers.get('x-request-id'));
  });

  it('takes an upload once: a second POST to a completed upload is refused and the first file kept', async () => {
    const grant = await presign(api);
    assert.equal((await curlPost(grant.upload_url, grant.upload_form_data, `file=@${zip}`)).status, 204);
    const first = await row(grant.upload_id);
    const again = await curlPost(grant.upload_url, grant.upload_form_data, `file=@${archiveFile(dir, 'second.zip', 6000)}`);
    assert.equal(again.status, 403);
    assert.equal(again.code, 'AccessDenied');
    assert.deepEqual(await row(grant.upload_id), first);
  });

  it('refuses a signed form for another upload\'s URL', async () => {
    const [a, b] = [await presign(api), await presign(api)];
    const answer = await curlPost(a.upload_url, b.upload_form_data, `file=@${zip}`);
    assert.equal(answer.status, 403);
    assert.equal(answer.code, 'AccessDenied');
  });

  it('answers unknown paths and methods in S3\'s shape', async () => {
    const missing = await curl([`${api.url}/cirrus/uploads/cirrus-plugins/uploads/x/y/plugin.zip`, '-X', 'DELETE']);
    assert.equal(missing.status, 405);
    assert.equal(missing.code, 'MethodNotAllowed');
  });
});
