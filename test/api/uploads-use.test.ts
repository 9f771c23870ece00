// Issue 9: PUT uploads (a bare file with the signed fields in the query, as GCP/Azure grants give;
// Terraform's multipart envelope under application/zip), the single use of an upload by the plugin
// service (consume, atomic with the caller's transaction), the sweep, and rate limits.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Conflict, InvalidRequest } from '../../src/core/errors.ts';
import type { UploadScope } from '../../src/core/upload.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { archiveFile, curl, curlPost, multipartBody, presign } from '../harness/uploads.ts';
import { eventually } from '../harness/wait.ts';

describe('using uploads (issue 9)', () => {
  let api: ApiApp;
  let dir: string;
  let zip: string;
  let clockOffset = 0;
  let scope: UploadScope;
  const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  before(async () => {
    api = await startApiApp({ now: () => new Date(Date.now() + clockOffset), rateLimit: { max: 1000, windowSeconds: 60 } });
    dir = fs.mkdtempSync(path.join(api.home, 'files-'));
    zip = archiveFile(dir, 'plugin.zip', 4096);
    scope = { api: 'connect/v1', organizationId: api.bootstrap.organization_id };
  });
  after(async () => api.close());

  it('PUT of a bare file to a GCP grant\'s upload_url (signed fields in its query): 200, stored whole', async () => {
    const grant = await presign(api, { content_format: 'ZIP', cloud: 'GCP' });
    const answer = await curl(['-X', 'PUT', '-T', zip, '-H', 'content-type: application/zip', grant.upload_url]);
    assert.equal(answer.status, 200, answer.body);
    const artifact = await api.controlPlane.uploads.open(grant.upload_id, scope);
    assert.equal(artifact.upload.sha256, sha256(zip));
    assert.deepEqual(fs.readFileSync(artifact.localPath), fs.readFileSync(zip));
    // The query is a one-hour key to this upload: the request log names the route, not the key.
    const signature = new URL(grant.upload_url).searchParams.get('x-amz-signature')!;
    // Its one line is written once the response has gone out (issue 13), so the client may be first.
    const log = await eventually('the request line in the log', async () => {
      const text = fs.readFileSync(api.logFile, 'utf8');
      return text.includes(grant.upload_id) && text;
    }, { timeoutMs: 5000, intervalMs: 20 });
    for (const secret of [signature, grant.upload_form_data.policy!]) assert.ok(!log.includes(secret), 'no signed field in the log');
  });

  it('PUT of Terraform\'s multipart envelope with Content-Type application/zip (Azure): the file part is extracted', async () => {
    const grant = await presign(api, { content_format: 'ZIP', cloud: 'AZURE' });
    const { body } = multipartBody(grant.upload_form_data, fs.readFileSync(zip));
    const res = await fetch(grant.upload_url.split('?')[0]!, { method: 'PUT', body: new Uint8Array(body), headers: { 'content-type': 'application/zip', 'x-ms-blob-type': 'BlockBlob' } });
    assert.equal(res.status, 200, await res.text());
    const artifact = await api.controlPlane.uploads.open(grant.upload_id, scope);
    assert.equal(artifact.upload.size, 4096);
    assert.equal(artifact.upload.sha256, sha256(zip));
  });

  it('PUT without the signed fields, or with a tampered one, is refused and stores nothing', async () => {
    const grant = await presign(api, { content_format: 'JAR', cloud: 'GCP' });
    const bare = grant.upload_url.split('?')[0]!;
    const none = await curl(['-X', 'PUT', '-T', zip, bare]);
    assert.equal(none.status, 400);
    assert.equal(none.code, 'InvalidArgument');
    const tampered = new URL(grant.upload_url);
    tampered.searchParams.set('x-amz-signature', '0'.repeat(64));
    const bad = await curl(['-X', 'PUT', '-T', zip, tampered.href]);
    assert.equal(bad.status, 403);
    assert.equal(bad.code, 'SignatureDoesNotMatch');
    await assert.rejects(api.controlPlane.uploads.open(grant.upload_id, scope), /has not been completed/);
  });

  it('consume: usable once, in the caller\'s transaction (a rollback leaves it usable), only in its own scope', async () => {
    const grant = await presign(api);
    await assert.rejects(api.controlPlane.uploads.consume(grant.upload_id, scope), InvalidRequest, 'not uploaded yet');
    assert.equal((await curlPost(grant.upload_url, grant.upload_form_data, `file=@${zip}`)).status, 204);
    await assert.rejects(api.controlPlane.uploads.consume(grant.upload_id, { api: 'connect/v1', organizationId: 'another-org' }), /was not found/);
    await assert.rejects(api.controlPlane.uploads.consume(grant.upload_id, { api: 'ccpm/v1', organizationId: scope.organizationId, environmentId: api.bootstrap.environment_id }), /was not found/);
    await assert.rejects(api.db.transaction().execute(async (tx) => {
      await api.controlPlane.uploads.consume(grant.upload_id, scope, tx);
      throw new Error('the plugin insert failed');
    }), /the plugin insert failed/);
    const used = await api.db.transaction().execute((tx) => api.controlPlane.uploads.consume(grant.upload_id, scope, tx));
    assert.equal(used.contentFormat, 'ZIP');
    assert.equal(used.size, 4096);
    assert.equal(used.sha256, sha256(zip));
    assert.ok(used.consumedAt);
    await assert.rejects(api.controlPlane.uploads.consume(grant.upload_id, scope), Conflict, 'a second use');
    await assert.rejects(api.controlPlane.uploads.open(grant.upload_id, scope), Conflict);
    const again = await curlPost(grant.upload_url, grant.upload_form_data, `file=@${zip}`);
    assert.equal(again.code, 'AccessDenied', 'a used upload takes no new file');
  });

  it('two plugins racing for one upload: exactly one consume wins', async () => {
    const grant = await presign(api);
    await curlPost(grant.upload_url, grant.upload_form_data, `file=@${zip}`);
    const results = await Promise.allSettled([1, 2, 3].map(() => api.controlPlane.uploads.consume(grant.upload_id, scope)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  it('the sweep removes uploads nobody used after a day (object and row), keeps used ones and younger ones', async () => {
    const unused = await presign(api);
    await curlPost(unused.upload_url, unused.upload_form_data, `file=@${zip}`);
    const used = await presign(api);
    await curlPost(used.upload_url, used.upload_form_data, `file=@${zip}`);
    await api.controlPlane.uploads.consume(used.upload_id, scope);
    const usedPath = (await api.db.selectFrom('uploads').select('object_key').where('id', '=', used.upload_id).executeTakeFirstOrThrow()).object_key;
    const orphan = path.join(api.home, 'objects', 'cirrus-plugins', 'uploads', scope.organizationId, '0b7d3c52-8e7a-4e0a-9d43-1f2e3d4c5b6a', 'plugin.zip');
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, 'left by a crash');
    fs.utimesSync(orphan, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    assert.deepEqual(await api.controlPlane.uploadSweep.sweep(), { uploads: 0, orphanObjects: 1 }, 'nothing young goes');
    clockOffset = 25 * 60 * 60_000;
    const swept = await api.controlPlane.uploadSweep.sweep();
    clockOffset = 0;
    assert.ok(swept.uploads >= 1);
    assert.equal(await api.db.selectFrom('uploads').select('id').where('id', '=', unused.upload_id).executeTakeFirst(), undefined);
    assert.ok(await api.db.selectFrom('uploads').select('id').where('id', '=', used.upload_id).executeTakeFirst(), 'a used upload stays');
    assert.ok(fs.existsSync(path.join(api.home, 'objects', 'cirrus-plugins', ...usedPath.split('/'))));
    assert.equal(fs.existsSync(orphan), false);
    assert.equal(fs.existsSync(path.dirname(orphan)), false, 'no empty folders left');
  });

  it('the upload target is rate-limited like every route: S3\'s SlowDown with Retry-After', async () => {
    const limited = await startApiApp({ rateLimit: { max: 2, windowSeconds: 60 } });
    try {
      const grant = await presign(limited);
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await curlPost(grant.upload_url, grant.upload_form_data, `file=@${zip}`, ['-D', '-']));
      assert.equal(answers[2]!.status, 503, answers[2]!.body);
      assert.equal(answers[2]!.code, 'SlowDown');
      assert.match(answers[2]!.body, /retry-after: \d+/i);
    } finally {
      await limited.close();
    }
  });
});
