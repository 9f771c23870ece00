// Custom plugins through ccpm/v1 plugins and versions (issue 9), against the published spec:
// 202 + Location, versions PROCESSING then READY or FAILED, 409s, environments kept apart, and
// unknown environments or plugins on routes that declare no 404.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { ConnectV1Client, expectError, expectSpec } from '../harness/connect-v1-client.ts';
import { customConfig } from '../harness/connector-fixtures.ts';
import { customPluginSuite } from '../harness/custom-plugin-suite.ts';
import { adminAuth } from '../harness/principals.ts';
import { eventually } from '../harness/wait.ts';

describe('custom plugins: ccpm/v1 (issue 9), archive inspector faked', () => {
  const s = customPluginSuite();
  const { call, ccpmSpec, expectInUse, env, inspector, upload, source } = s;

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
    const early = await s.c.call('POST', '/connectors', { name: 'early', config: customConfig(s.api.bootstrap, 'early', plugin.id) });
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
    const pg = await s.c.call('POST', '/connectors', { name: 'ccpm-pg', config: customConfig(s.api.bootstrap, 'ccpm-pg', plugin.id, { 'database.password': 'x' }) });
    expectSpec(pg, 'post', '/connectors', 201);
    assert.match((pg.body as { config: Record<string, string> }).config['database.password']!, /^\*+$/);
    // A version id names that version; a FAILED one cannot run.
    const byVersion = await s.c.call('POST', '/connectors', { name: 'ccpm-v1', config: customConfig(s.api.bootstrap, 'ccpm-v1', version.id) });
    expectSpec(byVersion, 'post', '/connectors', 201);
    assert.equal((await s.c.call('DELETE', '/connectors/ccpm-v1')).status, 200);
    // A deleted connector holds its version until the reconciler has removed it from the engine.
    await eventually('ccpm-v1 is gone from the engine', async () => /used by 1 connector/.test((await call('DELETE', versionPath)).text));
    expectError(await s.c.call('POST', '/connectors', { name: 'ccpm-bad', config: customConfig(s.api.bootstrap, 'ccpm-bad', bad.id) }), 400, /version 2\.0\.0 .* is FAILED: The archive is not a ZIP file/);
    expectInUse(await call('DELETE', versionPath));
    expectInUse(await call('DELETE', `/ccpm/v1/plugins/${plugin.id}?environment=${env()}`));
    assert.equal((await s.c.call('DELETE', '/connectors/ccpm-pg')).status, 200);
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
    const other = new ConnectV1Client(s.api.url, adminAuth(s.api), env2, cluster.id);
    const refused = await other.call('POST', '/connectors', { name: 'x', config: customConfig(s.api.bootstrap, 'x', plugin.id) });
    expectError(refused, 400, /confluent\.custom\.plugin\.id: no custom plugin/);
    assert.equal((await call('GET', '/ccpm/v1/plugins')).status, 400, 'environment is required');
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
