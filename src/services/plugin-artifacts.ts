// From an upload to a runnable plugin archive: the upload is taken (usable once), the archive
// inspected (safe to unpack, holding the declared classes), and kept content-addressed. The
// plugin services see only this; the upload target and the inspection live behind two ports.
import type { ConnectorClassRef, ContentFormat, PluginApi } from '../core/plugin.ts';

/** Who may use an upload: the organization, and for ccpm/v1 the environment it was asked for. */
export interface UploadScope {
  api: PluginApi;
  organizationId: string;
  environmentId?: string;
}

export interface TakenUpload {
  contentFormat: ContentFormat;
  /** A local file holding the archive (the upload target's, or a copy read from S3). */
  file: string;
  /** Gives the file back when the archive is kept or refused (removes a temporary copy). */
  release(): Promise<void>;
}

export interface PluginUploads {
  /** The finished upload of this scope, now marked used; refuses unknown, unfinished or used ones (400). */
  take(uploadId: string, scope: UploadScope): Promise<TakenUpload>;
}

export interface ArchiveInspector {
  /** Checks the archive and keeps it by its sha256; refuses an unsafe one or one without the classes (400). */
  inspect(file: string, format: ContentFormat, declared: ConnectorClassRef[]): Promise<{ sha256: string }>;
  /** The folder a custom pool's plugin.path names: the unpacked archive, and nothing else. */
  pluginPath(sha256: string): string;
  /** Removes a kept archive that no plugin version names any more. */
  remove(sha256: string): Promise<void>;
}

export class PluginArtifacts {
  constructor(private readonly uploads: PluginUploads, private readonly inspector: ArchiveInspector) {}

  /** The archive of an upload, inspected and kept: its sha256 and format. */
  async fromUpload(uploadId: string, scope: UploadScope, declared: ConnectorClassRef[]): Promise<{ sha256: string; contentFormat: ContentFormat }> {
    return this.keep(await this.take(uploadId, scope), declared);
  }

  /** Takes the upload now (a bad id is refused at once); `keep` inspects it later. */
  take(uploadId: string, scope: UploadScope): Promise<TakenUpload> {
    return this.uploads.take(uploadId, scope);
  }

  /** Inspects a taken upload and keeps its archive; the upload's file is given back either way. */
  async keep(upload: TakenUpload, declared: ConnectorClassRef[]): Promise<{ sha256: string; contentFormat: ContentFormat }> {
    try {
      const { sha256 } = await this.inspector.inspect(upload.file, upload.contentFormat, declared);
      return { sha256, contentFormat: upload.contentFormat };
    } finally {
      await upload.release();
    }
  }

  pluginPath(sha256: string): string {
    return this.inspector.pluginPath(sha256);
  }

  remove(sha256: string): Promise<void> {
    return this.inspector.remove(sha256);
  }
}
