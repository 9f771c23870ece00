// Custom plugins over a socket with real uploads and a faked archive inspector (the real one,
// a JVM, is proven in test/integration/plugin-archive.test.ts): connect/v1 custom-connector-plugins and ccpm/v1 plugins and versions against the
// published specs, custom connectors made from them, masking, and the 409 while in use.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, expectSpec } from '../harness/connect-v1-client.ts';
import { customConfig } from '../harness/connector-fixtures.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';
import { eventually } from '../harness/wait.ts';
import { FakeConnectClient } from '../harness/fake-connect.ts';
import { FakeArchiveInspector } from '../harness/fake-plugins.ts';
import { archiveFile, uploadArchive } from '../harness/uploads.ts';
import { engineSecret } from '../harness/engine-secrets.ts';

type Answer = Awaited<ReturnType<typeof v2Call>>;

describe('custom plugins (issue 9), archive inspector faked', () => {
  let api: ApiApp;
  let c: ConnectV1Client;
  const engine = new FakeConnectClient();
  const call = (method: string, path: string, body?: unknown) => v2Call(api, adminAuth(api), method, path, body);
  const connectSpec = (method: string, path: string, status: number, answer: Answer) => {
    assert.equal(answer.status, status, answer.text);
    assertMatchesSpec(loadSpec('connect-custom-plugin-v1'), method, path, status, answer.json);
  };
  const ccpmSpec = (method: string, path: string, status: number, answer: Answer) => {
    assert.equal(answer.status, status, answer.text);
    assertMatchesSpec(loadSpec('ccpm-v1'), method, path, status, answer.json);
  };
  /** Deleting what a connector runs: 409 (CONTRACT §2.1 [rec]; the specs declare no 409 on DELETE), in the v2 envelope. */
  const expectInUse = (answer: Answer) => {
    assert.equal(answer.status, 409, answer.text);
    assert.deepEqual(loadSpec('ccpm-v1').validateSchema('Failure', answer.json), []);
    assert.match(answer.text, /used by 1 connector/);
  };
  const env = () => api.bootstrap.environment_id;
  const inspector = () => api.inspector as FakeArchiveInspector;
  /** A fresh archive (its own bytes) uploaded for connect/v1, or for ccpm/v1 in `environment`. */
  const upload = (environment?: string) => uploadArchive(api, archiveFile(api.home, `${randomUUID()}.zip`, 64 + Math.floor(Math.random() * 1000)),
    environment ? { content_format: 'ZIP', cloud: 'AWS', environment: { id: environment } } : { content_format: 'ZIP' });
  const source = (uploadId: string) => ({ location: 'PRESIGNED_URL_LOCATION', upload_id: uploadId });

  async function connectPlugin(extra: Record<string, unknown> = {}) {
    const created = await call('POST', '/connect/v1/custom-connector-plugins', {
      display_name: `plugin ${randomUUID().slice(0, 8)}`, connector_class: 'com.example.PgSource', connector_type: 'source',
      sensitive_config_properties: ['database.password'], upload_source: source(await upload()), ...extra,
    });
    connectSpec('post', '/connect/v1/custom-connector-plugins', 201, created);
    return created.json as { id: string; metadata: { self: string } };
  }

  before(async () => {
    api = await startApiApp({ connectClient: engine });
    api.controlPlane.reconciler.start();
    c = new ConnectV1Client(api.url, adminAuth(api), api.bootstrap.environment_id, api.bootstrap.kafka_cluster_id);
  });
  after(async () => api.close());

  it('connect/v1: create 201 + Location, read, list with cloud filter and paging, PATCH, delete 204', async () => {
    const plugin = await connectPlugin({ cloud: 'gcp', documentation_link: 'https://example.com/docs' });
    assert.match(plugin.id, /^ccp-[a-z0-9]{6}$/);
    const read = await call('GET', `/connect/v1/custom-connector-plugins/${plugin.id}`);
    connectSpec('get', '/connect/v1/custom-connector-plugins/{id}', 200, read);
    const body = read.json as Record<string, unknown>;
    assert.equal(body.connector_type, 'SOURCE');
    assert.equal(body.cloud, 'GCP');
    assert.deepEqual(body.upload_source, { location: 'PRESIGNED_URL_LOCATION', upload_id: '' });
    assert.equal(inspector().inspected.at(-1)?.declared[0]?.className, 'com.example.PgSource');
    await connectPlugin();
    const gcp = await call('GET', '/connect/v1/custom-connector-plugins?cloud=GCP');
    connectSpec('get', '/connect/v1/custom-connector-plugins', 200, gcp);
    assert.deepEqual((gcp.json as { data: { id: string }[] }).data.map((p) => p.id), [plugin.id]);
    const page = (await call('GET', '/connect/v1/custom-connector-plugins?page_size=1')).json as { data: unknown[]; metadata: { next?: string } };
    assert.equal(page.data.length, 1);
    assert.ok(page.metadata.next);

    const patched = await call('PATCH', `/connect/v1/custom-connector-plugins/${plugin.id}`, { description: 'reads Postgres', sensitive_config_properties: ['database.password', 'ssl.key'] });
    connectSpec('patch', '/connect/v1/custom-connector-plugins/{id}', 200, patched);
    assert.equal((patched.json as { description: string }).description, 'reads Postgres');
    assert.equal((patched.json as { display_name: string }).display_name, body.display_name, 'a field not sent keeps its value');
    const same = await call('PATCH', `/connect/v1/custom-connector-plugins/${plugin.id}`, { connector_class: 'com.example.PgSource', cloud: 'GCP' });
    assert.equal(same.status, 200, 'an immutable field sent unchanged is fine');
    const changed = await call('PATCH', `/connect/v1/custom-connector-plugins/${plugin.id}`, { connector_class: 'com.example.Other' });
    connectSpec('patch', '/connect/v1/custom-connector-plugins/{id}', 400, changed);
    assert.deepEqual((changed.json as { errors: { source: unknown }[] }).errors[0]!.source, { pointer: '/connector_class' });

    const deleted = await call('DELETE', `/connect/v1/custom-connector-plugins/${plugin.id}`);
    assert.equal(deleted.status, 204);
    connectSpec('get', '/connect/v1/custom-connector-plugins/{id}', 404, await call('GET', `/connect/v1/custom-connector-plugins/${plugin.id}`));
  });

  it('connect/v1: bad input is a 400 naming the field, in the v2 shape; an upload serves one plugin', async () => {
    const used = await upload();
    const cases: [Record<string, unknown>, string][] = [
      [{ connector_class: 'com.example.X', connector_type: 'SOURCE', upload_source: source(await upload()) }, '/display_name'],
      [{ display_name: 'x', connector_class: 'not a class', connector_type: 'SOURCE', upload_source: source(await upload()) }, '/connector_class'],
      [{ display_name: 'x', connector_class: 'com.example.X', connector_type: 'SIDEWAYS', upload_source: source(await upload()) }, '/connector_type'],
      [{ display_name: 'x', connector_class: 'com.example.X', connector_type: 'SINK', upload_source: source(randomUUID()) }, '/upload_source/upload_id'],
      [{ display_name: 'x', connector_class: 'com.example.X', connector_type: 'SINK', documentation_link: 'ftp://x', upload_source: source(await upload()) }, '/documentation_link'],
      [{ display_name: 'x', connector_class: 'com.example.X', connector_type: 'SINK', sensitive_config_properties: ['ok', 'not ok'], upload_source: source(await upload()) }, '/sensitive_config_properties/1'],
    ];
    for (const [body, pointer] of cases) {
      const answer = await call('POST', '/connect/v1/custom-connector-plugins', body);
      connectSpec('post', '/connect/v1/custom-connector-plugins', 400, answer);
      const error = (answer.json as { errors: { source?: { pointer?: string } }[] }).errors[0]!;
      if (error.source?.pointer) assert.equal(error.source.pointer, pointer, answer.text);
      else assert.match(answer.text, new RegExp(pointer.split('/')[1]!), answer.text);
    }
    await connectPlugin({ upload_source: source(used) });
    const again = await call('POST', '/connect/v1/custom-connector-plugins', {
      display_name: 'second use', connector_class: 'com.example.X', connector_type: 'SOURCE', upload_source: source(used),
    });
    connectSpec('post', '/connect/v1/custom-connector-plugins', 409, again);
    assert.match(again.text, /already been used/);
    inspector().refuse = 'The archive holds no class com.example.X';
    try {
      const refused = await call('POST', '/connect/v1/custom-connector-plugins', {
        display_name: 'refused', connector_class: 'com.example.X', connector_type: 'SOURCE', upload_source: source(await upload()),
      });
      connectSpec('post', '/connect/v1/custom-connector-plugins', 400, refused);
      assert.match(refused.text, /no class com\.example\.X/);
    } finally {
      inspector().refuse = undefined;
    }
    const names = ((await call('GET', '/connect/v1/custom-connector-plugins?page_size=100')).json as { data: { display_name: string }[] }).data.map((p) => p.display_name);
    assert.ok(!names.includes('refused') && !names.includes('second use'), 'nothing half-made is stored');
  });

  it('connect/v1: the one runtime Cirrus offers', async () => {
    const runtimes = await call('GET', '/connect/v1/custom-connector-runtimes');
    connectSpec('get', '/connect/v1/custom-connector-runtimes', 200, runtimes);
    const [runtime] = (runtimes.json as { data: { runtime_ak_version: string; supported_java_versions: string[] }[] }).data;
    assert.deepEqual(runtime!.supported_java_versions, ['17']);
  });

  it('a custom connector from a connect/v1 plugin: its own pool, the plugin\'s class, its secrets masked; the plugin cannot go while it runs', async () => {
    const plugin = await connectPlugin();
    const config = customConfig(api.bootstrap, 'pg', plugin.id, { 'database.password': 'hunter2', 'database.hostname': 'db.internal' });
    const created = await c.call('POST', '/connectors', { name: 'pg', config });
    expectSpec(created, 'post', '/connectors', 201);
    const shown = (created.body as { config: Record<string, string>; type: string });
    assert.equal(shown.type, 'source');
    assert.equal(shown.config['connector.class'], 'com.example.PgSource');
    assert.match(shown.config['database.password']!, /^\*+$/);
    assert.match(shown.config['kafka.api.secret']!, /^\*+$/);
    assert.equal(shown.config['database.hostname'], 'db.internal');
    const stored = await api.db.selectFrom('connectors').select(['connect_pool_id', 'plugin_version_id']).where('name', '=', 'pg').executeTakeFirstOrThrow();
    assert.ok(stored.plugin_version_id && stored.connect_pool_id);
    assert.notEqual(stored.connect_pool_id, api.bootstrap.connect_pool_id, 'a pool of its own, not the managed one');
    await eventually('the custom pool is started', async () => api.dataPlane.poolStates.has(stored.connect_pool_id!));
    assert.ok(!JSON.stringify(await api.db.selectFrom('connectors').selectAll().execute()).includes('hunter2'), 'secrets sealed at rest');

    expectInUse(await call('DELETE', `/connect/v1/custom-connector-plugins/${plugin.id}`));
    const inEngine = () => [...engine.connectorsAt('http://127.0.0.1:9').values()].find((k) => k.config['connector.class'] === 'com.example.PgSource');
    const running = await eventually('the engine runs it', async () => inEngine());
    assert.ok(!Object.keys(running.config).some((k) => k.startsWith('confluent.')), 'Cloud-only keys never reach the engine');
    assert.equal(engineSecret(running.config['database.password']), 'hunter2', 'the engine gets the secret, through its config provider');

    // Every connector route works for it.
    const listed = await c.call('GET', '/connectors?expand=info,status');
    assert.equal(listed.status, 200, listed.text);
    assert.match((listed.body as Record<string, { info: { config: Record<string, string> } }>).pg!.info.config['database.password']!, /^\*+$/);
    expectSpec(await c.call('GET', '/connectors/pg'), 'get', '/connectors/{connector_name}', 200);
    const readBack = await c.call('GET', '/connectors/pg/config');
    expectSpec(readBack, 'get', '/connectors/{connector_name}/config', 200);
    assert.match((readBack.body as Record<string, string>)['database.password']!, /^\*+$/);
    expectSpec(await c.call('GET', '/connectors/pg/tasks'), 'get', '/connectors/{connector_name}/tasks', 200);
    assert.equal((await c.call('PUT', '/connectors/pg/pause')).status, 202);
    await eventually('paused in the engine', async () => inEngine()?.state === 'PAUSED');
    assert.equal((await c.call('PUT', '/connectors/pg/resume')).status, 202);
    await eventually('resumed in the engine', async () => inEngine()?.state === 'RUNNING');
    expectSpec(await c.call('GET', '/connectors/pg/status'), 'get', '/connectors/{connector_name}/status', 200);
    const kept = await c.call('PUT', '/connectors/pg/config', { ...readBack.body as Record<string, string>, 'database.hostname': 'db2.internal' });
    expectSpec(kept, 'put', '/connectors/{connector_name}/config', 200);
    await eventually('the engine gets the new config with the kept secret', async () =>
      inEngine()?.config['database.hostname'] === 'db2.internal' && engineSecret(inEngine()?.config['database.password']) === 'hunter2');
    const switched = await c.call('PUT', '/connectors/pg/config', customConfig(api.bootstrap, 'pg', (await connectPlugin()).id));
    expectError(switched, 400, /keeps its plugin/);
    const notOurs = await c.call('PUT', '/connectors/pg/config', { ...config, 'connector.class': 'com.example.Other' });
    expectError(notOurs, 400, /connector\.class/);

    assert.equal((await c.call('DELETE', '/connectors/pg')).status, 200);
    await eventually('the pool stops with its last connector', async () => !api.dataPlane.poolStates.has(stored.connect_pool_id!));
    assert.equal((await call('DELETE', `/connect/v1/custom-connector-plugins/${plugin.id}`)).status, 204);
    const pools = await api.db.selectFrom('connect_pools').select('id').where('id', '=', stored.connect_pool_id!).execute();
    assert.deepEqual(pools, [], 'the idle pool\'s row (and its port) goes with its plugin');
  });

  it('ccpm/v1: plugin 202 + Location, versions PROCESSING then READY or FAILED with why, 409 on a taken version', async () => {
    const created = await call('POST', '/ccpm/v1/plugins', { spec: { display_name: 'pg', cloud: 'aws', environment: { id: env(), related: '', resource_name: '' } } });
    ccpmSpec('post', '/ccpm/v1/plugins', 202, created);
    const plugin = created.json as { id: string; metadata: { self: string } };
    assert.equal(created.headers.get('location'), plugin.metadata.self);
    ccpmSpec('get', '/ccpm/v1/plugins/{id}', 200, await call('GET', `/ccpm/v1/plugins/${plugin.id}?environment=${env()}`));
    ccpmSpec('get', '/ccpm/v1/plugins', 200, await call('GET', `/ccpm/v1/plugins?environment=${env()}&spec.cloud=AWS`));
    const patched = await call('PATCH', `/ccpm/v1/plugins/${plugin.id}`, { spec: { environment: { id: env() }, description: 'Postgres CDC' } });
    ccpmSpec('patch', '/ccpm/v1/plugins/{id}', 200, patched);

    let open!: () => void;
    inspector().gate = new Promise<void>((resolve) => { open = resolve; });
    const versionBody = (version: string, uploadId: string) => ({ spec: {
      version, connector_classes: [{ class_name: 'com.example.PgSource', type: 'SOURCE' }], sensitive_config_properties: ['database.password'],
      upload_source: source(uploadId), environment: { id: env() },
    } });
    const v1 = await call('POST', `/ccpm/v1/plugins/${plugin.id}/versions`, versionBody('v1.0.0', await upload(env())));
    ccpmSpec('post', '/ccpm/v1/plugins/{plugin_id}/versions', 202, v1);
    const version = v1.json as { id: string; status: { phase: string } };
    assert.match(version.id, /^ccp-ver-[a-z0-9]+$/);
    assert.equal(version.status.phase, 'PROCESSING');
    const early = await c.call('POST', '/connectors', { name: 'early', config: customConfig(api.bootstrap, 'early', plugin.id) });
    expectError(early, 400, /no version ready to run \(v1\.0\.0: PROCESSING\)/);
    open();
    inspector().gate = undefined;
    const versionPath = `/ccpm/v1/plugins/${plugin.id}/versions/${version.id}?environment=${env()}`;
    await eventually('the version is READY', async () => ((await call('GET', versionPath)).json as { status: { phase: string } }).status.phase === 'READY');
    ccpmSpec('get', '/ccpm/v1/plugins/{plugin_id}/versions/{id}', 200, await call('GET', versionPath));
    ccpmSpec('post', '/ccpm/v1/plugins/{plugin_id}/versions', 409, await call('POST', `/ccpm/v1/plugins/${plugin.id}/versions`, versionBody('v1.0.0', await upload(env()))));
    const wrongScope = await call('POST', `/ccpm/v1/plugins/${plugin.id}/versions`, versionBody('1.0.1', await upload()));
    ccpmSpec('post', '/ccpm/v1/plugins/{plugin_id}/versions', 400, wrongScope);

    inspector().refuse = 'The archive is not a ZIP file';
    const bad = (await call('POST', `/ccpm/v1/plugins/${plugin.id}/versions`, versionBody('2.0.0', await upload(env())))).json as { id: string };
    inspector().refuse = undefined;
    const failedPath = `/ccpm/v1/plugins/${plugin.id}/versions/${bad.id}?environment=${env()}`;
    await eventually('the bad version FAILED', async () => ((await call('GET', failedPath)).json as { status: { phase: string } }).status.phase === 'FAILED');
    assert.deepEqual(((await call('GET', failedPath)).json as { status: unknown }).status, { phase: 'FAILED', error_message: 'The archive is not a ZIP file' });
    const list = await call('GET', `/ccpm/v1/plugins/${plugin.id}/versions?environment=${env()}`);
    ccpmSpec('get', '/ccpm/v1/plugins/{plugin_id}/versions', 200, list);
    assert.equal((list.json as { data: unknown[] }).data.length, 2);

    // The plugin id runs its newest READY version (v1.0.0: 2.0.0 FAILED).
    const pg = await c.call('POST', '/connectors', { name: 'ccpm-pg', config: customConfig(api.bootstrap, 'ccpm-pg', plugin.id, { 'database.password': 'x' }) });
    expectSpec(pg, 'post', '/connectors', 201);
    assert.match((pg.body as { config: Record<string, string> }).config['database.password']!, /^\*+$/);
    // A version id names that version; a FAILED one cannot run.
    const byVersion = await c.call('POST', '/connectors', { name: 'ccpm-v1', config: customConfig(api.bootstrap, 'ccpm-v1', version.id) });
    expectSpec(byVersion, 'post', '/connectors', 201);
    assert.equal((await c.call('DELETE', '/connectors/ccpm-v1')).status, 200);
    // A deleted connector holds its version until the reconciler has removed it from the engine.
    await eventually('ccpm-v1 is gone from the engine', async () => /used by 1 connector/.test((await call('DELETE', versionPath)).text));
    expectError(await c.call('POST', '/connectors', { name: 'ccpm-bad', config: customConfig(api.bootstrap, 'ccpm-bad', bad.id) }), 400, /version 2\.0\.0 .* is FAILED: The archive is not a ZIP file/);
    expectInUse(await call('DELETE', versionPath));
    expectInUse(await call('DELETE', `/ccpm/v1/plugins/${plugin.id}?environment=${env()}`));
    assert.equal((await c.call('DELETE', '/connectors/ccpm-pg')).status, 200);
    await eventually('the connector is gone', async () => (await call('DELETE', versionPath)).status === 204);
    assert.equal((await call('DELETE', `/ccpm/v1/plugins/${plugin.id}?environment=${env()}`)).status, 204);
    ccpmSpec('get', '/ccpm/v1/plugins/{id}', 404, await call('GET', `/ccpm/v1/plugins/${plugin.id}?environment=${env()}`));
  });

  it('ccpm/v1: a plugin belongs to its environment: not listed, read nor run from another', async () => {
    const env2 = ((await call('POST', '/org/v2/environments', { display_name: 'ccpm other' })).json as { id: string }).id;
    const plugin = (await call('POST', '/ccpm/v1/plugins', { spec: { display_name: 'env1 only', cloud: 'AWS', environment: { id: env() } } })).json as { id: string };
    assert.equal((await call('GET', `/ccpm/v1/plugins/${plugin.id}?environment=${env2}`)).status, 404);
    assert.deepEqual(((await call('GET', `/ccpm/v1/plugins?environment=${env2}`)).json as { data: unknown[] }).data, []);
    const cluster = (await call('POST', '/cmk/v2/clusters', { spec: { display_name: 'other', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: env2 } } })).json as { id: string };
    const other = new ConnectV1Client(api.url, adminAuth(api), env2, cluster.id);
    const refused = await other.call('POST', '/connectors', { name: 'x', config: customConfig(api.bootstrap, 'x', plugin.id) });
    expectError(refused, 400, /confluent\.custom\.plugin\.id: no custom plugin/);
    assert.equal((await call('GET', '/ccpm/v1/plugins')).status, 400, 'environment is required');
  });

  it('a first start: registration waits while the runtime is installed; without an embedded data plane it is a 400 that says why', async () => {
    const inspected = inspector().inspected.length;
    api.dataPlane.prepared = false;
    const pending = connectPlugin();
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(inspector().inspected.length, inspected, 'nothing inspected before the runtime is there');
    api.dataPlane.prepared = true;
    assert.match((await pending).id, /^ccp-/);

    const bare = await startApiApp({ embedded: false });
    try {
      const refused = await v2Call(bare, adminAuth(bare), 'POST', '/connect/v1/custom-connector-plugins', {
        display_name: 'nowhere to run', connector_class: 'com.example.X', connector_type: 'SOURCE',
        upload_source: source(await uploadArchive(bare, archiveFile(bare.home, 'x.zip', 100))),
      });
      connectSpec('post', '/connect/v1/custom-connector-plugins', 400, refused);
      assert.match(refused.text, /CIRRUS_EMBEDDED=false/);
    } finally {
      await bare.close();
    }
  });

  it('custom pools are capped across tenants (CIRRUS_MAX_CUSTOM_POOLS): a connector needing one more is a 400, one sharing a running pool is not', async () => {
    const capped = await startApiApp({ maxCustomPools: 1 });
    try {
      const b = capped.bootstrap;
      const client = new ConnectV1Client(capped.url, adminAuth(capped), b.environment_id, b.kafka_cluster_id);
      const register = async (name: string) => ((await v2Call(capped, adminAuth(capped), 'POST', '/connect/v1/custom-connector-plugins', {
        display_name: name, connector_class: 'com.example.Source', connector_type: 'SOURCE',
        upload_source: source(await uploadArchive(capped, archiveFile(capped.home, `${name}.zip`, 100 + name.length))),
      })).json as { id: string }).id;
      const [first, second] = [await register('first'), await register('second')];
      expectSpec(await client.call('POST', '/connectors', { name: 'a1', config: customConfig(b, 'a1', first) }), 'post', '/connectors', 201);
      expectSpec(await client.call('POST', '/connectors', { name: 'a2', config: customConfig(b, 'a2', first) }), 'post', '/connectors', 201);
      expectError(await client.call('POST', '/connectors', { name: 'b1', config: customConfig(b, 'b1', second) }), 400, /at most 1 custom plugin pools .*CIRRUS_MAX_CUSTOM_POOLS/);
    } finally {
      await capped.close();
    }
  });

  it('ccpm/v1: an unknown environment or plugin on the list and create routes (which declare no 404) is a 400 naming it', async () => {
    const plugin = (await call('POST', '/ccpm/v1/plugins', { spec: { display_name: 'parent', cloud: 'AWS', environment: { id: env() } } })).json as { id: string };
    const version = { version: '1.0.0', connector_classes: [{ class_name: 'com.example.X', type: 'SOURCE' }], upload_source: source(randomUUID()) };
    const cases: [string, string, unknown, string, Record<string, string>][] = [
      ['GET', '/ccpm/v1/plugins?environment=env-nope00', undefined, '/ccpm/v1/plugins', { parameter: 'environment' }],
      ['POST', '/ccpm/v1/plugins', { spec: { display_name: 'x', cloud: 'AWS', environment: { id: 'env-nope00' } } }, '/ccpm/v1/plugins', { pointer: '/spec/environment/id' }],
      ['GET', `/ccpm/v1/plugins/${plugin.id}/versions?environment=env-nope00`, undefined, '/ccpm/v1/plugins/{plugin_id}/versions', { parameter: 'environment' }],
      ['GET', `/ccpm/v1/plugins/ccp-nope00/versions?environment=${env()}`, undefined, '/ccpm/v1/plugins/{plugin_id}/versions', { parameter: 'plugin_id' }],
      ['POST', `/ccpm/v1/plugins/${plugin.id}/versions`, { spec: { ...version, environment: { id: 'env-nope00' } } }, '/ccpm/v1/plugins/{plugin_id}/versions', { pointer: '/spec/environment/id' }],
      ['POST', `/ccpm/v1/plugins/ccp-nope00/versions`, { spec: { ...version, environment: { id: env() } } }, '/ccpm/v1/plugins/{plugin_id}/versions', { parameter: 'plugin_id' }],
    ];
    for (const [method, path, body, template, where] of cases) {
      const answer = await call(method, path, body);
      ccpmSpec(method.toLowerCase(), template, 400, answer);
      assert.deepEqual((answer.json as { errors: { source: unknown }[] }).errors[0]!.source, where, `${method} ${path}`);
    }
  });
});
