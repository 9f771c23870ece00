// Secrets reach Kafka Connect as placeholders, never as values (issue 10): a connector's secret
// values are files under `<home>/secrets/<connector id>/`, which our pools' config provider
// (Kafka's DirectoryConfigProvider, see supervisor/connect-pool.ts) reads when a task starts.
// Connect's config topic, its REST answers and its logs hold only `${cirrus:<dir>:<file>}`.
//
// A file is named by an HMAC of its value under a key of ours: a changed secret changes the
// placeholder, so the engine config differs and the reconciler updates the connector; an
// unchanged one does not; and the name says nothing about the value (a bare hash of a weak
// password could be brute-forced from Connect's config topic).
import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The name pools give the provider in `config.providers`. */
export const SECRETS_PROVIDER = 'cirrus';

/** The secrets of one engine config being built: placeholders out, files to write kept. */
export interface SecretRefs {
  /** What the engine config holds for this secret value. */
  ref(value: string): string;
}

export class EngineSecrets {
  /**
   * The file names last written per connector: the reconciler builds every engine config on
   * every pass, and unchanged secrets need no I/O (names are content-addressed).
   */
  private readonly written = new Map<string, string>();

  /** `dir` absent: no pool of ours can read files, so every secret goes inline (see `collect`). */
  constructor(private readonly dir: string | undefined, private readonly key: Buffer) {}

  /**
   * Collects the secrets of one connector's engine config. `inline` for an external Connect,
   * which cannot read our files: it gets the values, as any Connect client would send them.
   */
  collect(connectorId: string, inline: boolean): SecretRefs & { files: Map<string, string> } {
    const files = new Map<string, string>();
    const folder = this.dir && !inline ? this.folderOf(connectorId) : undefined;
    return {
      files,
      ref: (value) => {
        if (!folder || value === '') return value;
        const name = `s-${createHmac('sha256', this.key).update(value).digest('hex').slice(0, 32)}`;
        files.set(name, value);
        return `\${${SECRETS_PROVIDER}:${folder}:${name}}`;
      },
    };
  }

  /**
   * Writes the connector's secret files (owner-only), each once, and removes those its config
   * no longer names. Written before the engine config that names them is sent.
   */
  async write(connectorId: string, files: ReadonlyMap<string, string>): Promise<void> {
    if (!this.dir) return;
    const names = [...files.keys()].sort().join(',');
    if (this.written.get(connectorId) === names) return;
    const folder = this.folderOf(connectorId);
    if (files.size === 0) {
      await this.remove(connectorId);
      this.written.set(connectorId, names);
      return;
    }
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const present = new Set(await fs.readdir(folder));
    for (const [name, value] of files) {
      if (present.has(name)) continue;
      const temp = path.join(folder, `.${name}.tmp`);
      await fs.writeFile(temp, value, { mode: 0o600 });
      await fs.rename(temp, path.join(folder, name));
    }
    for (const name of present) if (!files.has(name)) await fs.rm(path.join(folder, name), { force: true });
    this.written.set(connectorId, names);
  }

  /** Removes a deleted connector's secrets. */
  async remove(connectorId: string): Promise<void> {
    this.written.delete(connectorId);
    if (this.dir) await fs.rm(this.folderOf(connectorId), { recursive: true, force: true });
  }

  private folderOf(connectorId: string): string {
    // Ids are ours (`lcc-…`); the check keeps a malformed one from naming another folder.
    if (!/^[a-z]+-[a-z0-9]+$/.test(connectorId)) throw new Error(`not a connector id: ${connectorId}`);
    return path.join(this.dir!, connectorId);
  }
}
