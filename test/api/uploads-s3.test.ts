// Issue 9, S3 mode (CIRRUS_OBJECTS=s3): against a real S3-compatible server (moto, started here),
// the presigned POST is the AWS SDK's, the client uploads to the bucket itself with curl exactly
// as the product page shows, and Cirrus stats and reads the artifact back from the bucket.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { S3ObjectStore } from '../../src/objects/s3.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { startMoto, type MotoServer } from '../harness/moto.ts';
import { archiveFile, curlPost, presign } from '../harness/uploads.ts';

const BUCKET = 'cirrus-plugins-test';

describe('uploads to S3 (issue 9)', () => {
  let moto: MotoServer;
  let api: ApiApp;
  let store: S3ObjectStore;
  let zip: string;

  before(async () => {
    moto = await startMoto();
    // The AWS SDK's default credential chain reads these; moto takes any.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDCIRRUSTEST', AWS_SECRET_ACCESS_KEY: 'moto-does-not-check', AWS_EC2_METADATA_DISABLED: 'true' });
    api = await startApiApp({ objects: { settings: { kind: 's3', s3Bucket: BUCKET, s3Region: 'us-east-1', s3Endpoint: moto.url } } });
    store = api.controlPlane.objects as S3ObjectStore;
    await store.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    zip = archiveFile(fs.mkdtempSync(path.join(api.home, 'files-')), 'plugin.zip', 300_000);
  });
  after(async () => {
    await api?.close();
    await moto?.stop();
  });

  it('presign → curl -F file=@… to the bucket → stat and read back → open, consume', async () => {
    const grant = await presign(api);
    assert.equal(grant.upload_url.replace(/\/$/, ''), `${moto.url}/${BUCKET}`);
    const fields = grant.upload_form_data;
    assert.deepEqual(Object.keys(fields).sort(), ['bucket', 'key', 'policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature']);
    assert.match(fields['x-amz-credential']!, /^AKIDCIRRUSTEST\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    const conditions = (JSON.parse(Buffer.from(fields.policy!, 'base64').toString()) as { conditions: unknown[] }).conditions;
    assert.ok(conditions.some((c) => JSON.stringify(c) === JSON.stringify(['content-length-range', 22, 200 * 1024 * 1024])));

    const answer = await curlPost(grant.upload_url, fields, `file=@${zip}`);
    assert.ok(answer.status >= 200 && answer.status < 300, `${answer.status} ${answer.body}`);

    const stat = await store.stat(fields.key!);
    assert.equal(stat?.size, 300_000);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read(fields.key!)) chunks.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(chunks), fs.readFileSync(zip));
    const listed = [];
    for await (const object of store.list('uploads/')) listed.push(object.key);
    assert.ok(listed.includes(fields.key!));

    const scope = { api: 'connect/v1', organizationId: api.bootstrap.organization_id } as const;
    const artifact = await api.controlPlane.uploads.open(grant.upload_id, scope);
    try {
      assert.equal(artifact.upload.size, 300_000);
      assert.equal(artifact.upload.sha256, createHash('sha256').update(fs.readFileSync(zip)).digest('hex'));
      assert.deepEqual(fs.readFileSync(artifact.localPath), fs.readFileSync(zip));
      const used = await api.controlPlane.uploads.consume(grant.upload_id, scope);
      assert.equal(used.sha256, artifact.upload.sha256);
    } finally {
      await artifact.release();
    }
    assert.equal(fs.existsSync(artifact.localPath), false, 'the fetched copy goes on release');
  });

  it('an upload nobody sent is not complete; delete removes an object; Cirrus serves no upload target of its own', async () => {
    const grant = await presign(api, { content_format: 'JAR' });
    await assert.rejects(api.controlPlane.uploads.open(grant.upload_id, { api: 'connect/v1', organizationId: api.bootstrap.organization_id }), /has not been completed/);
    await store.delete('uploads/nothing-here');
    const put = await store.put('uploads/extra/plugin.jar', fs.createReadStream(zip));
    assert.equal(put.size, 300_000);
    await store.delete('uploads/extra/plugin.jar');
    assert.equal(await store.stat('uploads/extra/plugin.jar'), undefined);
    assert.equal((await fetch(`${api.url}/cirrus/uploads/${BUCKET}/x`, { method: 'POST' })).status, 404);
  });
});
