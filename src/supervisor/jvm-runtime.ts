// The pinned JVM runtime (jvm/): built by Maven on first use, then reused. A fingerprint of the
// Maven sources decides whether the build is current, so installing is idempotent and cheap.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface JvmRuntime {
  /** The JVMs' classpath: every jar of the pinned runtime. */
  classpath: string;
  /** Connect's plugin.path: our connectors, one folder each. */
  pluginPath: string;
  /** The JMX exporter each pool loads with -javaagent (issue 12): metrics over loopback HTTP. */
  metricsAgent: string;
}

export function runtimePaths(jvmDir: string): JvmRuntime {
  const target = path.join(jvmDir, 'runtime', 'target');
  return {
    classpath: path.join(target, 'lib', '*'), pluginPath: path.join(target, 'plugins'),
    metricsAgent: path.join(target, 'agents', 'jmx_prometheus_javaagent.jar'),
  };
}

function sourceFingerprint(jvmDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'target' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(jvmDir, full)).update(fs.readFileSync(full));
    }
  };
  walk(jvmDir);
  return hash.digest('hex');
}

const markerFile = (jvmDir: string) => path.join(jvmDir, 'runtime', 'target', '.cirrus-build');

/** Whether the runtime is built from the current sources (ensureJvmRuntime would not run Maven). */
export function jvmRuntimeInstalled(jvmDir: string): boolean {
  const marker = markerFile(jvmDir);
  return fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === sourceFingerprint(jvmDir);
}

/**
 * Builds the runtime with Maven unless the build matches the sources. Maven's own download
 * lines are the progress a user sees on a first install. `signal`: a stop during the install
 * ends Maven too (it is a JVM, and must not outlive the control plane).
 */
export async function ensureJvmRuntime(jvmDir: string, say: (line: string) => void = console.log, signal?: AbortSignal): Promise<JvmRuntime> {
  const paths = runtimePaths(jvmDir);
  if (jvmRuntimeInstalled(jvmDir)) return paths;
  const fingerprint = sourceFingerprint(jvmDir);

  say('Installing the JVM runtime (Apache Kafka, Kafka Connect, our connectors) with Maven...');
  // Maven copies jars in and never out: a jar a new POM dropped (or moved to a plugin folder)
  // must not stay on the framework classpath of an older build.
  for (const dir of [path.dirname(paths.classpath), paths.pluginPath, path.dirname(paths.metricsAgent)]) fs.rmSync(dir, { recursive: true, force: true });
  await run('mvn', ['-B', '-f', path.join(jvmDir, 'pom.xml'), 'package', '-DskipTests'], say, signal);
  fs.writeFileSync(markerFile(jvmDir), fingerprint);
  say('JVM runtime installed.');
  return paths;
}

function run(command: string, args: string[], say: (line: string) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error(`${command} not started: stopping`));
    // With a signal (npm start), a process group of its own, as the supervised JVMs: the stop
    // ends Maven and what it forked. Without one (scripts, the tests' set-up), Maven stays in the
    // caller's group, where a terminal's Ctrl-C reaches it.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: signal !== undefined });
    const abort = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    signal?.addEventListener('abort', abort, { once: true });
    child.once('exit', () => signal?.removeEventListener('abort', abort));
    let tail: string[] = [];
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        tail = [...tail.slice(-40), line];
        // Downloads and module boundaries are progress; the rest is kept for a failure report.
        if (/Download(ed|ing)|Building |BUILD/.test(line)) say(`  [maven] ${line.replace(/\u001b\[[0-9;]*m/g, '')}`);
      }
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', (err) => reject(new Error(`cannot run ${command}: ${err.message} (is Maven installed?)`)));
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed with exit code ${code}:\n${tail.join('\n')}`));
    });
  });
}
