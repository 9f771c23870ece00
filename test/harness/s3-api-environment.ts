// What the end-to-end S3_SINK tests share: the shared stack, an S3-compatible server (moto) with
// one bucket, an API app that may call loopback (moto listens there), and a connect/v1 client of
// the bootstrap cluster. Registers its own before/after hooks; call it inside a describe.
import { after, before } from 'node:test';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startApiApp, type ApiApp } from './api-app.ts';
import { ConnectV1Client } from './connect-v1-client.ts';
import { startMoto, type MotoServer } from './moto.ts';
import { sharedStack, stopOwnStack, type StackInfo } from './stack.ts';
import { adminClient } from './principals.ts';

export interface S3ApiEnvironment {
  stack: StackInfo;
  api: ApiApp;
  c: ConnectV1Client;
  moto: MotoServer;
  s3: S3Client;
}

/** The environment, available once the hooks' `before` ran (read it in the test's own `before`). */
export function s3ApiEnvironment(bucket: string, credentials: { accessKeyId: string; secretAccessKey: string }): () => S3ApiEnvironment {
  let env: Partial<S3ApiEnvironment> = {};
  before(async () => {
    const [moto, stack] = await Promise.all([startMoto(), sharedStack()]);
    const s3 = new S3Client({ region: 'us-east-1', endpoint: moto.url, forcePathStyle: true, credentials });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const api = await startApiApp({ stack, allowLoopbackEgress: true });
    env = { stack, moto, s3, api, c: adminClient(api) };
  });
  after(async () => {
    await env.api?.close();
    env.s3?.destroy();
    await env.moto?.stop();
    await stopOwnStack();
  });
  return () => env as S3ApiEnvironment;
}
