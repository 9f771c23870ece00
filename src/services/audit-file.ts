// The audit log's JSON-lines file (`<home>/logs/audit.log`), issue 7.10: rotated by size
// (audit.log → audit.log.1 … audit.log.<keepFiles>, the oldest dropped), and never a reason to
// stop Cirrus. A failed write (disk full, EACCES, the folder removed) is logged once, the lines
// are dropped (the audit table still has them), and the next write reopens the file, so writing
// resumes as soon as it can. Writes are queued, one at a time, and never reject.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

export interface AuditFileSettings {
  /** Rotate before a write would take the file past this size. */
  maxBytes: number;
  /** Rotated files kept: audit.log.1 (newest) … audit.log.<keepFiles>. */
  keepFiles: number;
}

export class AuditFile {
  private handle: fs.promises.FileHandle | null = null;
  /** dev:ino of the open file, to notice the path being removed, replaced or rotated by others. */
  private identity = '';
  private size = 0;
  private queue: Promise<void> = Promise.resolve();
  private dropped: number | null = null;
  private closed = false;

  constructor(readonly file: string, private readonly settings: AuditFileSettings, private readonly log: Logger) {}

  /** Creates the file now, so it is there to follow from the start; a failure is only logged. */
  open(): Promise<void> {
    this.queue = this.queue.then(() => this.ensureOpen().catch((err: NodeJS.ErrnoException) => this.failed(err, 0)));
    return this.queue;
  }

  /** Appends `lines` (each ending in a newline); resolves once written or dropped. */
  append(lines: string, count = 1): Promise<void> {
    this.queue = this.queue.then(() => this.write(lines, count));
    return this.queue;
  }

  close(): Promise<void> {
    this.queue = this.queue.then(async () => {
      this.closed = true;
      await this.closeHandle();
    });
    return this.queue;
  }

  private async write(lines: string, count: number): Promise<void> {
    if (this.closed) return;
    const bytes = Buffer.from(lines, 'utf8');
    try {
      await this.ensureOpen();
      if (this.size > 0 && this.size + bytes.length > this.settings.maxBytes) await this.rotate();
      let written = 0;
      while (written < bytes.length) written += (await this.handle!.write(bytes, written)).bytesWritten;
      this.size += bytes.length;
      this.writable();
    } catch (err) {
      this.failed(err as NodeJS.ErrnoException, count);
      await this.closeHandle();
    }
  }

  private async ensureOpen(): Promise<void> {
    if (this.handle) {
      const onDisk = await fs.promises.stat(this.file).catch(() => null);
      if (onDisk && `${onDisk.dev}:${onDisk.ino}` === this.identity) return;
      await this.closeHandle();
    }
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const handle = await fs.promises.open(this.file, 'a', 0o600);
    try {
      const stat = await handle.stat();
      this.identity = `${stat.dev}:${stat.ino}`;
      this.size = stat.size;
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
    this.handle = handle;
  }

  private async rotate(): Promise<void> {
    await this.closeHandle();
    for (let n = this.settings.keepFiles - 1; n >= 1; n--) await renameIfPresent(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    await renameIfPresent(this.file, `${this.file}.1`);
    await this.ensureOpen();
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.identity = '';
    await handle?.close().catch(() => undefined);
  }

  private failed(err: NodeJS.ErrnoException, count: number): void {
    if (this.dropped === null) {
      this.dropped = 0;
      this.log.error({ err: { code: err.code, message: err.message }, file: this.file },
        'cannot write the audit file; audit events go to the audit table only until it can be written again');
    }
    this.dropped += count;
  }

  private writable(): void {
    if (this.dropped === null) return;
    this.log.warn({ file: this.file, dropped: this.dropped }, 'the audit file is writable again; the events it missed are in the audit table');
    this.dropped = null;
  }
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await fs.promises.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
