// A small ZIP writer for tests: it writes whatever it is told, including what a zip tool never
// would (names with `../` or backslashes, symlink modes, an encryption flag without encryption,
// entries sharing one body), so the archive rules meet real bytes, not mocks.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  data?: Buffer | string;
  /** 8 (deflate, the default for files) or 0 (stored). */
  method?: 0 | 8;
  /** Extra general purpose flag bits, e.g. 0x1 (encrypted). */
  flags?: number;
  /** Unix mode, written into the high 16 bits of the external attributes (made by Unix). */
  mode?: number;
  /** Points the central record at an earlier entry's local header (a crafted, overlapping zip). */
  sameBodyAs?: string;
  /** An uncompressed size to claim instead of the true one (a bomb that lies). */
  declaredSize?: number;
}

interface Written {
  spec: ZipEntrySpec;
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
  method: number;
  flags: number;
}

export function buildZip(specs: ZipEntrySpec[]): Buffer {
  const parts: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const spec of specs) {
    const earlier = spec.sameBodyAs === undefined ? undefined : written.find((w) => w.spec.name === spec.sameBodyAs);
    if (earlier) {
      written.push({ ...earlier, spec, name: Buffer.from(spec.name, 'utf8') });
      continue;
    }
    const local = localEntry(spec, offset);
    parts.push(local.bytes);
    written.push(local.written);
    offset += local.bytes.length;
  }
  const central = Buffer.concat(written.map(centralRecord));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, central, end]);
}

function localEntry(spec: ZipEntrySpec, offset: number): { bytes: Buffer; written: Written } {
  const name = Buffer.from(spec.name, 'utf8');
  const data = typeof spec.data === 'string' ? Buffer.from(spec.data) : spec.data ?? Buffer.alloc(0);
  const directory = spec.name.endsWith('/');
  const method = directory ? 0 : spec.method ?? 8;
  const body = method === 8 ? deflateRawSync(data) : data;
  const flags = 0x800 | (spec.flags ?? 0);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(method, 8);
  header.writeUInt16LE(0x21, 12); // 1980-01-01
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(body.length, 18);
  const size = spec.declaredSize ?? data.length;
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  const written = { spec, name, offset, crc: crc32(data), compressed: body.length, size, method, flags };
  return { bytes: Buffer.concat([header, name, body]), written };
}

function centralRecord(w: Written): Buffer {
  const record = Buffer.alloc(46);
  const directory = w.spec.name.endsWith('/');
  const mode = w.spec.mode ?? (directory ? 0o040755 : 0o100644);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits mean what they say
  record.writeUInt16LE(20, 6);
  record.writeUInt16LE(w.flags, 8);
  record.writeUInt16LE(w.method, 10);
  record.writeUInt16LE(0x21, 14);
  record.writeUInt32LE(w.crc, 16);
  record.writeUInt32LE(w.compressed, 20);
  record.writeUInt32LE(w.size, 24);
  record.writeUInt16LE(w.name.length, 28);
  record.writeUInt32LE(((mode << 16) | (directory ? 0x10 : 0)) >>> 0, 38);
  record.writeUInt32LE(w.offset, 42);
  return Buffer.concat([record, w.name]);
}
