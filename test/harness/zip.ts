// ZIP archives for tests, written and read here so that a test controls every byte: plugin
// archives, and hostile ones (entries that escape the folder, symlinks, lying sizes, shared
// bodies) for the archive checks. Deterministic: a fixed timestamp, so the same files give the
// same sha256.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, written as given (so '../x' and '/x' are possible). */
  name: string;
  /** File contents; a symlink's target; none for a folder (a name ending in '/'). */
  data?: Buffer | string;
  /** Unix mode with its file-type bits: 0o100644 (file, default), 0o040755 (folder), 0o120777 (symlink). */
  mode?: number;
  /** 'deflate' (default for files) or 'store'. */
  method?: 'deflate' | 'store';
  /** Extra general purpose flag bits, e.g. 0x1 (encrypted, which it is not). */
  flags?: number;
  /** Points the central record at an earlier entry's local header (a crafted, overlapping ZIP). */
  sameBodyAs?: string;
  /** An uncompressed size to claim instead of the true one (a bomb that lies). */
  declaredSize?: number;
}

export interface ZipEntryRead {
  name: string;
  mode: number;
  data: Buffer;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01, the first date a ZIP can hold
const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;

/** What the central directory says of one entry. */
interface Written {
  entry: ZipEntry;
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
  method: number;
  flags: number;
}

/**
 * The archive's bytes (no ZIP64: entries and archive under 4 GiB). It writes whatever it is told,
 * including what a zip tool never would (`../` names, symlink modes, an encryption flag without
 * encryption, entries sharing one body, lying sizes), so archive checks meet real bytes.
 */
export function zipBuffer(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const earlier = entry.sameBodyAs === undefined ? undefined : written.find((w) => w.entry.name === entry.sameBodyAs);
    if (earlier) {
      written.push({ ...earlier, entry, name: Buffer.from(entry.name, 'utf8') });
      continue;
    }
    const local = localEntry(entry, offset);
    parts.push(local.bytes);
    written.push(local.written);
    offset += local.bytes.length;
  }
  const directory = Buffer.concat(written.map(centralRecord));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

function localEntry(entry: ZipEntry, offset: number): { bytes: Buffer; written: Written } {
  const name = Buffer.from(entry.name, 'utf8');
  const raw = Buffer.from(entry.data ?? '');
  const method = entry.name.endsWith('/') || entry.method === 'store' ? 0 : 8;
  const body = method === 8 ? zlib.deflateRawSync(raw) : raw;
  const flags = UTF8_NAMES | (entry.flags ?? 0);
  const written = { entry, name, offset, crc: zlib.crc32(raw), compressed: body.length, size: entry.declaredSize ?? raw.length, method, flags };
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL, 0);
  writeCommon(header, 4, written);
  return { bytes: Buffer.concat([header, name, body]), written };
}

function centralRecord(w: Written): Buffer {
  const folder = w.entry.name.endsWith('/');
  const mode = w.entry.mode ?? (folder ? 0o040755 : 0o100644);
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL, 0);
  header.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below is read
  writeCommon(header, 6, w);
  header.writeUInt32LE((((mode & 0xffff) << 16) | (folder ? 0x10 : 0)) >>> 0, 38);
  header.writeUInt32LE(w.offset, 42);
  return Buffer.concat([header, w.name]);
}

// The fields a local and a central header share, from "version needed" to the name's length.
function writeCommon(b: Buffer, at: number, w: Written): void {
  b.writeUInt16LE(20, at);
  b.writeUInt16LE(w.flags, at + 2);
  b.writeUInt16LE(w.method, at + 4);
  b.writeUInt16LE(DOS_TIME, at + 6);
  b.writeUInt16LE(DOS_DATE, at + 8);
  b.writeUInt32LE(w.crc, at + 10);
  b.writeUInt32LE(w.compressed, at + 14);
  b.writeUInt32LE(w.size, at + 18);
  b.writeUInt16LE(w.name.length, at + 22);
}

/** Writes the archive to `file` (through a temporary name, so a reader never sees half of it). */
export function writeZip(file: string, entries: ZipEntry[]): string {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, zipBuffer(entries));
  fs.renameSync(partial, file);
  return file;
}

/** Every entry of an archive, by its central directory. */
export function readZip(zip: string | Buffer): ZipEntryRead[] {
  const b = typeof zip === 'string' ? fs.readFileSync(zip) : zip;
  let end = b.length - 22;
  while (end >= 0 && b.readUInt32LE(end) !== END) end--;
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const entries: ZipEntryRead[] = [];
  for (let i = 0; i < count; i++) {
    if (b.readUInt32LE(at) !== CENTRAL) throw new Error(`bad central directory entry ${i}`);
    const method = b.readUInt16LE(at + 10);
    const compressed = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const skip = nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    const local = b.readUInt32LE(at + 42);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const body = b.subarray(start, start + compressed);
    entries.push({ name, mode: b.readUInt32LE(at + 38) >>> 16, data: method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body) });
    at += 46 + skip;
  }
  return entries;
}

/**
 * Unpacks an archive into `dir` (test plumbing for archives the tests made: it refuses entries
 * that would land outside `dir` and symlinks, and checks nothing else). Returns the files written.
 */
export function extractZip(zip: string | Buffer, dir: string): string[] {
  const written: string[] = [];
  for (const entry of readZip(zip)) {
    const target = path.resolve(dir, entry.name);
    if (path.isAbsolute(entry.name) || !target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`entry ${entry.name} escapes ${dir}`);
    if ((entry.mode & S_IFMT) === S_IFLNK) throw new Error(`entry ${entry.name} is a symlink`);
    if (entry.name.endsWith('/') || (entry.mode & S_IFMT) === S_IFDIR) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.data);
    written.push(target);
  }
  return written;
}
