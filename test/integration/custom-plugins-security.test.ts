// Issue 9's upload security, seen by a user registering a plugin (the real archive checks, Kafka's
// own scanner in a JVM; the upload target's own refusals — expired policy, tampered signature,
// wrong key, oversize, `-F file=path` without @ — are in test/api/uploads-target.test.ts and
// test/unit/post-policy.test.ts): a zip-slip, a symlink, a zip bomb, an archive within the
// archive, a JAR without the declared class and a second use of an upload id are each refused
// with the reason, and nothing is stored: no plugin, no folder under <home>/plugins, no temp file.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { PluginArchiveService, pluginArchiveSettings } from '../../src/services/plugin-archive.ts';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { VERSION_SOURCE_CONNECTOR, versionPluginZip } from '../harness/plugins.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';
import { uploadArchive } from '../harness/uploads.ts';
import { eventually } from '../harness/wait.ts';
import { zipBuffer, type ZipEntry } from '../harness/zip.ts';

const PLUGINS = '/connect/v1/custom-connector-plugins';

describe('custom plugin archives a user must not get through (issue 9)', () => {
  let api: ApiApp;
  const call = (method: string, p: string, body?: unknown) => v2Call(api, adminAuth(api), method, p, body);
  const hub = (entries: ZipEntry[]): ZipEntry[] => [{ name: 'acme-evil-1.0/manifest.json', data: '{"name":"evil"}' }, ...entries];
  const jar = zipBuffer([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }, { name: 'com/acme/Evil.class', data: 'not really' }]);

  function file(bytes: Buffer): string {
    const at = path.join(api.home, `${randomUUID()}.zip`);
    fs.writeFileSync(at, bytes);
    return at;
  }

  async function register(uploadId: string, connectorClass = 'com.acme.EvilSource') {
    return call('POST', PLUGINS, {
      display_name: `p-${randomUUID().slice(0, 8)}`, connector_class: connectorClass, connector_type: 'SOURCE',
      upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: uploadId },
    });
  }

  const stored = () => ({
    plugins: fs.existsSync(path.join(api.home, 'plugins')) ? fs.readdirSync(path.join(api.home, 'plugins')).sort() : [],
    temp: fs.existsSync(path.join(api.home, 'tmp')) ? fs.readdirSync(path.join(api.home, 'tmp')) : [],
  });

  before(async () => {
    await versionPluginZip('3.17.0');
    api = await startApiApp({ archiveInspector: (home) => new PluginArchiveService(pluginArchiveSettings(loadConfig({ CIRRUS_HOME: home }, []))) });
  });
  after(async () => api.close());

  const refusals: [string, () => Buffer, RegExp][] = [
    ['a zip-slip entry', () => zipBuffer(hub([{ name: 'acme-evil-1.0/../../../evil.jar', data: jar }])), /escapes the archive folder/],
    ['an absolute path', () => zipBuffer(hub([{ name: '/tmp/evil.jar', data: jar }])), /absolute path/],
    ['a symlink', () => zipBuffer(hub([{ name: 'acme-evil-1.0/lib/passwd.jar', data: '/etc/passwd', mode: 0o120777, method: 'store' }])), /symbolic link/],
    ['a zip bomb (ratio)', () => zipBuffer(hub([{ name: 'acme-evil-1.0/lib/evil.jar', data: Buffer.alloc(32 * 1024 * 1024) }])), /expands|ratio|uncompressed/i],
    ['a zip bomb that lies about its size', () => zipBuffer(hub([{ name: 'acme-evil-1.0/lib/evil.jar', data: Buffer.alloc(4 * 1024 * 1024), declaredSize: 1000 }])), /cannot be read: too many bytes/],
    ['an archive within the archive', () => zipBuffer(hub([{ name: 'acme-evil-1.0/lib/more.zip', data: zipBuffer(hub([])) }])), /another archive/],
    ['a file that is not a ZIP at all', () => Buffer.from('PK\x03\x04 this is not a zip file at all'.repeat(4)), /ZIP|archive/i],
  ];
  for (const [what, bytes, reason] of refusals) {
    it(`refuses ${what} with the reason, storing nothing`, async () => {
      const before = stored();
      const answer = await register(await uploadArchive(api, file(bytes())));
      assert.equal(answer.status, 400, answer.text);
      assertMatchesSpec(loadSpec('connect-custom-plugin-v1'), 'post', PLUGINS, 400, answer.json);
      assert.match(answer.text, reason);
      assert.deepEqual(stored(), before);
      assert.equal(fs.existsSync(path.join(api.home, '..', 'evil.jar')) || fs.existsSync('/tmp/evil.jar'), false, 'nothing written outside');
    });
  }

  it('refuses a JAR that lacks the declared class (Kafka\'s scanner says so), storing nothing', async () => {
    const before = stored();
    const answer = await register(await uploadArchive(api, await versionPluginZip('3.17.0')), 'com.acme.NotInThere');
    assert.equal(answer.status, 400, answer.text);
    assertMatchesSpec(loadSpec('connect-custom-plugin-v1'), 'post', PLUGINS, 400, answer.json);
    assert.match(answer.text, /com\.acme\.NotInThere/);
    assert.deepEqual(stored(), before);
    const names = ((await call('GET', `${PLUGINS}?page_size=100`)).json as { data: unknown[] }).data;
    assert.deepEqual(names, [], 'no plugin was stored by any refusal');
  });

  it('takes an upload id once: the second plugin is refused with 409 and the first keeps its archive', async () => {
    const uploadId = await uploadArchive(api, await versionPluginZip('3.17.0'));
    const first = await register(uploadId, VERSION_SOURCE_CONNECTOR);
    assert.equal(first.status, 201, first.text);
    const after1 = stored();
    assert.equal(after1.plugins.length, 1);
    const second = await register(uploadId, VERSION_SOURCE_CONNECTOR);
    assert.equal(second.status, 409, second.text);
    assertMatchesSpec(loadSpec('connect-custom-plugin-v1'), 'post', PLUGINS, 409, second.json);
    assert.deepEqual(stored(), after1);
  });

  it('ccpm/v1: an unsafe archive makes a FAILED version that says why, and nothing is kept', async () => {
    const env = api.bootstrap.environment_id;
    const plugin = (await call('POST', '/ccpm/v1/plugins', { spec: { display_name: 'evil', cloud: 'AWS', environment: { id: env } } })).json as { id: string };
    const before = stored();
    const uploadId = await uploadArchive(api, file(zipBuffer(hub([{ name: 'acme-evil-1.0/../../evil.jar', data: jar }]))), { content_format: 'ZIP', cloud: 'AWS', environment: { id: env } });
    const created = await call('POST', `/ccpm/v1/plugins/${plugin.id}/versions`, { spec: {
      version: '1.0.0', connector_classes: [{ class_name: 'com.acme.EvilSource', type: 'SOURCE' }],
      upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: uploadId }, environment: { id: env },
    } });
    assert.equal(created.status, 202, created.text);
    const versionPath = `/ccpm/v1/plugins/${plugin.id}/versions/${(created.json as { id: string }).id}?environment=${env}`;
    const status = await eventually('the version FAILED', async () => {
      const s = ((await call('GET', versionPath)).json as { status: { phase: string; error_message?: string } }).status;
      return s.phase === 'FAILED' ? s : undefined;
    });
    assert.match(status.error_message ?? '', /escapes the archive folder/);
    assert.deepEqual(stored(), before);
  });
});
