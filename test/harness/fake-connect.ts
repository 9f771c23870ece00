// An in-memory Kafka Connect behind the ConnectClient interface (C15, C19): unit tests of the
// reconciler and fast API tests drive it instead of subclassing the REST client. One set of
// connectors per base URL, answering as Kafka Connect 4.1's REST API does:
// - POST /connectors creates the connector in its `initial_state` (KIP-980); a taken name is 409
//   "Connector <name> already exists", a config without `connector.class` or naming another
//   connector is 400. Connect keeps `name` in the stored config.
// - PUT …/config replaces the config and keeps the target state (a new name is created RUNNING).
// - PUT …/pause, …/resume, …/stop set the target state; a STOPPED connector has no tasks
//   (KIP-875); an unknown name is 404.
// - PATCH and DELETE …/offsets are 400 unless the connector is STOPPED, 404 when unknown
//   (KIP-875); PATCH merges by partition, DELETE empties them; GET …/offsets lists them.
// - DELETE of an unknown name is 404, which the REST client takes as done (it is gone).
// Errors read as RestConnectClient's. State changes are immediate; set `reportedState` to show a
// transition Connect is still making (UNASSIGNED, RESTARTING). Every write is recorded with what
// Connect answered; knobs make a pool unreachable, fail calls, or fail a connector's tasks.
import { ConnectError, type ConnectClient, type EngineConnector, type EngineOffset, type EngineStatus, type RestartOptions } from '../../src/engine/connect-client.ts';

export type TargetState = 'RUNNING' | 'PAUSED' | 'STOPPED';
export type WriteOp = 'create' | 'putConfig' | 'alterOffsets' | 'resetOffsets' | 'stop' | 'pause' | 'resume' | 'delete' | 'restart';
export type ConnectOp = 'list' | 'readOffsets' | WriteOp;

export interface FakeConnector {
  /** As Connect stores it: the config sent, with `name`. */
  config: Record<string, string>;
  state: TargetState;
  /** The offsets as written (PATCH merges by partition, DELETE empties); undefined while none were. */
  offsets: unknown[] | undefined;
  /** Reported instead of `state` by connector and tasks, e.g. UNASSIGNED during a rebalance. */
  reportedState?: string;
}

export interface FakeWrite {
  op: WriteOp;
  url: string;
  name: string;
  /** What Kafka Connect answered: 2xx, 4xx, 5xx, or 0 when the pool could not be reached. */
  status: number;
  initialState?: TargetState;
  config?: Record<string, string>;
  offsets?: unknown[];
}

export interface Fault {
  op: ConnectOp;
  /** 0: the pool cannot be reached; otherwise the HTTP status Kafka Connect answers. */
  status: number;
  message?: string;
  /** Only calls to this pool, or about this connector. */
  url?: string;
  name?: string;
  /** How many matching calls fail; all of them, until clearFaults(), when absent. */
  times?: number;
}

const METHOD: Record<ConnectOp, string> = {
  list: 'GET', readOffsets: 'GET', create: 'POST', putConfig: 'PUT', alterOffsets: 'PATCH', resetOffsets: 'DELETE', stop: 'PUT', pause: 'PUT', resume: 'PUT', delete: 'DELETE', restart: 'POST',
};

function pathOf(op: ConnectOp, name: string | undefined): string {
  if (op === 'list' || op === 'create') return '/connectors';
  const base = `/connectors/${encodeURIComponent(name ?? '')}`;
  if (op === 'delete') return base;
  return `${base}/${{ putConfig: 'config', alterOffsets: 'offsets', resetOffsets: 'offsets', readOffsets: 'offsets', stop: 'stop', pause: 'pause', resume: 'resume', restart: 'restart' }[op]}`;
}

/** Kafka Connect's answer to a refused call, in the REST client's words. */
function answered(op: ConnectOp, name: string | undefined, status: number, message: string): ConnectError {
  return new ConnectError(status, `Kafka Connect answered ${status} to ${METHOD[op]} ${pathOf(op, name)}: ${message}`);
}

function unreachable(url: string): ConnectError {
  return new ConnectError(0, `Kafka Connect at ${new URL(url).origin} is unreachable: fetch failed`);
}

export class FakeConnectClient implements ConnectClient {
  /** Every write, in order, with what Connect answered (refused and unreachable ones too). */
  readonly writes: FakeWrite[] = [];
  /** The base URL of every list call, in order. */
  readonly lists: string[] = [];
  private readonly pools = new Map<string, Map<string, FakeConnector>>();
  private readonly down = new Set<string>();
  private readonly faults: Fault[] = [];
  private readonly failingTasks = new Map<string, { trace: string; ids: number[] | undefined }>();
  /** Runs as a write arrives, before Connect acts on it: what another writer does meanwhile. */
  onWrite: ((write: Readonly<FakeWrite>) => void) | undefined;

  // --- knobs ---

  /** The pool at `url` cannot be reached (every call is a ConnectError with status 0), or can again. */
  setUnreachable(url: string, isUnreachable = true): void {
    if (isUnreachable) this.down.add(url);
    else this.down.delete(url);
  }

  /** Makes matching calls fail before Connect acts on them (status 0: unreachable). */
  fail(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** The connector's tasks (or those of `ids`) fail whenever they run, reporting `trace`. */
  failTasks(name: string, trace = 'org.apache.kafka.connect.errors.ConnectException: injected task failure', ids?: number[]): void {
    this.failingTasks.set(name, { trace, ids });
  }

  healTasks(name: string): void {
    this.failingTasks.delete(name);
  }

  /** A connector put there by someone else (no write recorded), e.g. by hand on an external Connect. */
  add(url: string, name: string, config: Record<string, string>, state: TargetState = 'RUNNING'): FakeConnector {
    const connector: FakeConnector = { config: { ...config, name }, state, offsets: undefined };
    this.pool(url).set(name, connector);
    return connector;
  }

  // --- inspection ---

  connectorsAt(url: string): ReadonlyMap<string, FakeConnector> {
    return this.pool(url);
  }

  connector(url: string, name: string): FakeConnector | undefined {
    return this.pool(url).get(name);
  }

  /** The writes as `op name [initial state] [(status)]` lines; failed ones carry their status. */
  log(filter: { url?: string; name?: string } = {}): string[] {
    return this.writes
      .filter((w) => (filter.url === undefined || w.url === filter.url) && (filter.name === undefined || w.name === filter.name))
      .map((w) => [w.op, w.name, w.initialState, w.status >= 300 || w.status === 0 ? `(${w.status})` : undefined].filter(Boolean).join(' '));
  }

  clearLog(): void {
    this.writes.length = 0;
    this.lists.length = 0;
  }

  // --- ConnectClient ---

  async list(url: string): Promise<Map<string, EngineConnector>> {
    this.lists.push(url);
    this.check('list', url, undefined);
    return new Map([...this.pool(url)].map(([name, c]) => [name, { config: { ...c.config }, status: this.statusOf(name, c) }]));
  }

  async create(url: string, name: string, config: Record<string, string>, initialState: TargetState): Promise<void> {
    await this.write({ op: 'create', url, name, config: { ...config }, initialState }, (pool) => {
      if (pool.has(name)) return [409, `Connector ${name} already exists`];
      const refused = refusedConfig(name, config);
      if (refused) return [400, refused];
      pool.set(name, { config: { ...config, name }, state: initialState, offsets: undefined });
      return 201;
    });
  }

  async putConfig(url: string, name: string, config: Record<string, string>): Promise<void> {
    await this.write({ op: 'putConfig', url, name, config: { ...config } }, (pool) => {
      const refused = refusedConfig(name, config);
      if (refused) return [400, refused];
      const existing = pool.get(name);
      if (existing) existing.config = { ...config, name };
      else pool.set(name, { config: { ...config, name }, state: 'RUNNING', offsets: undefined });
      return existing ? 200 : 201;
    });
  }

  async alterOffsets(url: string, name: string, offsets: unknown[]): Promise<void> {
    await this.write({ op: 'alterOffsets', url, name, offsets }, (pool) => this.whileStopped(pool, name, (connector) => {
      const merged = new Map((connector.offsets ?? []).map((o) => [JSON.stringify((o as { partition: unknown }).partition), o]));
      for (const o of offsets) merged.set(JSON.stringify((o as { partition: unknown }).partition), o);
      connector.offsets = [...merged.values()];
    }));
  }

  async resetOffsets(url: string, name: string): Promise<void> {
    await this.write({ op: 'resetOffsets', url, name }, (pool) => this.whileStopped(pool, name, (connector) => { connector.offsets = []; }));
  }

  async readOffsets(url: string, name: string): Promise<EngineOffset[]> {
    this.check('readOffsets', url, name);
    const connector = this.pool(url).get(name);
    if (!connector) throw answered('readOffsets', name, 404, `Connector ${name} not found`);
    return structuredClone((connector.offsets ?? []) as EngineOffset[]);
  }

  stop(url: string, name: string): Promise<void> {
    return this.setState('stop', url, name, 'STOPPED');
  }

  pause(url: string, name: string): Promise<void> {
    return this.setState('pause', url, name, 'PAUSED');
  }

  resume(url: string, name: string): Promise<void> {
    return this.setState('resume', url, name, 'RUNNING');
  }

  async delete(url: string, name: string): Promise<void> {
    try {
      await this.write({ op: 'delete', url, name }, (pool) => (pool.delete(name) ? 204 : [404, `Connector ${name} not found`]));
    } catch (err) {
      // As RestConnectClient: a connector already gone is deleted.
      if (!(err instanceof ConnectError && err.status === 404)) throw err;
    }
  }

  /**
   * As Connect 4.1 (KIP-745): 204 when only the connector restarts, else 202 with the status, what
   * restarts marked RESTARTING. Tasks made to fail by failTasks fail again at once.
   */
  async restart(url: string, name: string, options: RestartOptions): Promise<EngineStatus | undefined> {
    let answer: EngineStatus | undefined;
    await this.write({ op: 'restart', url, name }, (pool) => {
      const connector = pool.get(name);
      if (!connector) return [404, `Unknown connector: ${name}`];
      if (!options.includeTasks && !options.onlyFailed) return 204;
      const status = this.statusOf(name, connector)!;
      const restarting = (state: string) => (options.onlyFailed ? state === 'FAILED' : true);
      answer = {
        connector: { state: restarting(status.connector.state) ? 'RESTARTING' : status.connector.state },
        tasks: status.tasks.map((t) => ({ id: t.id, state: options.includeTasks && restarting(t.state) ? 'RESTARTING' : t.state })),
      };
      return 202;
    });
    return answer;
  }

  // --- internals ---

  private pool(url: string): Map<string, FakeConnector> {
    let pool = this.pools.get(url);
    if (!pool) this.pools.set(url, (pool = new Map()));
    return pool;
  }

  /** KIP-875: offsets change only while the connector is STOPPED. */
  private whileStopped(pool: Map<string, FakeConnector>, name: string, change: (connector: FakeConnector) => void): number | [number, string] {
    const connector = pool.get(name);
    if (!connector) return [404, `Connector ${name} not found`];
    if (connector.state !== 'STOPPED') {
      return [400, `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`];
    }
    change(connector);
    return 200;
  }

  private setState(op: 'stop' | 'pause' | 'resume', url: string, name: string, state: TargetState): Promise<void> {
    return this.write({ op, url, name }, (pool) => {
      const connector = pool.get(name);
      if (!connector) return [404, `Unknown connector ${name}`];
      connector.state = state;
      return 202;
    });
  }

  /**
   * Records a write, then applies it unless the pool is down or a fault matches. `apply` answers
   * as Connect: its success status, or a refusal's status and message.
   */
  private async write(write: Omit<FakeWrite, 'status'>, apply: (pool: Map<string, FakeConnector>) => number | [number, string]): Promise<void> {
    const record: FakeWrite = { ...write, status: 0 };
    this.writes.push(record);
    this.onWrite?.(record);
    try {
      this.check(write.op, write.url, write.name);
    } catch (err) {
      record.status = (err as ConnectError).status;
      throw err;
    }
    const answer = apply(this.pool(write.url));
    record.status = typeof answer === 'number' ? answer : answer[0];
    if (typeof answer !== 'number') throw answered(write.op, write.name, answer[0], answer[1]);
  }

  /** Throws what an unreachable pool or a matching fault makes of this call. */
  private check(op: ConnectOp, url: string, name: string | undefined): void {
    if (this.down.has(url)) throw unreachable(url);
    const fault = this.faults.find((f) => f.op === op && (f.url === undefined || f.url === url) && (f.name === undefined || f.name === name));
    if (!fault) return;
    if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    if (fault.status === 0) throw unreachable(url);
    throw answered(op, name, fault.status, fault.message ?? 'Request failed.');
  }

  private statusOf(name: string, c: FakeConnector): EngineConnector['status'] {
    const state = c.reportedState ?? c.state;
    if (c.state === 'STOPPED') return { connector: { state }, tasks: [] };
    const failing = this.failingTasks.get(name);
    const count = Math.max(1, Number.parseInt(c.config['tasks.max'] ?? '1', 10) || 1);
    const tasks = Array.from({ length: count }, (_, id) => (failing && (failing.ids === undefined || failing.ids.includes(id))
      ? { id, state: 'FAILED', trace: failing.trace }
      : { id, state }));
    return { connector: { state }, tasks };
  }
}

/** Kafka Connect's 400s for a config it cannot take, before any plugin sees it. */
function refusedConfig(name: string, config: Record<string, string>): string | undefined {
  if (config.name !== undefined && config.name !== name) {
    return `Connector name configuration (${config.name}) doesn't match connector name in the URL (${name})`;
  }
  if (!config['connector.class']) return `Connector config ${JSON.stringify(config)} contains no connector type`;
  return undefined;
}
