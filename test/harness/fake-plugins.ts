// Stand-ins for the two plugin ports (services/plugin-artifacts.ts) in fast API tests (C19):
// uploads a test hands in directly, and an inspector that keeps any file by its sha256. The
// real upload target and archive checks are proven in their own integration tests.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InvalidRequest } from '../../src/core/errors.ts';
import type { ConnectorClassRef, ContentFormat } from '../../src/core/plugin.ts';
import type { ArchiveInspector, PluginUploads, TakenUpload, UploadScope } from '../../src/services/plugin-artifacts.ts';

interface Upload {
  scope: UploadScope;
  file: string;
  contentFormat: ContentFormat;
}

export class FakePluginUploads implements PluginUploads {
  private readonly uploads = new Map<string, Upload>();

  /** A finished upload of `bytes`, usable once by that scope. */
  add(uploadId: string, scope: UploadScope, bytes: Buffer | string, contentFormat: ContentFormat = 'ZIP'): string {
    const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'fake-upload-')), 'plugin');
    fs.writeFileSync(file, bytes);
    this.uploads.set(uploadId, { scope, file, contentFormat });
    return uploadId;
  }

  async take(uploadId: string, scope: UploadScope): Promise<TakenUpload> {
    const upload = this.uploads.get(uploadId);
    const same = upload && upload.scope.api === scope.api && upload.scope.organizationId === scope.organizationId && upload.scope.environmentId === scope.environmentId;
    if (!upload || !same) throw new InvalidRequest(`upload ${uploadId} is unknown, unfinished or already used`, '/upload_source/upload_id');
    this.uploads.delete(uploadId);
    return { contentFormat: upload.contentFormat, file: upload.file, release: async () => fs.rmSync(path.dirname(upload.file), { recursive: true, force: true }) };
  }
}

export class FakeArchiveInspector implements ArchiveInspector {
  /** When set, every inspection is refused with this message (an unsafe archive). */
  refuse: string | undefined;
  /** When set, inspections wait for it (to see PROCESSING). */
  gate: Promise<void> | undefined;
  readonly inspected: { sha256: string; declared: ConnectorClassRef[] }[] = [];

  constructor(private readonly home: string) {}

  async inspect(file: string, _format: ContentFormat, declared: ConnectorClassRef[]): Promise<{ sha256: string }> {
    await this.gate;
    if (this.refuse) throw new InvalidRequest(this.refuse);
    const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    fs.mkdirSync(this.pluginPath(sha256), { recursive: true });
    fs.copyFileSync(file, path.join(this.pluginPath(sha256), 'plugin'));
    this.inspected.push({ sha256, declared });
    return { sha256 };
  }

  pluginPath(sha256: string): string {
    return path.join(this.home, 'plugins', sha256);
  }

  async remove(sha256: string): Promise<void> {
    fs.rmSync(this.pluginPath(sha256), { recursive: true, force: true });
  }
}
