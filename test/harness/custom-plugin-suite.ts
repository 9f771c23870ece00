// What the custom plugin API tests share (connect/v1 custom-connector-plugins and ccpm/v1): an
// app over a socket with real uploads, a faked engine and a faked archive inspector (the real
// one, a JVM, is proven in test/integration/plugin-archive.test.ts), and spec-checked calls.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import { startApiApp, type ApiApp } from './api-app.ts';
import { ConnectV1Client } from './connect-v1-client.ts';
import { FakeConnectClient } from './fake-connect.ts';
import { FakeArchiveInspector } from './fake-plugins.ts';
import { assertMatchesSpec, loadSpec } from './openapi.ts';
import { adminAuth, v2Call } from './principals.ts';
import { archiveFile, uploadArchive } from './uploads.ts';

export type Answer = Awaited<ReturnType<typeof v2Call>>;

/** Registers the suite's before/after hooks; call it inside a describe. */
export function customPluginSuite() {
  let api!: ApiApp;
  let c!: ConnectV1Client;
  const engine = new FakeConnectClient();
  const call = (method: string, path: string, body?: unknown) => v2Call(api, adminAuth(api), method, path, body);
  const specCheck = (spec: Parameters<typeof loadSpec>[0]) => (method: string, path: string, status: number, answer: Answer) => {
    assert.equal(answer.status, status, answer.text);
    assertMatchesSpec(loadSpec(spec), method, path, status, answer.json);
  };
  const connectSpec = specCheck('connect-custom-plugin-v1');
  /** A fresh archive (its own bytes) uploaded for connect/v1, or for ccpm/v1 in `environment`. */
  const upload = (environment?: string) => uploadArchive(api, archiveFile(api.home, `${randomUUID()}.zip`, 64 + Math.floor(Math.random() * 1000)),
    environment ? { content_format: 'ZIP', cloud: 'AWS', environment: { id: environment } } : { content_format: 'ZIP' });
  const source = (uploadId: string) => ({ location: 'PRESIGNED_URL_LOCATION', upload_id: uploadId });

  before(async () => {
    api = await startApiApp({ connectClient: engine });
    api.controlPlane.reconciler.start();
    c = new ConnectV1Client(api.url, adminAuth(api), api.bootstrap.environment_id, api.bootstrap.kafka_cluster_id);
  });
  after(async () => api.close());

  return {
    get api() { return api; },
    get c() { return c; },
    engine, call, connectSpec, ccpmSpec: specCheck('ccpm-v1'), upload, source,
    env: () => api.bootstrap.environment_id,
    inspector: () => api.inspector as FakeArchiveInspector,
    /** Deleting what a connector runs: 409 (CONTRACT §2.1 [rec]; the specs declare no 409 on DELETE), in the v2 envelope. */
    expectInUse(answer: Answer) {
      assert.equal(answer.status, 409, answer.text);
      assert.deepEqual(loadSpec('ccpm-v1').validateSchema('Failure', answer.json), []);
      assert.match(answer.text, /used by 1 connector/);
    },
    /** A connect/v1 custom connector plugin made from a fresh upload. */
    async connectPlugin(extra: Record<string, unknown> = {}) {
      const created = await call('POST', '/connect/v1/custom-connector-plugins', {
        display_name: `plugin ${randomUUID().slice(0, 8)}`, connector_class: 'com.example.PgSource', connector_type: 'source',
        sensitive_config_properties: ['database.password'], upload_source: source(await upload()), ...extra,
      });
      connectSpec('post', '/connect/v1/custom-connector-plugins', 201, created);
      return created.json as { id: string; metadata: { self: string } };
    },
  };
}
