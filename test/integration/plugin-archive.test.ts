// A plugin archive checked by Kafka's own scanner (ConnectPluginPath list, Kafka 4.1.1) in a real
// JVM of the pinned runtime (issue 9): our Datagen connector packaged as a Hub ZIP, flat and as a
// JAR is accepted with its class, type and version; a wrong type, a missing class, a class only
// the framework ships and a JAR without the connector are refused, and nothing is left behind.
// Needs the Maven-built runtime (built here if missing); starts no broker.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import yauzl from 'yauzl';
import { loadConfig } from '../../src/config.ts';
import { InvalidConfig } from '../../src/core/errors.ts';
import type { ArchiveFormat } from '../../src/core/plugin-archive.ts';
import type { DeclaredConnector } from '../../src/core/plugin-inspection.ts';
import { PluginArchiveService, pluginArchiveSettings, type StoredPluginArchive } from '../../src/services/plugin-archive.ts';
import { listPluginLocation } from '../../src/supervisor/connect-plugin-path.ts';
import { ensureJvmRuntime, runtimePaths } from '../../src/supervisor/jvm-runtime.ts';
import { zipBuffer, type ZipEntry } from '../harness/zip.ts';

const DATAGEN = 'dev.cirrus.connect.datagen.DatagenSourceConnector';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-plugin-inspect-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let datagenJar: Buffer;
let datagenEntries: ZipEntry[];

before(async () => {
  const config = loadConfig({}, []);
  await ensureJvmRuntime(config.jvmDir, () => undefined);
  const folder = path.join(runtimePaths(config.jvmDir).pluginPath, 'cirrus-datagen');
  const jar = fs.readdirSync(folder).find((f) => /^cirrus-datagen-.*\.jar$/.test(f));
  assert.ok(jar, `no Datagen JAR in ${folder}`);
  datagenJar = fs.readFileSync(path.join(folder, jar));
  datagenEntries = await entriesOf(datagenJar);
});

async function entriesOf(jar: Buffer): Promise<ZipEntry[]> {
  const zip = await yauzl.fromBufferPromise(jar, { lazyEntries: true });
  const out: ZipEntry[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    if (!entry.fileName.endsWith('/')) for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return out;
}

let homes = 0;
let uploads = 0;
const timings: number[] = [];

async function store(bytes: Buffer, format: ArchiveFormat, connectors: DeclaredConnector[]): Promise<{ home: string; result: StoredPluginArchive | unknown }> {
  const home = path.join(root, `home-${++homes}`);
  const file = path.join(root, `upload-${++uploads}`);
  fs.writeFileSync(file, bytes);
  const service = new PluginArchiveService(pluginArchiveSettings(loadConfig({ CIRRUS_HOME: home }, [])));
  const started = Date.now();
  const result = await service.store({ file, format, connectors }).catch((err: unknown) => err);
  timings.push(Date.now() - started);
  return { home, result };
}

const hubZip = () => zipBuffer([
  { name: 'cirrus-datagen-0.1.0/lib/cirrus-datagen-0.1.0.jar', data: datagenJar, method: 'store' },
  { name: 'cirrus-datagen-0.1.0/manifest.json', data: JSON.stringify({ name: 'cirrus-datagen', version: '0.1.0' }) },
  { name: 'cirrus-datagen-0.1.0/doc/README.md', data: 'Datagen' },
]);

function assertRefused(result: unknown, problem: RegExp): void {
  assert.ok(result instanceof InvalidConfig, `expected InvalidConfig, got ${String(result)}`);
  assert.match(result.message, problem);
}

function assertNothingLeft(home: string): void {
  for (const dir of ['plugins', 'tmp']) {
    const full = path.join(home, dir);
    assert.deepEqual(fs.existsSync(full) ? fs.readdirSync(full) : [], [], `${dir}/ is not empty`);
  }
}

describe('plugin archive inspected by the real ConnectPluginPath', () => {
  after(() => console.log(`plugin inspections (JVM included): ${timings.map((ms) => `${ms} ms`).join(', ')}`));

  it('accepts Datagen as a Hub ZIP, with its class, type and version', async () => {
    const { result } = await store(hubZip(), 'ZIP', [{ className: DATAGEN, type: 'SOURCE' }]);
    const stored = result as StoredPluginArchive;
    assert.deepEqual(stored.classes, [{ className: DATAGEN, type: 'SOURCE', version: '0.1.0', hasManifest: true }]);
    assert.equal(stored.serviceManifests, true, 'Datagen declares itself: its pool may skip the class scan');
    assert.ok(fs.existsSync(path.join(stored.pluginDir, 'plugin', 'lib', 'cirrus-datagen-0.1.0.jar')));
    assert.ok(fs.existsSync(path.join(stored.pluginDir, 'plugin', 'manifest.json')));
  });

  it('accepts Datagen flat in a ZIP and as a JAR', async () => {
    const flat = await store(zipBuffer([{ name: 'cirrus-datagen-0.1.0.jar', data: datagenJar }]), 'ZIP', [{ className: DATAGEN, type: 'SOURCE' }]);
    assert.equal((flat.result as StoredPluginArchive).classes[0]?.type, 'SOURCE');
    const jar = await store(datagenJar, 'JAR', [{ className: DATAGEN, type: 'SOURCE' }]);
    assert.equal((jar.result as StoredPluginArchive).classes[0]?.version, '0.1.0');
  });

  const refused: Array<[string, () => Buffer, ArchiveFormat, DeclaredConnector, RegExp]> = [
    ['Datagen declared a sink', hubZip, 'ZIP', { className: DATAGEN, type: 'SINK' }, /DatagenSourceConnector is a source connector, not a sink connector/],
    ['a class that is not there', hubZip, 'ZIP', { className: 'com.example.NoSuchConnector', type: 'SOURCE' }, /com.example.NoSuchConnector is not in the archive/],
    // Issue 9, "Isolation": Kafka's file connector sits on the framework classpath, not in the archive.
    ['a class only the framework ships', hubZip, 'ZIP', { className: 'org.apache.kafka.connect.file.FileStreamSourceConnector', type: 'SOURCE' },
      /FileStreamSourceConnector is not in the archive/],
    ['a JAR with no connector in it', () => zipBuffer(datagenEntries.filter((e) => !/DatagenSourceConnector\.class$|META-INF\/services\//.test(e.name))), 'JAR',
      { className: DATAGEN, type: 'SOURCE' }, /DatagenSourceConnector is not in the archive/],
    ['a JAR whose service manifest names a class it lacks', () => zipBuffer(datagenEntries.filter((e) => !/DatagenSourceConnector\.class$/.test(e.name))), 'JAR',
      { className: DATAGEN, type: 'SOURCE' }, /DatagenSourceConnector is listed in the archive but cannot be loaded/],
  ];
  for (const [what, bytes, format, declared, problem] of refused) {
    it(`refuses ${what}, leaving nothing behind`, async () => {
      const { home, result } = await store(bytes(), format, [declared]);
      assertRefused(result, problem);
      assertNothingLeft(home);
    });
  }
});

describe('the scanner JVM past its deadline', () => {
  it('is killed, group and all, and reported as timed out', async () => {
    const home = path.join(root, 'home-deadline');
    const config = loadConfig({ CIRRUS_HOME: home }, []);
    const folder = path.join(runtimePaths(config.jvmDir).pluginPath, 'cirrus-datagen');
    const tool = { java: config.java, classpath: runtimePaths(config.jvmDir).classpath, home, heap: '128m', timeoutMs: 300 };
    const run = await listPluginLocation(tool, folder);
    assert.equal(run.timedOut, true);
    assert.equal(run.code, null);
    assert.ok(run.elapsedMs < 5000, `took ${run.elapsedMs} ms to end`);
    // Nothing of it is left: no process carries this home's marker.
    const marked = fs.readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`-Dcirrus.home=${home}`);
      } catch {
        return false;
      }
    });
    assert.deepEqual(marked, []);
  });
});
