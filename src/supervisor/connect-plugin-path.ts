// Kafka's own plugin scanner, `org.apache.kafka.tools.ConnectPluginPath list`, run in a
// short-lived JVM of the pinned runtime: it finds a plugin's classes exactly as a worker would,
// without starting one. The plugin's code runs while it is scanned (constructors, static
// initialisers), so the JVM gets a small heap, a deadline, and is killed, group and all, past it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { jvmOptions, writeToolLog4j2Config } from './jvm-files.ts';

export interface PluginPathToolSettings {
  java: string;
  /** The pinned runtime's classpath (runtimePaths), which holds kafka-tools. */
  classpath: string;
  /** The Cirrus home: its marker tags the JVM, its config/ holds the tool's log4j2 file. */
  home: string;
  heap: string;
  timeoutMs: number;
}

export interface PluginPathToolRun {
  /** Exit code; null when killed. */
  code: number | null;
  timedOut: boolean;
  stdout: string;
  /** The last few KiB, for the log of a failed run. */
  stderrTail: string;
  elapsedMs: number;
}

const MAX_STDOUT_BYTES = 16 * 1024 * 1024;
const STDERR_TAIL_BYTES = 8 * 1024;

/** Lists the plugins found in one plugin location (a folder of JARs, or a JAR). Never rejects on exit codes. */
export function listPluginLocation(settings: PluginPathToolSettings, location: string): Promise<PluginPathToolRun> {
  const log4j = path.join(settings.home, 'config', 'log4j2-tools.properties');
  fs.mkdirSync(path.dirname(log4j), { recursive: true });
  writeToolLog4j2Config(log4j);
  const args = [
    ...jvmOptions(settings.heap, log4j, settings.home),
    // Only the C1 compiler: a JVM that lives a few seconds never repays C2's compile time.
    '-XX:TieredStopAtLevel=1',
    '-cp', settings.classpath, 'org.apache.kafka.tools.ConnectPluginPath', 'list', '--plugin-location', location,
  ];
  return run(settings.java, args, settings.timeoutMs);
}

function run(java: string, args: string[], timeoutMs: number): Promise<PluginPathToolRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Its own process group, so a kill also reaches anything the plugin's code started.
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = Buffer.alloc(0);
    let timedOut = false;
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_STDOUT_BYTES) kill();
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = Buffer.concat([stderrTail, chunk]).subarray(-STDERR_TAIL_BYTES);
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${java}: ${err.message}`));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      kill(); // whatever the plugin's code left running in the group
      resolve({ code, timedOut, stdout: Buffer.concat(stdout).toString('utf8'), stderrTail: stderrTail.toString('utf8'), elapsedMs: Date.now() - started });
    });
  });
}
