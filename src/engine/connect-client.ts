// The only way the control plane talks to Kafka Connect (C15): a small REST client. Connect
// answers 409 "Cannot complete request …" while it rebalances; only those are retried, with
// capped, jittered backoff (C17). Everything else surfaces as a ConnectError.

export interface EngineConnector {
  config: Record<string, string>;
  status: { connector: { state: string; trace?: string }; tasks: { id: number; state: string; trace?: string }[] } | undefined;
}

export interface EngineOffset {
  partition: Record<string, unknown>;
  offset: Record<string, unknown>;
}

export interface ConnectClient {
  /** Every connector of the pool with its config and status (one call: expand=info&expand=status). */
  list(baseUrl: string): Promise<Map<string, EngineConnector>>;
  /** Creates the connector directly in its target state (KIP-980); STOPPED lets offsets be set first. */
  create(baseUrl: string, name: string, config: Record<string, string>, initialState: 'RUNNING' | 'PAUSED' | 'STOPPED'): Promise<void>;
  /** Alters offsets of a STOPPED connector (KIP-875). */
  alterOffsets(baseUrl: string, name: string, offsets: unknown[]): Promise<void>;
  /** Resets every offset of a STOPPED connector, as if it were new (KIP-875). */
  resetOffsets(baseUrl: string, name: string): Promise<void>;
  /** The connector's offsets as Connect has them: `[{partition, offset}]`. */
  readOffsets(baseUrl: string, name: string): Promise<EngineOffset[]>;
  putConfig(baseUrl: string, name: string, config: Record<string, string>): Promise<void>;
  /** Stops the connector and its tasks (KIP-875), the state in which offsets can be written. */
  stop(baseUrl: string, name: string): Promise<void>;
  pause(baseUrl: string, name: string): Promise<void>;
  resume(baseUrl: string, name: string): Promise<void>;
  delete(baseUrl: string, name: string): Promise<void>;
  /**
   * Restarts the connector instance and, with `includeTasks`, its tasks; `onlyFailed` limits both
   * to those that failed (KIP-745). Returns what Connect reports restarting (RESTARTING marks
   * them), or undefined when it restarted the connector alone (204).
   */
  restart(baseUrl: string, name: string, options: RestartOptions): Promise<EngineStatus | undefined>;
}

export type EngineStatus = NonNullable<EngineConnector['status']>;

export interface RestartOptions {
  includeTasks: boolean;
  onlyFailed: boolean;
}

export class ConnectError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
  /** True when the pool could not be reached at all (status 0). */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 200, maxDelayMs: 3000 };
/** One slow or blackholed Connect must cost its own pool's pass, not minutes. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Enough of Connect's own error message to act on; an arbitrary server's body never travels far. */
const MAX_MESSAGE_LENGTH = 500;

export class RestConnectClient implements ConnectClient {
  constructor(private readonly retry: RetryPolicy = DEFAULT_RETRY, private readonly timeoutMs = REQUEST_TIMEOUT_MS) {}

  private async request(method: string, url: string, body?: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
          // A Connect REST API never redirects; following one would call wherever it points.
          redirect: 'error',
        });
      } catch (err) {
        throw new ConnectError(0, `Kafka Connect at ${new URL(url).origin} is unreachable: ${(err as Error).message}`);
      }
      const text = await res.text().catch(() => '');
      const json = text ? safeJson(text) : undefined;
      if (res.ok) return json;
      const message = connectMessage(json);
      if (res.status === 409 && message.startsWith('Cannot complete request') && attempt < this.retry.attempts) {
        const delay = Math.min(this.retry.baseDelayMs * 2 ** (attempt - 1), this.retry.maxDelayMs);
        await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * (delay / 2)));
        continue;
      }
      throw new ConnectError(res.status, `Kafka Connect answered ${res.status} to ${method} ${new URL(url).pathname}: ${message}`);
    }
  }

  async list(baseUrl: string): Promise<Map<string, EngineConnector>> {
    return parseConnectorList(await this.request('GET', `${baseUrl}/connectors?expand=info&expand=status`));
  }

  async create(baseUrl: string, name: string, config: Record<string, string>, initialState: 'RUNNING' | 'PAUSED' | 'STOPPED'): Promise<void> {
    await this.request('POST', `${baseUrl}/connectors`, { name, config, initial_state: initialState });
  }

  async alterOffsets(baseUrl: string, name: string, offsets: unknown[]): Promise<void> {
    await this.request('PATCH', `${baseUrl}/connectors/${encodeURIComponent(name)}/offsets`, { offsets });
  }

  async resetOffsets(baseUrl: string, name: string): Promise<void> {
    await this.request('DELETE', `${baseUrl}/connectors/${encodeURIComponent(name)}/offsets`);
  }

  async readOffsets(baseUrl: string, name: string): Promise<EngineOffset[]> {
    return parseOffsets(await this.request('GET', `${baseUrl}/connectors/${encodeURIComponent(name)}/offsets`));
  }

  async putConfig(baseUrl: string, name: string, config: Record<string, string>): Promise<void> {
    await this.request('PUT', `${baseUrl}/connectors/${encodeURIComponent(name)}/config`, config);
  }

  async stop(baseUrl: string, name: string): Promise<void> {
    await this.request('PUT', `${baseUrl}/connectors/${encodeURIComponent(name)}/stop`);
  }

  async pause(baseUrl: string, name: string): Promise<void> {
    await this.request('PUT', `${baseUrl}/connectors/${encodeURIComponent(name)}/pause`);
  }

  async resume(baseUrl: string, name: string): Promise<void> {
    await this.request('PUT', `${baseUrl}/connectors/${encodeURIComponent(name)}/resume`);
  }

  async restart(baseUrl: string, name: string, options: RestartOptions): Promise<EngineStatus | undefined> {
    const query = `includeTasks=${options.includeTasks}&onlyFailed=${options.onlyFailed}`;
    const body = await this.request('POST', `${baseUrl}/connectors/${encodeURIComponent(name)}/restart?${query}`);
    if (body === undefined || body === '') return undefined;
    const status = parseStatus(body);
    if (!status) throw new ConnectError(502, 'Kafka Connect answered a restart with something that is not a connector status');
    return status;
  }

  async delete(baseUrl: string, name: string): Promise<void> {
    try {
      await this.request('DELETE', `${baseUrl}/connectors/${encodeURIComponent(name)}`);
    } catch (err) {
      if (!(err instanceof ConnectError && err.status === 404)) throw err;
    }
  }

}

/** Connect's errors are `{"error_code", "message"}`; anything else is not Connect talking. */
function connectMessage(json: unknown): string {
  const message = isObject(json) && typeof json.message === 'string' ? json.message : '(the answer is not a Kafka Connect error)';
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const malformed = () => new ConnectError(502, 'Kafka Connect answered GET /connectors with something that is not a connector list');

/**
 * `GET /connectors?expand=info&expand=status`, checked: a malformed answer (from a wrong URL or a
 * broken worker) must fail this pool's pass, never be taken as "no connectors" or crash a pass.
 */
export function parseConnectorList(body: unknown): Map<string, EngineConnector> {
  if (!isObject(body)) throw malformed();
  const out = new Map<string, EngineConnector>();
  for (const [name, entry] of Object.entries(body)) {
    if (!isObject(entry)) throw malformed();
    const config = isObject(entry.info) ? entry.info.config : undefined;
    if (config !== undefined && (!isObject(config) || Object.values(config).some((v) => typeof v !== 'string'))) throw malformed();
    out.set(name, { config: (config ?? {}) as Record<string, string>, status: parseStatus(entry.status) });
  }
  return out;
}

function parseStatus(status: unknown): EngineConnector['status'] {
  if (status === undefined || status === null) return undefined;
  if (!isObject(status) || !isObject(status.connector) || typeof status.connector.state !== 'string' || !Array.isArray(status.tasks)) throw malformed();
  const tasks = status.tasks.map((t: unknown) => {
    if (!isObject(t) || typeof t.id !== 'number' || typeof t.state !== 'string') throw malformed();
    return { id: t.id, state: t.state, ...(typeof t.trace === 'string' ? { trace: t.trace } : {}) };
  });
  const trace = typeof status.connector.trace === 'string' ? { trace: status.connector.trace } : {};
  return { connector: { state: status.connector.state, ...trace }, tasks };
}

/** `GET /connectors/{name}/offsets`: `{"offsets": [{partition, offset}]}`, checked. */
export function parseOffsets(body: unknown): EngineOffset[] {
  const offsets = isObject(body) ? body.offsets : undefined;
  if (!Array.isArray(offsets) || !offsets.every((o: unknown) => isObject(o) && isObject(o.partition) && (o.offset === null || isObject(o.offset)))) {
    throw new ConnectError(502, 'Kafka Connect answered GET /connectors/{name}/offsets with something that is not a list of offsets');
  }
  return offsets.map((o: { partition: Record<string, unknown>; offset: Record<string, unknown> | null }) => ({ partition: o.partition, offset: o.offset ?? {} }));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
