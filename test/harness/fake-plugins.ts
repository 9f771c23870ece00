// The archive inspector of fast API tests (C19): keeps any file by its sha256 without a JVM, and
// can be told to refuse or to wait. The real checks (services/plugin-archive.ts) are proven
// against Kafka's own scanner in test/integration/plugin-archive.test.ts.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InvalidRequest } from '../../src/core/errors.ts';
import type { ConnectorClassRef, ContentFormat } from '../../src/core/plugin.ts';
import type { ArchiveInspector, KeptArchive } from '../../src/services/plugin-artifacts.ts';

export class FakeArchiveInspector implements ArchiveInspector {
  /** When set, every inspection is refused with this message (an unsafe archive). */
  refuse: string | undefined;
  /** When set, inspections wait for it (to see PROCESSING). */
  gate: Promise<void> | undefined;
  readonly inspected: { sha256: string; declared: ConnectorClassRef[] }[] = [];

  constructor(private readonly home: string) {}

  async inspect(file: string, _format: ContentFormat, declared: ConnectorClassRef[]): Promise<KeptArchive> {
    await this.gate;
    if (this.refuse) throw new InvalidRequest(this.refuse);
    const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    fs.mkdirSync(this.pluginPath(sha256), { recursive: true });
    fs.copyFileSync(file, path.join(this.pluginPath(sha256), 'plugin'));
    this.inspected.push({ sha256, declared });
    return { sha256, serviceManifests: true };
  }

  pluginPath(sha256: string): string {
    return path.join(this.home, 'plugins', sha256);
  }

  async remove(sha256: string): Promise<void> {
    fs.rmSync(this.pluginPath(sha256), { recursive: true, force: true });
  }
}
