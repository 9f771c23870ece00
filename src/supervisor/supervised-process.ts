// One child JVM under supervision: started in its own process group (so a terminal's Ctrl-C
// reaches only the control plane, which stops children in order), output to a log file,
// restarted with exponential backoff when it dies, stopped with SIGTERM then SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Logger } from 'pino';

import type { ComponentState } from '../engine/data-plane.ts';

export type ProcessState = ComponentState;

export interface ProcessSpec {
  name: string;
  command: string;
  /** A function when they depend on what `prepare` chose (a pool's metrics port). */
  args: string[] | (() => string[]);
  logFile: string;
  pidFile: string;
  /** Resolves true once the process serves requests. */
  probe: () => Promise<boolean>;
  /** Runs before every (re)start, e.g. formatting storage. */
  prepare?: () => Promise<void>;
}

export interface SupervisionPolicy {
  stopGraceMs: number;
  restartBackoffMs: number;
  restartBackoffMaxMs: number;
}

/** A process up this long is considered stable: the next crash starts the backoff afresh. */
const STABLE_AFTER_MS = 60_000;
/**
 * Probed often until it serves, then now and then: at once a second, a component was seen ready
 * up to a second late, and the pool (waiting on its broker) and then npm start's "ready" each
 * waited for that (issue 13). A probe is one TCP connect or one GET /health.
 */
const STARTING_PROBE_INTERVAL_MS = 100;
const PROBE_INTERVAL_MS = 1_000;

export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private failures = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private exited: Promise<void> = Promise.resolve();
  state: ProcessState = 'stopped';
  restarts = 0;
  /** Why the last start or run ended badly; cleared once the process is ready. */
  lastError: string | undefined;

  /**
   * `onReady`: told each time the probe passes after it did not (a start, a recovery), so that
   * what waits on this process (a pool on its broker) starts at once, not at its next look.
   */
  constructor(
    private readonly spec: ProcessSpec, private readonly policy: SupervisionPolicy, private readonly log: Logger,
    private readonly onReady: () => void = () => {},
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Starts the process; never throws. A start that fails (its `prepare`, or the spawn itself) is
   * retried with the same backoff as a crash, so a transient fault never leaves it down for good.
   */
  async start(): Promise<void> {
    this.stopping = false;
    clearTimeout(this.restartTimer);
    await this.spawnChild().catch((err) => this.retryLater((err as Error).message));
  }

  private async spawnChild(): Promise<void> {
    this.state = 'starting';
    await this.spec.prepare?.();
    if (this.stopping) {
      this.state = 'stopped';
      return;
    }
    const out = fs.openSync(this.spec.logFile, 'a');
    const args = typeof this.spec.args === 'function' ? this.spec.args() : this.spec.args;
    const child = spawn(this.spec.command, args, { stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    this.child = child;
    this.startedAt = Date.now();
    if (child.pid) fs.writeFileSync(this.spec.pidFile, String(child.pid));
    this.log.info({ process: this.spec.name, pid: child.pid }, 'process started');
    this.lastError = undefined;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.onExit(child, code, signal);
        resolve();
      });
      // A command that cannot be run (no java) gets no pid and may never emit 'exit'.
      child.once('error', (err) => {
        this.lastError = `cannot run ${this.spec.command}: ${err.message}`;
        this.log.error({ process: this.spec.name, err: err.message }, 'process could not start');
        if (child.pid === undefined) {
          this.onExit(child, null, null);
          resolve();
        }
      });
    });
    this.scheduleProbe();
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    clearTimeout(this.probeTimer);
    fs.rmSync(this.spec.pidFile, { force: true });
    if (this.stopping) {
      this.state = 'stopped';
      return;
    }
    if (Date.now() - this.startedAt > STABLE_AFTER_MS) this.failures = 0;
    this.retryLater(this.lastError ?? `exited (${signal ?? `code ${code}`}); see ${this.spec.logFile}`, { code, signal });
  }

  private retryLater(reason: string, detail: Record<string, unknown> = {}): void {
    if (this.stopping) {
      this.state = 'stopped';
      return;
    }
    const delay = Math.min(this.policy.restartBackoffMs * 2 ** this.failures, this.policy.restartBackoffMaxMs);
    this.failures += 1;
    this.restarts += 1;
    this.state = 'restarting';
    this.lastError = reason;
    this.log.warn({ process: this.spec.name, ...detail, reason, restartInMs: delay }, 'process down; restarting');
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.spawnChild().catch((err) => this.retryLater((err as Error).message));
    }, delay);
  }

  private scheduleProbe(): void {
    this.probeTimer = setTimeout(async () => {
      if (!this.child || this.stopping) return;
      const ok = await this.spec.probe().catch(() => false);
      if (!this.child || this.stopping) return;
      if (ok) {
        const was = this.state;
        this.state = 'ready';
        this.lastError = undefined;
        if (was !== 'ready') this.onReady();
      } else if (this.state === 'ready') {
        this.state = 'unhealthy';
      }
      this.scheduleProbe();
    }, this.state === 'ready' ? PROBE_INTERVAL_MS : STARTING_PROBE_INTERVAL_MS);
    this.probeTimer.unref();
  }

  /** Waits for the probe to pass; `cancelled` ends the wait early (e.g. a stop during start). */
  async waitReady(timeoutMs: number, cancelled: () => boolean = () => false): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.state !== 'ready' && !cancelled()) {
      if (Date.now() > deadline) {
        throw new Error(`${this.spec.name} was not ready within ${Math.round(timeoutMs / 1000)} s; see ${this.spec.logFile}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.probeTimer);
    const child = this.child;
    if (!child?.pid) {
      this.state = 'stopped';
      return;
    }
    signalGroup(child.pid, 'SIGTERM');
    const killer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), this.policy.stopGraceMs);
    await this.exited;
    clearTimeout(killer);
    this.log.info({ process: this.spec.name }, 'process stopped');
  }
}

/** The JVM argument that tags a process as belonging to one Cirrus home. */
export function homeMarker(home: string): string {
  return `-Dcirrus.home=${home}`;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Kills a process left behind by an earlier control plane that died without stopping it (its pid
 * file survived). Only a process whose command line carries our marker is touched.
 */
export async function killLeftover(pidFile: string, marker: string): Promise<boolean> {
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  fs.rmSync(pidFile, { force: true });
  let cmdline = '';
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false;
  }
  // Exact argument match: the home /srv/cirrus must not claim the JVMs of /srv/cirrus2.
  if (!cmdline.split('\0').includes(homeMarker(marker))) return false;
  signalGroup(pid, 'SIGKILL');
  for (let i = 0; i < 100 && fs.existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 50));
  return true;
}
