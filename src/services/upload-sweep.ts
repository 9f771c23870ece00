// Removes uploads no plugin used a day after they were granted: their objects, then their rows;
// and objects under `uploads/` that no row names (a crash between the two, a row swept while a
// client still wrote to S3). Runs at start and hourly, on an unref'd timer stopped on close.
import type { Logger } from 'pino';
import { UNUSED_UPLOAD_TTL_MS, uploadIdOfKey } from '../core/upload.ts';
import type { ObjectStore } from '../objects/object-store.ts';
import type { Store } from '../store/database.ts';
import * as repo from '../store/uploads.ts';

export interface SweepResult {
  uploads: number;
  orphanObjects: number;
}

export interface UploadSweepDeps {
  db: Store;
  store: ObjectStore;
  now: () => Date;
  logger: Logger;
  intervalMs?: number;
}

const BATCH = 100;

export class UploadSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult> | undefined;

  constructor(private readonly deps: UploadSweepDeps) {}

  start(): void {
    if (this.timer) return;
    const pass = () => void this.sweep().catch((err) => this.deps.logger.warn({ err }, 'sweeping unused uploads failed; next pass in an hour'));
    this.timer = setInterval(pass, this.deps.intervalMs ?? 60 * 60 * 1000);
    this.timer.unref();
    setImmediate(pass);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass; concurrent callers share it. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<SweepResult> {
    const cutoff = new Date(this.deps.now().getTime() - UNUSED_UPLOAD_TTL_MS);
    const result = { uploads: 0, orphanObjects: 0 };
    for (;;) {
      const unused = await repo.unusedUploadsBefore(this.deps.db, cutoff.toISOString(), BATCH);
      for (const upload of unused) {
        // Object first: a row without its object is harmless, an object without its row is found below.
        await this.deps.store.delete(upload.objectKey);
        await repo.deleteUnusedUpload(this.deps.db, upload.id);
        result.uploads++;
      }
      if (unused.length < BATCH) break;
    }
    for await (const object of this.deps.store.list('uploads/')) {
      if (object.lastModified.getTime() >= cutoff.getTime()) continue;
      const id = uploadIdOfKey(object.key);
      if (id !== undefined && (await repo.findUpload(this.deps.db, id))) continue;
      await this.deps.store.delete(object.key);
      result.orphanObjects++;
    }
    if (result.uploads + result.orphanObjects > 0) this.deps.logger.info(result, 'swept unused uploads');
    return result;
  }
}
