// Turns an uploaded plugin archive into a stored, verified plugin (issue 9, "On registration
// Cirrus inspects the archive"): the archive rules of core/plugin-archive.ts on its central
// directory, extraction into a temp folder under the home, Kafka's own plugin scanner on the
// result, then an atomic rename to `<home>/plugins/<sha256>/`. A refusal leaves nothing behind.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { InvalidConfig } from '../core/errors.ts';
import { checkArchiveSize, checkEntries, planPluginFiles, type ArchiveFormat, type ArchiveLimits, type PluginFilesPlan } from '../core/plugin-archive.ts';
import {
  checkDeclaredConnectors, declaresEveryPlugin, parsePluginList, verifyDeclaredConnectors, type DeclaredConnector, type VerifiedConnector,
} from '../core/plugin-inspection.ts';
import { listPluginLocation, type PluginPathToolRun, type PluginPathToolSettings } from '../supervisor/connect-plugin-path.ts';
import { runtimePaths } from '../supervisor/jvm-runtime.ts';
import { openArchive, readRange, type OpenArchive } from './plugin-archive-zip.ts';
import type { ArchiveInspector } from './plugin-artifacts.ts';

export interface PluginArchiveSettings {
  home: string;
  limits: ArchiveLimits;
  tool: PluginPathToolSettings;
}

export interface PluginArchiveInput {
  /** The uploaded file; only read. */
  file: string;
  format: ArchiveFormat;
  /** What the registration declares: one class for connect/v1, 1–10 for a ccpm version. */
  connectors: DeclaredConnector[];
}

export interface StoredPluginArchive {
  /** Hex sha256 of the archive as uploaded. */
  sha256: string;
  /**
   * `<home>/plugins/<sha256>`: a `plugin.path` that holds this plugin only, as the one folder
   * `plugin/` (JARs at its top or in its `lib/`; a JAR upload is `plugin/plugin.jar`).
   */
  pluginDir: string;
  /** Bytes of the archive as uploaded. */
  size: number;
  /** The declared classes, in their order, as the scanner found them. */
  classes: VerifiedConnector[];
  /** Every plugin in it has a ServiceLoader manifest (core/plugin-inspection.ts). */
  serviceManifests: boolean;
}

/** What one scan of a plugin folder found. */
interface Inspection {
  classes: VerifiedConnector[];
  serviceManifests: boolean;
}

/** The folder inside `pluginDir` that is the plugin (one class loader in a worker). */
export const PLUGIN_FOLDER = 'plugin';

export function pluginArchiveDir(home: string, sha256: string): string {
  return path.join(home, 'plugins', sha256);
}

export function pluginArchiveSettings(config: Config): PluginArchiveSettings {
  const p = config.pluginArchive;
  return {
    home: config.home,
    limits: { maxArchiveBytes: p.maxArchiveBytes, maxUncompressedBytes: p.maxUncompressedBytes, maxCompressionRatio: p.maxCompressionRatio, maxEntries: p.maxEntries },
    tool: { java: config.java, classpath: runtimePaths(config.jvmDir).classpath, home: config.home, heap: p.inspectHeap, timeoutMs: p.inspectTimeoutMs },
  };
}

/** Lists the plugins in one plugin location; the real one runs Kafka's scanner in a JVM. */
export type PluginScanner = (location: string) => Promise<PluginPathToolRun>;

export interface PluginArchiveDeps {
  log?: Pick<Logger, 'info' | 'warn'>;
  /** Tests of the archive rules may answer for the JVM; by default it runs. */
  scan?: PluginScanner;
}

export class PluginArchiveService implements ArchiveInspector {
  /** One scanner JVM at a time: each takes a few hundred MiB, and registrations are rare. */
  private inspections: Promise<unknown> = Promise.resolve();
  private readonly log: PluginArchiveDeps['log'];
  private readonly scan: PluginScanner;

  constructor(private readonly settings: PluginArchiveSettings, deps: PluginArchiveDeps = {}) {
    this.log = deps.log;
    this.scan = deps.scan ?? ((location) => listPluginLocation(settings.tool, location));
  }

  /**
   * Checks, extracts, verifies and stores one archive. Refusals are InvalidRequest (the archive
   * itself or the declaration's shape) or InvalidConfig (the archive does not hold the declared
   * connectors); anything else is an internal failure. The same archive twice is stored once.
   */
  async store(input: PluginArchiveInput): Promise<StoredPluginArchive> {
    checkDeclaredConnectors(input.connectors);
    const fd = fs.openSync(input.file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      checkArchiveSize(size, this.settings.limits);
      const sha256 = await hashOf(fd, size);
      const pluginDir = pluginArchiveDir(this.settings.home, sha256);
      const archive = await openArchive(fd, size, this.settings.limits);
      try {
        checkEntries(archive.entries, this.settings.limits);
        const plan = planPluginFiles(input.format, archive.entries);
        const found = fs.existsSync(pluginDir)
          ? await this.scanOneAtATime(path.join(pluginDir, PLUGIN_FOLDER), input.connectors)
          : await this.extractAndInspect({ fd, size, archive, plan, pluginDir, connectors: input.connectors });
        return { sha256, pluginDir, size, ...found };
      } finally {
        archive.close();
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The plugin services' port (services/plugin-artifacts.ts). */
  async inspect(file: string, format: ArchiveFormat, declared: DeclaredConnector[]): Promise<{ sha256: string; serviceManifests: boolean }> {
    const { sha256, serviceManifests } = await this.store({ file, format, connectors: declared });
    return { sha256, serviceManifests };
  }

  pluginPath(sha256: string): string {
    return pluginArchiveDir(this.settings.home, sha256);
  }

  async remove(sha256: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not an archive sha256: ${sha256}`);
    await fs.promises.rm(this.pluginPath(sha256), { recursive: true, force: true });
  }

  private async extractAndInspect(job: ExtractJob): Promise<Inspection> {
    const tmpRoot = path.join(this.settings.home, 'tmp');
    fs.mkdirSync(tmpRoot, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(tmpRoot, 'plugin-'));
    try {
      const folder = path.join(tmp, PLUGIN_FOLDER);
      fs.mkdirSync(folder);
      if (job.plan.layout === 'jar') await copyWhole(job.fd, job.size, path.join(folder, 'plugin.jar'));
      else await job.archive.extract(job.plan.files, folder, this.settings.limits.maxUncompressedBytes);
      const found = await this.scanOneAtATime(folder, job.connectors);
      publish(tmp, job.pluginDir);
      return found;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  private scanOneAtATime(location: string, connectors: DeclaredConnector[]): Promise<Inspection> {
    const next = this.inspections.then(() => this.runInspection(location, connectors));
    this.inspections = next.catch(() => undefined);
    return next;
  }

  private async runInspection(location: string, connectors: DeclaredConnector[]): Promise<Inspection> {
    const { tool } = this.settings;
    const run = await this.scan(location);
    if (run.timedOut) {
      this.log?.warn({ location, elapsedMs: run.elapsedMs, stderr: run.stderrTail }, 'plugin inspection timed out');
      throw new InvalidConfig(`Inspecting the plugin took longer than ${Math.round(tool.timeoutMs / 1000)} s; a class in it may never finish loading`);
    }
    if (run.code !== 0) {
      throw new Error(`ConnectPluginPath exited with code ${run.code} on ${location}: ${run.stderrTail.trim().split('\n').slice(-5).join(' | ')}`);
    }
    const rows = parsePluginList(run.stdout);
    this.log?.info({ location, elapsedMs: run.elapsedMs, plugins: rows.length }, 'plugin inspected');
    return { classes: verifyDeclaredConnectors(connectors, rows), serviceManifests: declaresEveryPlugin(rows) };
  }
}

interface ExtractJob {
  fd: number;
  size: number;
  archive: OpenArchive;
  plan: PluginFilesPlan;
  pluginDir: string;
  connectors: DeclaredConnector[];
}

async function hashOf(fd: number, size: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of readRange(fd, 0, size)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function copyWhole(fd: number, size: number, target: string): Promise<void> {
  await pipeline(readRange(fd, 0, size), fs.createWriteStream(target, { flags: 'wx', mode: 0o644 }));
}

/**
 * Renames the checked folder into place. The rename is atomic, so a plugin folder is either
 * complete or absent; losing a race to the same archive (ENOTEMPTY/EEXIST) means it is there.
 */
function publish(tmp: string, pluginDir: string): void {
  fs.mkdirSync(path.dirname(pluginDir), { recursive: true });
  try {
    fs.renameSync(tmp, pluginDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
  }
}
