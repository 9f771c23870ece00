// From an upload to a runnable plugin archive: the upload is opened (checked, its bytes on local
// disk), the archive inspected (safe to unpack, holding the declared classes) and kept
// content-addressed, and the upload used up in the transaction that records the plugin. Archives
// are shared by content, so keeping one and removing an unreferenced one never interleave.
import type { ConnectorClassRef, ContentFormat } from '../core/plugin.ts';
import type { Upload, UploadScope } from '../core/upload.ts';
import { InvalidRequest, Unavailable } from '../core/errors.ts';
import type { Executor, Store } from '../store/database.ts';
import { archiveInUse } from '../store/plugins.ts';

export interface OpenedUpload {
  upload: Upload;
  /** The archive on local disk. */
  localPath: string;
  /** Gives the local copy back (S3); call it when done. */
  release(): Promise<void>;
}

/** What the plugin services need of the uploads (services/uploads.ts). */
export interface PluginUploads {
  /** Checks the upload may be used by `scope` (400/409 if not); writes nothing. */
  open(uploadId: string, scope: UploadScope): Promise<OpenedUpload>;
  /** Marks it used in the caller's transaction; exactly one of two racing plugins wins. */
  consume(uploadId: string, scope: UploadScope, tx?: Executor): Promise<Upload>;
  /** Removes a used upload's object (its archive is kept by sha256 now). */
  discard(uploadId: string): Promise<void>;
}

/** A kept archive: its name, and whether its pool may discover plugins by ServiceLoader alone. */
export interface KeptArchive {
  sha256: string;
  serviceManifests: boolean;
}

export interface ArchiveInspector {
  /** Checks the archive and keeps it by its sha256; refuses an unsafe one or one without the classes (400). */
  inspect(file: string, format: ContentFormat, declared: ConnectorClassRef[]): Promise<KeptArchive>;
  /** The folder a custom pool's plugin.path names: the unpacked archive, and nothing else. */
  pluginPath(sha256: string): string;
  /** Removes a kept archive. */
  remove(sha256: string): Promise<void>;
}

/**
 * Whether archives can be inspected: the JVM runtime is installed (`ready`), is being installed
 * on a first start (`starting`), or never will be (`absent`: CIRRUS_EMBEDDED=false).
 */
export type InspectorState = 'ready' | 'starting' | 'absent';

export class PluginArtifacts {
  /** Keeping and removing archives, one at a time (inspections are one at a time anyway). */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Store,
    private readonly uploads: PluginUploads,
    private readonly inspector: ArchiveInspector,
    private readonly state: () => InspectorState = () => 'ready',
  ) {}

  /** Ends every wait for the runtime (on stop). */
  stop(): void {
    this.stopped = true;
  }

  open(uploadId: string, scope: UploadScope): Promise<OpenedUpload> {
    return this.uploads.open(uploadId, scope);
  }

  consume(uploadId: string, scope: UploadScope, tx: Executor): Promise<Upload> {
    return this.uploads.consume(uploadId, scope, tx);
  }

  discard(uploadId: string): Promise<void> {
    return this.uploads.discard(uploadId);
  }

  /**
   * Inspects the opened upload's archive, keeps it, and runs `record` (which stores what names
   * the archive) before any removal may look at it. A refused archive or a failed record leaves
   * no unreferenced archive behind.
   */
  async keep<T>(opened: OpenedUpload, declared: ConnectorClassRef[], record: (kept: KeptArchive) => Promise<T>, waitMs: number): Promise<T> {
    await this.inspectable(waitMs);
    return this.exclusive(async () => {
      const kept = await this.inspector.inspect(opened.localPath, opened.upload.contentFormat, declared);
      try {
        return await record(kept);
      } catch (err) {
        await this.removeUnreferenced(kept.sha256);
        throw err;
      }
    });
  }

  /** Removes the archive once no plugin version names it. */
  forget(sha256: string | undefined): Promise<void> {
    return sha256 ? this.exclusive(() => this.removeUnreferenced(sha256)) : Promise.resolve();
  }

  pluginPath(sha256: string): string {
    return this.inspector.pluginPath(sha256);
  }

  /** A user may register a plugin in the first second, while Maven still installs the runtime. */
  private async inspectable(waitMs: number): Promise<void> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const state = this.state();
      if (state === 'ready') return;
      if (state === 'absent') throw new InvalidRequest('Custom plugins need Cirrus\'s own Kafka Connect to be inspected and run, and this installation runs none (CIRRUS_EMBEDDED=false)');
      if (this.stopped || Date.now() >= deadline) throw new Unavailable('Cirrus is still installing its Kafka Connect runtime; try again in a minute');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async removeUnreferenced(sha256: string): Promise<void> {
    if (!(await archiveInUse(this.db, sha256))) await this.inspector.remove(sha256);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
