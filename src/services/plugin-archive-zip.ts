// Reading an uploaded plugin archive with yauzl: the central directory first (names kept raw
// and decoded strictly, so core's rules see exactly what the archive says, backslashes
// included), then, only for entries the rules kept, their data streamed to disk.
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { InvalidRequest } from '../core/errors.ts';
import { checkEntryCount, quoteName, type ArchiveEntry, type ArchiveLimits } from '../core/plugin-archive.ts';

export interface OpenArchive {
  entries: ArchiveEntry[];
  /** Writes each entry of `files` (entry name → path under `into`); stops past `maxBytes` in all. */
  extract(files: Map<string, string>, into: string, maxBytes: number): Promise<void>;
  close(): void;
}

function notAnArchive(err: unknown): InvalidRequest {
  return new InvalidRequest(`The plugin archive is not a readable ZIP or JAR file: ${(err as Error).message}`);
}

/**
 * Reads through a descriptor the caller owns and closes (yauzl's own fd reader closes it), so
 * the bytes hashed, checked and extracted are those of one open file, whatever happens to its path.
 */
class FdReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return readRange(this.fd, start, end);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    fs.read(this.fd, buffer, offset, length, position, (err, bytesRead) => {
      callback(err ?? (bytesRead < length ? new Error('unexpected end of file') : null));
    });
  }
}

/**
 * Bytes [start, end) of an open file. Not fs.createReadStream: destroying that closes the
 * descriptor even with autoClose off, and yauzl destroys its streams.
 */
export function readRange(fd: number, start: number, end: number): Readable {
  let position = start;
  return new Readable({
    read(size) {
      const length = Math.min(size, end - position);
      if (length <= 0) {
        this.push(null);
        return;
      }
      const buffer = Buffer.allocUnsafe(length);
      fs.read(fd, buffer, 0, length, position, (err, bytesRead) => {
        if (err) return this.destroy(err);
        if (bytesRead === 0) return this.destroy(new Error('unexpected end of file'));
        position += bytesRead;
        this.push(buffer.subarray(0, bytesRead));
      });
    },
  });
}

/** Opens the archive and reads its central directory; the entry count is checked before. */
export async function openArchive(fd: number, size: number, limits: ArchiveLimits): Promise<OpenArchive> {
  const zip = await yauzl.fromRandomAccessReaderPromise(new FdReader(fd), size, {
    lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true,
  }).catch((err: unknown) => { throw notAnArchive(err); });
  try {
    checkEntryCount(zip.entryCount, limits);
    const raw = new Map<string, yauzl.Entry>();
    const entries: ArchiveEntry[] = [];
    for await (const entry of zip.eachEntry()) {
      const name = decodeName(entry);
      entries.push(toArchiveEntry(entry, name));
      raw.set(name, entry);
    }
    return { entries, extract: (files, into, maxBytes) => extract(zip, raw, files, into, maxBytes), close: () => zip.close() };
  } catch (err) {
    zip.close();
    throw err instanceof InvalidRequest ? err : notAnArchive(err);
  }
}

function decodeName(entry: yauzl.Entry): string {
  // decodeStrings: false leaves the raw bytes; strict decoding keeps backslashes for core to refuse.
  const rawName = entry.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, rawName, entry.extraFields, true);
}

function toArchiveEntry(entry: yauzl.Entry, name: string): ArchiveEntry {
  return {
    name,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    flags: entry.generalPurposeBitFlag,
    compressionMethod: entry.compressionMethod,
    externalAttributes: entry.externalFileAttributes,
    localHeaderOffset: entry.relativeOffsetOfLocalHeader,
  };
}

async function extract(zip: yauzl.ZipFile, raw: Map<string, yauzl.Entry>, files: Map<string, string>, into: string, maxBytes: number): Promise<void> {
  const root = path.resolve(into);
  let written = 0;
  for (const [name, relative] of files) {
    const target = path.resolve(root, relative);
    // Core already refused every name that could leave the folder; this only guards a future slip.
    if (!target.startsWith(root + path.sep)) throw new Error(`archive entry ${quoteName(name)} would leave ${root}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        done(written > maxBytes ? new InvalidRequest(`The plugin archive expands to more than ${maxBytes} bytes`) : null, chunk);
      },
    });
    try {
      const data = await zip.openReadStreamPromise(raw.get(name)!);
      await pipeline(data, counter, fs.createWriteStream(target, { flags: 'wx', mode: 0o644 }));
    } catch (err) {
      // A failed write (disk full, permissions) is ours; a failed read or inflate is the archive's.
      if (err instanceof InvalidRequest || (err as NodeJS.ErrnoException).syscall !== undefined) throw err;
      throw new InvalidRequest(`The plugin archive entry ${quoteName(name)} cannot be read: ${(err as Error).message}`);
    }
  }
}
