// The archive rules of an uploaded connector plugin (issue 9), table by table: names, single
// entries, the whole central directory, layouts and the declaration's shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidConfig, InvalidRequest } from '../../src/core/errors.ts';
import {
  checkArchiveSize, checkEntries, entryNameProblem, entryProblem, planPluginFiles, RATIO_FLOOR_BYTES,
  type ArchiveEntry, type ArchiveLimits,
} from '../../src/core/plugin-archive.ts';
import { checkDeclaredConnectors, type DeclaredConnector } from '../../src/core/plugin-inspection.ts';

const limits: ArchiveLimits = { maxArchiveBytes: 1000, maxUncompressedBytes: 10_000_000, maxCompressionRatio: 100, maxEntries: 5 };
const MB = 1024 * 1024;

/** Entries laid one after the other, as a zip tool writes them; folders carry no data. */
let nextOffset = 0;
function entry(name: string, extra: Partial<ArchiveEntry> = {}): ArchiveEntry {
  const folder = name.endsWith('/');
  const made: ArchiveEntry = {
    name, compressedSize: folder ? 0 : 10, uncompressedSize: folder ? 0 : 20, flags: 0x800, compressionMethod: folder ? 0 : 8,
    externalAttributes: ((folder ? 0o040755 : 0o100644) << 16) >>> 0, localHeaderOffset: nextOffset, ...extra,
  };
  nextOffset += 30 + name.length + made.compressedSize;
  return made;
}

function refusal(fn: () => unknown, kind: typeof InvalidRequest | typeof InvalidConfig = InvalidRequest): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof kind, `expected ${kind.name}, got ${String(err)}`);
    return err.message;
  }
  assert.fail('expected a refusal');
}

describe('plugin archive: entry names', () => {
  const cases: Array<[string, RegExp | undefined]> = [
    ['lib/a.jar', undefined],
    ['kafka-connect-x/lib/a-1.0.jar', undefined],
    ['doc/', undefined],
    ['naïve/ünïcode.txt', undefined],
    ['../evil.jar', /escapes the archive folder/],
    ['lib/../../evil.jar', /escapes the archive folder/],
    ['lib/..', /escapes the archive folder/],
    ['/etc/passwd', /absolute path/],
    ['C:/Windows/evil.dll', /drive letter/],
    ['c:evil', /drive letter/],
    ['lib\\..\\evil.jar', /backslash/],
    ['lib//a.jar', /not a plain relative path/],
    ['./a.jar', /not a plain relative path/],
    ['', /empty name/],
    ['a\u0000.jar', /control character/],
    ['a\n.jar', /control character/],
    [`${'x'.repeat(256)}.jar`, /segment longer than 255/],
    [`${'abc/'.repeat(300)}a.jar`, /longer than 1024 bytes/],
  ];
  for (const [name, problem] of cases) {
    it(`${JSON.stringify(name.slice(0, 40))} → ${problem ?? 'accepted'}`, () => {
      const found = entryNameProblem(name);
      if (problem === undefined) assert.equal(found, undefined);
      else assert.match(found ?? '', problem);
    });
  }
});

describe('plugin archive: one entry', () => {
  const cases: Array<[string, Partial<ArchiveEntry>, RegExp | undefined]> = [
    ['a plain deflated file', {}, undefined],
    ['a stored file', { compressionMethod: 0 }, undefined],
    ['a file made on Windows (no mode)', { externalAttributes: 0x20 }, undefined],
    ['traditional encryption (bit 0)', { flags: 0x801 }, /is encrypted/],
    ['strong encryption (bit 6)', { flags: 0x40 }, /is encrypted/],
    ['a symbolic link', { externalAttributes: (0o120777 << 16) >>> 0 }, /symbolic link/],
    ['a FIFO', { externalAttributes: (0o010644 << 16) >>> 0 }, /not a regular file/],
    ['bzip2', { compressionMethod: 12 }, /compression method 12/],
    ['a small, very compressible file (under the floor)', { compressedSize: 1, uncompressedSize: RATIO_FLOOR_BYTES }, undefined],
    ['ratio 100 exactly', { compressedSize: MB / 100, uncompressedSize: MB }, undefined],
    ['ratio over 100', { compressedSize: 1000, uncompressedSize: MB }, /expands 1048 times, over the limit of 100/],
    ['nothing compressed to something big', { compressedSize: 0, uncompressedSize: MB }, /expands infinitely/],
  ];
  for (const [what, extra, problem] of cases) {
    it(`${what} → ${problem ?? 'accepted'}`, () => {
      const found = entryProblem(entry('lib/a.jar', extra), limits);
      if (problem === undefined) assert.equal(found, undefined);
      else assert.match(found ?? '', problem);
    });
  }

  it('a folder entry may not carry data', () => {
    assert.equal(entryProblem(entry('lib/'), limits), undefined);
    assert.match(entryProblem(entry('lib/', { uncompressedSize: 5 }), limits) ?? '', /folder with content/);
  });
});

describe('plugin archive: the whole archive', () => {
  it('refuses an empty or oversized archive before reading it', () => {
    assert.match(refusal(() => checkArchiveSize(0, limits)), /empty/);
    assert.match(refusal(() => checkArchiveSize(1001, limits)), /1001 bytes, over the limit of 1000 bytes/);
    checkArchiveSize(1000, limits);
  });

  const cases: Array<[string, ArchiveEntry[], RegExp | undefined]> = [
    ['a Hub archive', [entry('x/'), entry('x/lib/a.jar'), entry('x/manifest.json')], undefined],
    ['too many entries', ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => entry(`${n}.jar`)), /6 entries, over the limit of 5/],
    ['the same name twice', [entry('a.jar'), entry('a.jar')], /"a.jar" twice/],
    ['a file and a folder of one name', [entry('lib'), entry('lib/a.jar')], /"lib" both as a file and as a folder/],
    ['a folder entry and a file of one name', [entry('lib/', { uncompressedSize: 0 }), entry('lib')], /"lib" twice/],
    ['a bad entry, named', [entry('a.jar'), entry('../b.jar')], /entry "..\/b.jar" escapes/],
    ['entries sharing one body', [entry('a.jar', { localHeaderOffset: 0, compressedSize: 500 }), entry('b.jar', { localHeaderOffset: 100 })], /overlap/],
    ['a total over the limit', [entry('a.jar', { uncompressedSize: 6_000_000, compressedSize: 3_000_000 }),
      entry('b.jar', { uncompressedSize: 6_000_000, compressedSize: 3_000_000 })], /expands to 12000000 bytes, over the limit of 10000000/],
  ];
  for (const [what, entries, problem] of cases) {
    it(`${what} → ${problem ?? 'accepted'}`, () => {
      if (problem === undefined) checkEntries(entries, limits);
      else assert.match(refusal(() => checkEntries(entries, limits)), problem);
    });
  }
});

describe('plugin archive: layouts', () => {
  const files = (names: string[]) => names.map((n) => entry(n));
  const accepted: Array<[string, 'ZIP' | 'JAR', string[], 'jar' | 'hub' | 'flat', Record<string, string>]> = [
    ['a JAR', 'JAR', ['META-INF/MANIFEST.MF', 'a/B.class'], 'jar', {}],
    ['Hub', 'ZIP', ['c-1.0/', 'c-1.0/lib/', 'c-1.0/lib/a.jar', 'c-1.0/lib/b.jar', 'c-1.0/manifest.json', 'c-1.0/doc/LICENSE', 'c-1.0/etc/x.properties'], 'hub',
      { 'c-1.0/lib/a.jar': 'lib/a.jar', 'c-1.0/lib/b.jar': 'lib/b.jar', 'c-1.0/manifest.json': 'manifest.json', 'c-1.0/doc/LICENSE': 'doc/LICENSE', 'c-1.0/etc/x.properties': 'etc/x.properties' }],
    ['Hub without its top folder', 'ZIP', ['lib/a.jar', 'manifest.json'], 'hub', { 'lib/a.jar': 'lib/a.jar', 'manifest.json': 'manifest.json' }],
    ['flat at the root', 'ZIP', ['a.jar', 'b.JAR', 'README.md'], 'flat', { 'a.jar': 'a.jar', 'b.JAR': 'b.JAR', 'README.md': 'README.md' }],
    ['flat in one folder', 'ZIP', ['c/a.jar', 'c/b.jar'], 'flat', { 'c/a.jar': 'a.jar', 'c/b.jar': 'b.jar' }],
    ['made on a Mac', 'ZIP', ['c/lib/a.jar', '__MACOSX/c/lib/._a.jar', 'c/.DS_Store'], 'hub', { 'c/lib/a.jar': 'lib/a.jar' }],
  ];
  for (const [what, format, names, layout, expected] of accepted) {
    it(`${what} → ${layout}`, () => {
      const plan = planPluginFiles(format, files(names));
      assert.equal(plan.layout, layout);
      if (plan.layout !== 'jar') assert.deepEqual(Object.fromEntries(plan.files), expected);
    });
  }

  const refused: Array<[string, 'ZIP' | 'JAR', string[], RegExp]> = [
    ['a JAR in a JAR', 'JAR', ['META-INF/MANIFEST.MF', 'BOOT-INF/lib/dep.jar'], /JAR holds another archive, "BOOT-INF\/lib\/dep.jar"/],
    ['a ZIP in a JAR', 'JAR', ['a/B.class', 'x.zip'], /JAR holds another archive/],
    ['a ZIP in a ZIP', 'ZIP', ['lib/a.jar', 'inner.zip'], /ZIP holds another archive, "inner.zip"/],
    ['a tarball in a ZIP', 'ZIP', ['c/lib/a.jar', 'c/doc/src.tar.gz'], /another archive/],
    ['no JAR at all', 'ZIP', ['c/README', 'c/B.class'], /holds no JAR file/],
    ['nothing at all', 'ZIP', [], /holds no JAR file/],
    ['a JAR beside lib/', 'ZIP', ['c/lib/a.jar', 'c/b.jar'], /JAR outside lib\/, "c\/b.jar"/],
    ['a JAR under lib/ a level down', 'ZIP', ['c/lib/a.jar', 'c/lib/x/b.jar'], /JAR outside lib\//],
    ['a JAR in doc/', 'ZIP', ['c/lib/a.jar', 'c/doc/b.jar'], /JAR outside lib\//],
    ['flat JARs in two folders', 'ZIP', ['a/x.jar', 'b/y.jar'], /JAR outside one folder/],
    ['flat JARs a level down', 'ZIP', ['c/a.jar', 'c/deps/b.jar'], /JAR outside one folder/],
  ];
  for (const [what, format, names, problem] of refused) {
    it(`${what} → refused`, () => assert.match(refusal(() => planPluginFiles(format, files(names))), problem));
  }
});

describe('plugin archive: the declaration', () => {
  const source = (className: string): DeclaredConnector => ({ className, type: 'SOURCE' });
  const cases: Array<[string, DeclaredConnector[], RegExp | undefined]> = [
    ['one class', [source('com.example.Source')], undefined],
    ['ten classes', Array.from({ length: 10 }, (_, i) => source(`com.example.S${i}`)), undefined],
    ['a nested class', [source('com.example.Outer$Source')], undefined],
    ['none', [], /at least one/],
    ['eleven', Array.from({ length: 11 }, (_, i) => source(`com.example.S${i}`)), /at most 10/],
    ['a class twice', [source('a.B'), { className: 'a.B', type: 'SINK' }], /a.B is declared twice/],
    ['not a class name', [source('com.example.')], /not a Java class name/],
    ['a path', [source('com/example/Source')], /not a Java class name/],
    ['a type other than SOURCE or SINK', [{ className: 'a.B', type: 'CONVERTER' as 'SOURCE' }], /SOURCE or SINK/],
  ];
  for (const [what, declared, problem] of cases) {
    it(`${what} → ${problem ?? 'accepted'}`, () => {
      if (problem === undefined) checkDeclaredConnectors(declared);
      else assert.match(refusal(() => checkDeclaredConnectors(declared)), problem);
    });
  }
});
