// Real archives, written byte by byte, through the plugin archive service (issue 9): every unsafe
// one refused before the scanner runs and with nothing left behind; the accepted layouts stored
// content-addressed. Kafka's scanner is answered here (its real run is
// test/integration/plugin-archive.test.ts), so these stay fast.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { InvalidConfig, InvalidRequest } from '../../src/core/errors.ts';
import type { ArchiveLimits } from '../../src/core/plugin-archive.ts';
import type { DeclaredConnector } from '../../src/core/plugin-inspection.ts';
import { PluginArchiveService, type PluginScanner } from '../../src/services/plugin-archive.ts';
import type { PluginPathToolRun } from '../../src/supervisor/connect-plugin-path.ts';
import { zipBuffer, type ZipEntry } from '../harness/zip.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-plugin-archive-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const DEFAULT_LIMITS: ArchiveLimits = { maxArchiveBytes: 512 * 1024 * 1024, maxUncompressedBytes: 2048 * 1024 * 1024, maxCompressionRatio: 100, maxEntries: 10_000 };
const SOURCE: DeclaredConnector[] = [{ className: 'com.example.Source', type: 'SOURCE' }];
const HEADER = 'pluginName\tfirstAlias\tsecondAlias\tpluginVersion\tpluginType\tisLoadable\thasManifest\tpluginLocation';
/** A plugin JAR's bytes; only its being a file named *.jar matters before the scanner. */
const JAR = zipBuffer([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }, { name: 'com/example/Source.class', data: 'not really' }]);

interface Rig {
  home: string;
  service: PluginArchiveService;
  /** The files of each location the scanner was asked about, as it saw them. */
  scanned: string[][];
}

let homes = 0;
function rig(limits: Partial<ArchiveLimits> = {}, answer: Partial<PluginPathToolRun> = {}, type = 'source'): Rig {
  const home = path.join(root, `home-${++homes}`);
  const scanned: string[][] = [];
  const scan: PluginScanner = async (location) => {
    scanned.push(filesUnder(location));
    const stdout = `${HEADER}\ncom.example.Source\tSource\tN/A\t1.2.3\t${type}\ttrue\ttrue\t${location}\n\nTotal plugins:      \t1\n`;
    return { code: 0, timedOut: false, stdout, stderrTail: '', elapsedMs: 1, ...answer };
  };
  const settings = { home, limits: { ...DEFAULT_LIMITS, ...limits }, tool: { java: 'java', classpath: '', home, heap: '64m', timeoutMs: 1000 } };
  return { home, service: new PluginArchiveService(settings, { scan }), scanned };
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

let uploads = 0;
function upload(bytes: Buffer): string {
  const file = path.join(root, `upload-${++uploads}`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Nothing of a refused archive remains: no plugin folder, no temp folder. */
function assertNothingLeft(home: string): void {
  assert.deepEqual(fs.existsSync(path.join(home, 'plugins')) ? fs.readdirSync(path.join(home, 'plugins')) : [], []);
  assert.deepEqual(fs.existsSync(path.join(home, 'tmp')) ? fs.readdirSync(path.join(home, 'tmp')) : [], []);
}

const hub = (extra: ZipEntry[] = []): ZipEntry[] => [{ name: 'c-1.0/lib/c.jar', data: JAR, method: 'store' }, ...extra];
const zeros = (mib: number) => Buffer.alloc(mib * 1024 * 1024);

describe('plugin archive files: refused before the scanner, nothing left behind', () => {
  const cases: Array<[string, Buffer, 'ZIP' | 'JAR', Partial<ArchiveLimits>, RegExp]> = [
    ['zip-slip', zipBuffer(hub([{ name: 'c-1.0/../../evil.jar', data: JAR }])), 'ZIP', {}, /"c-1.0\/..\/..\/evil.jar" escapes the archive folder/],
    ['an absolute path', zipBuffer(hub([{ name: '/tmp/evil.sh', data: 'x' }])), 'ZIP', {}, /"\/tmp\/evil.sh" is an absolute path/],
    ['a drive letter', zipBuffer(hub([{ name: 'C:/evil.dll', data: 'x' }])), 'ZIP', {}, /drive letter/],
    ['backslashes', zipBuffer(hub([{ name: 'c-1.0\\..\\..\\evil.jar', data: JAR }])), 'ZIP', {}, /backslash/],
    ['a symlink entry', zipBuffer(hub([{ name: 'c-1.0/lib/link.jar', data: '/etc/passwd', mode: 0o120777, method: 'store' }])), 'ZIP', {}, /"c-1.0\/lib\/link.jar" is a symbolic link/],
    ['a ZIP inside the ZIP', zipBuffer(hub([{ name: 'c-1.0/more.zip', data: zipBuffer(hub()) }])), 'ZIP', {}, /holds another archive, "c-1.0\/more.zip"/],
    ['a JAR inside the JAR', zipBuffer([{ name: 'META-INF/MANIFEST.MF', data: 'x' }, { name: 'BOOT-INF/lib/dep.jar', data: JAR }]), 'JAR', {}, /JAR holds another archive/],
    ['a JAR outside lib/', zipBuffer(hub([{ name: 'c-1.0/doc/other.jar', data: JAR }])), 'ZIP', {}, /JAR outside lib\//],
    ['a zip bomb over the ratio (64 MiB of zeros)', zipBuffer(hub([{ name: 'c-1.0/doc/zeros.txt', data: zeros(64) }])), 'ZIP', {}, /expands 1\d\d\d times, over the limit of 100/],
    ['a zip bomb over the total size', zipBuffer(hub([{ name: 'c-1.0/doc/a', data: zeros(12) }, { name: 'c-1.0/doc/b', data: zeros(12) }])), 'ZIP',
      { maxCompressionRatio: 10_000, maxUncompressedBytes: 16 * 1024 * 1024 }, /expands to 25\d+ bytes, over the limit of 16777216 bytes/],
    ['entries sharing one body', zipBuffer(hub([{ name: 'c-1.0/doc/a', data: zeros(1) }, { name: 'c-1.0/doc/b', sameBodyAs: 'c-1.0/doc/a' }])), 'ZIP',
      { maxCompressionRatio: 10_000 }, /"c-1.0\/doc\/a" and "c-1.0\/doc\/b" overlap/],
    ['an entry bigger than it claims', zipBuffer(hub([{ name: 'c-1.0/doc/a', data: zeros(1), declaredSize: 1000 }])), 'ZIP', { maxCompressionRatio: 10_000 }, /"c-1.0\/doc\/a" cannot be read/],
    ['too many entries', zipBuffer(Array.from({ length: 6 }, (_, i) => ({ name: `lib/${i}.jar`, data: JAR }))), 'ZIP', { maxEntries: 5 }, /6 entries, over the limit of 5/],
    ['an encrypted entry', zipBuffer(hub([{ name: 'c-1.0/doc/secret', data: 'x', flags: 0x1 }])), 'ZIP', {}, /"c-1.0\/doc\/secret" is encrypted/],
    ['a JAR that is not a zip', Buffer.from('#!/bin/sh\necho not a jar\n'), 'JAR', {}, /not a readable ZIP or JAR file/],
    ['a truncated ZIP', zipBuffer(hub()).subarray(0, 60), 'ZIP', {}, /not a readable ZIP or JAR file/],
    ['an archive over the size limit', zipBuffer(hub()), 'ZIP', { maxArchiveBytes: 100 }, /bytes, over the limit of 100 bytes/],
    ['an empty file', Buffer.alloc(0), 'ZIP', {}, /archive is empty/],
    ['a ZIP with no JAR', zipBuffer([{ name: 'c/README', data: 'x' }]), 'ZIP', {}, /holds no JAR file/],
  ];
  for (const [what, bytes, format, limits, problem] of cases) {
    it(`${what} → 400`, async () => {
      const { home, service, scanned } = rig(limits);
      await assert.rejects(service.store({ file: upload(bytes), format, connectors: SOURCE }), (err: unknown) => {
        assert.ok(err instanceof InvalidRequest, String(err));
        assert.match(err.message, problem);
        return true;
      });
      assert.deepEqual(scanned, []);
      assertNothingLeft(home);
    });
  }
});

describe('plugin archive files: accepted layouts, stored content-addressed', () => {
  const cases: Array<[string, Buffer, 'ZIP' | 'JAR', string[]]> = [
    ['Hub layout', zipBuffer([
      { name: 'c-1.0/' }, { name: 'c-1.0/lib/c.jar', data: JAR }, { name: 'c-1.0/lib/dep.jar', data: JAR },
      { name: 'c-1.0/manifest.json', data: '{"name":"c"}' }, { name: 'c-1.0/doc/LICENSE', data: 'MIT' }, { name: 'c-1.0/etc/c.properties', data: 'a=b' },
    ]), 'ZIP', ['doc/LICENSE', 'etc/c.properties', 'lib/c.jar', 'lib/dep.jar', 'manifest.json']],
    ['flat at the root', zipBuffer([{ name: 'c.jar', data: JAR }, { name: 'dep.jar', data: JAR }]), 'ZIP', ['c.jar', 'dep.jar']],
    ['flat in one folder, made on a Mac', zipBuffer([{ name: 'c/c.jar', data: JAR }, { name: '__MACOSX/c/._c.jar', data: 'x' }]), 'ZIP', ['c.jar']],
    ['a JAR', JAR, 'JAR', ['plugin.jar']],
  ];
  for (const [what, bytes, format, files] of cases) {
    it(what, async () => {
      const { home, service, scanned } = rig();
      const stored = await service.store({ file: upload(bytes), format, connectors: SOURCE });
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      assert.deepEqual(stored, {
        sha256, pluginDir: path.join(home, 'plugins', sha256), size: bytes.length,
        classes: [{ className: 'com.example.Source', type: 'SOURCE', version: '1.2.3', hasManifest: true }], serviceManifests: true,
      });
      assert.deepEqual(scanned, [files]);
      assert.deepEqual(filesUnder(stored.pluginDir), files.map((f) => `plugin/${f}`));
      assert.deepEqual(fs.readdirSync(path.join(home, 'tmp')), []);
    });
  }

  it('keeps a JAR byte for byte', async () => {
    const { service } = rig();
    const stored = await service.store({ file: upload(JAR), format: 'JAR', connectors: SOURCE });
    assert.deepEqual(fs.readFileSync(path.join(stored.pluginDir, 'plugin', 'plugin.jar')), JAR);
  });

  it('stores the same archive once, and checks each declaration against the stored folder', async () => {
    const { home, service, scanned } = rig();
    const bytes = zipBuffer(hub());
    const first = await service.store({ file: upload(bytes), format: 'ZIP', connectors: SOURCE });
    const second = await service.store({ file: upload(bytes), format: 'ZIP', connectors: SOURCE });
    assert.deepEqual(second, first);
    assert.equal(scanned.length, 2);
    assert.deepEqual(fs.readdirSync(path.join(home, 'plugins')), [first.sha256]);
  });
});

describe('plugin archive files: the scanner says no', () => {
  const cases: Array<[string, Partial<PluginPathToolRun>, string, (err: unknown) => boolean]> = [
    ['a source declared a sink', {}, 'sink', (err) => err instanceof InvalidConfig && /is a sink connector, not a source connector/.test(err.message)],
    ['a scan past its deadline', { code: null, timedOut: true }, 'source', (err) => err instanceof InvalidConfig && /took longer than 1 s/.test(err.message)],
    ['a scanner that failed (ours to fix: a 500)', { code: 3, stderrTail: 'java.lang.OutOfMemoryError' }, 'source',
      (err) => !(err instanceof InvalidConfig) && !(err instanceof InvalidRequest) && /exited with code 3.*OutOfMemoryError/.test((err as Error).message)],
  ];
  for (const [what, answer, type, expected] of cases) {
    it(`${what}: nothing is stored`, async () => {
      const { home, service } = rig({}, answer, type);
      await assert.rejects(service.store({ file: upload(zipBuffer(hub())), format: 'ZIP', connectors: SOURCE }), expected);
      assertNothingLeft(home);
    });
  }

  it('refuses a bad declaration before reading the archive', async () => {
    const { service, scanned } = rig();
    await assert.rejects(service.store({ file: upload(zipBuffer(hub())), format: 'ZIP', connectors: [] }), InvalidRequest);
    assert.deepEqual(scanned, []);
  });
});
