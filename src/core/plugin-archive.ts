// What an uploaded connector plugin archive may hold, decided from its central directory alone,
// before a byte is written (issue 9, "On registration Cirrus inspects the archive"). The service
// reads the entries; these rules refuse what is unsafe and say where each kept file goes.
import { InvalidRequest } from './errors.ts';
import type { ContentFormat } from './plugin.ts';

/** How the archive was uploaded (the presigned URL request's content_format). */
export type ArchiveFormat = ContentFormat;

export interface ArchiveLimits {
  maxArchiveBytes: number;
  maxUncompressedBytes: number;
  /** Uncompressed / compressed size of one entry, above RATIO_FLOOR_BYTES. */
  maxCompressionRatio: number;
  maxEntries: number;
}

/** One entry as the central directory describes it (name decoded, nothing else interpreted). */
export interface ArchiveEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** General purpose bit flag: bit 0 traditional encryption, bit 6 strong encryption. */
  flags: number;
  compressionMethod: number;
  /** External file attributes; the high 16 bits are a Unix mode when the zip tool set one. */
  externalAttributes: number;
  localHeaderOffset: number;
}

/**
 * Where the kept files go, relative to the plugin's one folder: `files` maps an entry name to its
 * path there. A JAR is kept whole, as `plugin.jar`.
 */
export type PluginFilesPlan =
  | { layout: 'jar' }
  | { layout: 'hub' | 'flat'; files: Map<string, string> };

/** Below this an entry cannot be a bomb, and small text files legitimately compress very well. */
export const RATIO_FLOOR_BYTES = 64 * 1024;
const MAX_NAME_BYTES = 1024;
const MAX_SEGMENT_BYTES = 255;
/** Stored and deflate: what the JDK reads in a JAR, and what yauzl inflates. */
const SUPPORTED_METHODS = new Set([0, 8]);
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/** Archives other than the plugin's own JARs: refused anywhere in the upload. */
const NESTED_ARCHIVE = /\.(zip|war|ear|nar|aar|tar|tgz|gz|bz2|xz|7z|rar)$/i;
const JAR = /\.jar$/i;

function refuse(message: string): never {
  throw new InvalidRequest(message);
}

/** Entry names go into messages; JSON quoting keeps control characters visible and harmless. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);
}

export function checkArchiveSize(bytes: number, limits: ArchiveLimits): void {
  if (bytes === 0) refuse('The plugin archive is empty');
  if (bytes > limits.maxArchiveBytes) {
    refuse(`The plugin archive is ${bytes} bytes, over the limit of ${limits.maxArchiveBytes} bytes`);
  }
}

export function checkEntryCount(count: number, limits: ArchiveLimits): void {
  if (count > limits.maxEntries) refuse(`The plugin archive has ${count} entries, over the limit of ${limits.maxEntries}`);
}

/** Why a name cannot be written under the plugin folder as it stands, or undefined. */
export function entryNameProblem(name: string): string | undefined {
  if (name === '') return 'has an empty name';
  if (name.includes('\\')) return 'has a backslash in its name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'has a control character in its name';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'escapes the archive folder (..)';
  if (segments.some((s) => s === '' || s === '.')) return 'is not a plain relative path (empty or "." segment)';
  if (utf8Length(name) > MAX_NAME_BYTES) return `has a name longer than ${MAX_NAME_BYTES} bytes`;
  if (segments.some((s) => utf8Length(s) > MAX_SEGMENT_BYTES)) return `has a path segment longer than ${MAX_SEGMENT_BYTES} bytes`;
  return undefined;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function isDirectoryEntry(entry: Pick<ArchiveEntry, 'name'>): boolean {
  return entry.name.endsWith('/');
}

/** Why one entry is refused whatever the layout, or undefined. */
export function entryProblem(entry: ArchiveEntry, limits: ArchiveLimits): string | undefined {
  const nameProblem = entryNameProblem(entry.name);
  if (nameProblem) return nameProblem;
  if ((entry.flags & 0x41) !== 0) return 'is encrypted';
  const type = (entry.externalAttributes >>> 16) & S_IFMT;
  if (type === S_IFLNK) return 'is a symbolic link';
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return 'is not a regular file or folder';
  if (isDirectoryEntry(entry)) return entry.uncompressedSize > 0 ? 'is a folder with content' : undefined;
  if (!SUPPORTED_METHODS.has(entry.compressionMethod)) {
    return `uses compression method ${entry.compressionMethod} (only stored and deflate are accepted)`;
  }
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio) {
    return `expands ${ratio(entry)} times, over the limit of ${limits.maxCompressionRatio} (a zip bomb?)`;
  }
  return undefined;
}

function ratio(entry: ArchiveEntry): string {
  return entry.compressedSize === 0 ? 'infinitely' : String(Math.floor(entry.uncompressedSize / entry.compressedSize));
}

/**
 * Refuses what would be unsafe to extract whatever the layout: a bad entry, duplicate or
 * clashing names, entries whose data overlap (a crafted bomb shares one compressed body between
 * many entries), or a total uncompressed size over the limit.
 */
export function checkEntries(entries: ArchiveEntry[], limits: ArchiveLimits): void {
  checkEntryCount(entries.length, limits);
  for (const entry of entries) {
    const problem = entryProblem(entry, limits);
    if (problem) refuse(`The plugin archive entry ${quoteName(entry.name)} ${problem}`);
  }
  checkNamesDistinct(entries.map((e) => e.name));
  checkNoOverlap(entries);
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes) {
    refuse(`The plugin archive expands to ${total} bytes, over the limit of ${limits.maxUncompressedBytes} bytes`);
  }
}

function checkNamesDistinct(names: string[]): void {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const name of names) {
    const folder = name.endsWith('/');
    const bare = folder ? name.slice(0, -1) : name;
    if (files.has(bare) || (!folder && folders.has(bare))) refuse(`The plugin archive has ${quoteName(bare)} twice`);
    (folder ? folders : files).add(bare);
  }
  for (const name of names) {
    const segments = name.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      if (files.has(parent)) refuse(`The plugin archive has ${quoteName(parent)} both as a file and as a folder`);
    }
  }
}

/** A local header is at least 30 bytes, so each entry's data must end before the next starts. */
function checkNoOverlap(entries: ArchiveEntry[]): void {
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1]!;
    if (previous.localHeaderOffset + 30 + previous.compressedSize > byOffset[i]!.localHeaderOffset) {
      refuse(`The plugin archive entries ${quoteName(previous.name)} and ${quoteName(byOffset[i]!.name)} overlap (a crafted archive)`);
    }
  }
}

/** macOS Finder's resource forks and folder files: never part of a plugin, so not kept. */
function isFinderJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || name === '.DS_Store' || name.endsWith('/.DS_Store');
}

/**
 * Decides where each file of a checked archive goes. A JAR holds no archive at all. A ZIP holds
 * JARs, laid out the Confluent Hub way (`<name>/lib/*.jar`, with `manifest.json`, `doc/`, `etc/`
 * beside lib/) or flat (`*.jar` at the root or in one folder); its top folder, if all entries
 * share one, is dropped. No archive other than those JARs is accepted: no ZIP in a ZIP, no JAR
 * in a JAR, no JAR elsewhere in the tree.
 */
export function planPluginFiles(format: ArchiveFormat, entries: ArchiveEntry[]): PluginFilesPlan {
  const names = entries.filter((e) => !isDirectoryEntry(e)).map((e) => e.name);
  if (format === 'JAR') {
    const nested = names.find((n) => JAR.test(n) || NESTED_ARCHIVE.test(n));
    if (nested !== undefined) refuse(`The plugin JAR holds another archive, ${quoteName(nested)}; archives inside a JAR are not accepted`);
    return { layout: 'jar' };
  }
  const kept = names.filter((n) => !isFinderJunk(n));
  const nested = kept.find((n) => NESTED_ARCHIVE.test(n));
  if (nested !== undefined) refuse(`The plugin ZIP holds another archive, ${quoteName(nested)}; only JAR files are accepted inside it`);
  const top = commonTopFolder(kept);
  const files = new Map(kept.map((n) => [n, n.slice(top.length)]));
  const jars = [...files.values()].filter((f) => JAR.test(f));
  if (jars.length === 0) refuse('The plugin ZIP holds no JAR file');
  const layout = jars.some((f) => f.startsWith('lib/')) ? 'hub' : 'flat';
  const misplaced = [...files].find(([, f]) => JAR.test(f) && (layout === 'hub' ? !/^lib\/[^/]+$/.test(f) : f.includes('/')));
  if (misplaced) {
    const where = layout === 'hub' ? 'lib/' : 'one folder';
    refuse(`The plugin ZIP has a JAR outside ${where}, ${quoteName(misplaced[0])}; JARs inside other folders are not accepted`);
  }
  return { layout, files };
}

/** `name/` when every file sits under that one folder, else the empty string. */
function commonTopFolder(names: string[]): string {
  const firsts = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : '')));
  const [only] = firsts;
  return firsts.size === 1 && only !== undefined ? only : '';
}
