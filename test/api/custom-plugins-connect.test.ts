// Custom plugins through connect/v1 custom-connector-plugins (issue 9), against the published
// spec: create, read, list, PATCH, delete, bad input, the runtime offered, a custom connector made
// from one (its own pool, masking, 409 while in use), a first start, and the cap on custom pools.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { startApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, expectSpec } from '../harness/connect-v1-client.ts';
import { customConfig } from '../harness/connector-fixtures.ts';
import { customPluginSuite } from '../harness/custom-plugin-suite.ts';
import { engineSecret } from '../harness/engine-secrets.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';
import { archiveFile, uploadArchive } from '../harness/uploads.ts';
import { eventually } from '../harness/wait.ts';

describe('custom plugins: connect/v1 (issue 9), archive inspector faked', () => {
  const s = customPluginSuite();
  const { call, connectSpec, expectInUse, inspector, upload, source, connectPlugin, engine } = s;

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
    const config = customConfig(s.api.bootstrap, 'pg', plugin.id, { 'database.password': 'hunter2', 'database.hostname': 'db.internal' });
    const created = await s.c.call('POST', '/connectors', { name: 'pg', config });
    expectSpec(created, 'post', '/connectors', 201);
    const shown = (created.body as { config: Record<string, string>; type: string });
    assert.equal(shown.type, 'source');
    assert.equal(shown.config['connector.class'], 'com.example.PgSource');
    assert.match(shown.config['database.password']!, /^\*+$/);
    assert.match(shown.config['kafka.api.secret']!, /^\*+$/);
    assert.equal(shown.config['database.hostname'], 'db.internal');
    const stored = await s.api.db.selectFrom('connectors').select(['connect_pool_id', 'plugin_version_id']).where('name', '=', 'pg').executeTakeFirstOrThrow();
    assert.ok(stored.plugin_version_id && stored.connect_pool_id);
    assert.notEqual(stored.connect_pool_id, s.api.bootstrap.connect_pool_id, 'a pool of its own, not the managed one');
    await eventually('the custom pool is started', async () => s.api.dataPlane.poolStates.has(stored.connect_pool_id!));
    assert.ok(!JSON.stringify(await s.api.db.selectFrom('connectors').selectAll().execute()).includes('hunter2'), 'secrets sealed at rest');

    expectInUse(await call('DELETE', `/connect/v1/custom-connector-plugins/${plugin.id}`));
    const inEngine = () => [...engine.connectorsAt('http://127.0.0.1:9').values()].find((k) => k.config['connector.class'] === 'com.example.PgSource');
    const running = await eventually('the engine runs it', async () => inEngine());
    assert.ok(!Object.keys(running.config).some((k) => k.startsWith('confluent.')), 'Cloud-only keys never reach the engine');
    assert.equal(engineSecret(running.config['database.password']), 'hunter2', 'the engine gets the secret, through its config provider');

    // Every connector route works for it.
    const listed = await s.c.call('GET', '/connectors?expand=info,status');
    assert.equal(listed.status, 200, listed.text);
    assert.match((listed.body as Record<string, { info: { config: Record<string, string> } }>).pg!.info.config['database.password']!, /^\*+$/);
    expectSpec(await s.c.call('GET', '/connectors/pg'), 'get', '/connectors/{connector_name}', 200);
    const readBack = await s.c.call('GET', '/connectors/pg/config');
    expectSpec(readBack, 'get', '/connectors/{connector_name}/config', 200);
    assert.match((readBack.body as Record<string, string>)['database.password']!, /^\*+$/);
    expectSpec(await s.c.call('GET', '/connectors/pg/tasks'), 'get', '/connectors/{connector_name}/tasks', 200);
    assert.equal((await s.c.call('PUT', '/connectors/pg/pause')).status, 202);
    await eventually('paused in the engine', async () => inEngine()?.state === 'PAUSED');
    assert.equal((await s.c.call('PUT', '/connectors/pg/resume')).status, 202);
    await eventually('resumed in the engine', async () => inEngine()?.state === 'RUNNING');
    expectSpec(await s.c.call('GET', '/connectors/pg/status'), 'get', '/connectors/{connector_name}/status', 200);
    const kept = await s.c.call('PUT', '/connectors/pg/config', { ...readBack.body as Record<string, string>, 'database.hostname': 'db2.internal' });
    expectSpec(kept, 'put', '/connectors/{connector_name}/config', 200);
    await eventually('the engine gets the new config with the kept secret', async () =>
      inEngine()?.config['database.hostname'] === 'db2.internal' && engineSecret(inEngine()?.config['database.password']) === 'hunter2');
    const switched = await s.c.call('PUT', '/connectors/pg/config', customConfig(s.api.bootstrap, 'pg', (await connectPlugin()).id));
    expectError(switched, 400, /keeps its plugin/);
    const notOurs = await s.c.call('PUT', '/connectors/pg/config', { ...config, 'connector.class': 'com.example.Other' });
    expectError(notOurs, 400, /connector\.class/);

    assert.equal((await s.c.call('DELETE', '/connectors/pg')).status, 200);
    await eventually('the pool stops with its last connector', async () => !s.api.dataPlane.poolStates.has(stored.connect_pool_id!));
    assert.equal((await call('DELETE', `/connect/v1/custom-connector-plugins/${plugin.id}`)).status, 204);
    const pools = await s.api.db.selectFrom('connect_pools').select('id').where('id', '=', stored.connect_pool_id!).execute();
    assert.deepEqual(pools, [], 'the idle pool\'s row (and its port) goes with its plugin');
  });

  it('a first start: registration waits while the runtime is installed; without an embedded data plane it is a 400 that says why', async () => {
    const inspected = inspector().inspected.length;
    s.api.dataPlane.prepared = false;
    const pending = connectPlugin();
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(inspector().inspected.length, inspected, 'nothing inspected before the runtime is there');
    s.api.dataPlane.prepared = true;
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
});
