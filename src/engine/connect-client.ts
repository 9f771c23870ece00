// The only way the control plane talks to Kafka Connect (C15): a small REST client. Connect
// answers 409 "Cannot complete request …" while it rebalances; only those are retried, with
// capped, jittered backoff (C17). Everything else surfaces as a ConnectError.

export interface EngineConnector {
  config: Record<string, string>;
  status: { connector: { state: string; trace?: string }; tasks: { id: number; state: string; trace?: string }[] } | undefined;
}

export interface ConnectClient {
  /** Every connector of the pool with its config and status (one call: expand=info&expand=status). */
  list(baseUrl: string): Promise<Map<string, EngineConnector>>;
  /** Creates the connector directly in its target state (KIP-980); STOPPED lets offsets be set first. */
  create(baseUrl: string, name: string, config: Record<string, string>, initialState: 'RUNNING' | 'PAUSED' | 'STOPPED'): Promise<void>;
  /** Alters offsets of a STOPPED connector (KIP-875). */
  alterOffsets(baseUrl: string, name: string, offsets: unknown[]): Promise<void>;
  putConfig(baseUrl: string, name: string, config: Record<string, string>): Promise<void>;
  pause(baseUrl: string, name: string): Promise<void>;
  resume(baseUrl: string, name: string): Promise<void>;
  delete(baseUrl: string, name: string): Promise<void>;
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
const REQUEST_TIMEOUT_MS = 30_000;

export class RestConnectClient implements ConnectClient {
  constructor(private readonly retry: RetryPolicy = DEFAULT_RETRY) {}

  private async request(method: string, url: string, body?: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (err) {
        throw new ConnectError(0, `Kafka Connect at ${new URL(url).origin} is unreachable: ${(err as Error).message}`);
      }
      const text = await res.text();
      const json = text ? safeJson(text) : undefined;
      if (res.ok) return json;
      const message = typeof json === 'object' && json && 'message' in json ? String((json as { message: unknown }).message) : text;
      if (res.status === 409 && message.startsWith('Cannot complete request') && attempt < this.retry.attempts) {
        const delay = Math.min(this.retry.baseDelayMs * 2 ** (attempt - 1), this.retry.maxDelayMs);
        await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * (delay / 2)));
        continue;
      }
      throw new ConnectError(res.status, `Kafka Connect answered ${res.status} to ${method} ${new URL(url).pathname}: ${message}`);
    }
  }

  async list(baseUrl: string): Promise<Map<string, EngineConnector>> {
    const body = (await this.request('GET', `${baseUrl}/connectors?expand=info&expand=status`)) as Record<string, {
      info?: { config: Record<string, string> };
      status?: EngineConnector['status'];
    }>;
    return new Map(Object.entries(body ?? {}).map(([name, e]) => [name, { config: e.info?.config ?? {}, status: e.status }]));
  }

  async create(baseUrl: string, name: string, config: Record<string, string>, initialState: 'RUNNING' | 'PAUSED' | 'STOPPED'): Promise<void> {
    await this.request('POST', `${baseUrl}/connectors`, { name, config, initial_state: initialState });
  }

  async alterOffsets(baseUrl: string, name: string, offsets: unknown[]): Promise<void> {
    await this.request('PATCH', `${baseUrl}/connectors/${encodeURIComponent(name)}/offsets`, { offsets });
  }

  async putConfig(baseUrl: string, name: string, config: Record<string, string>): Promise<void> {
    await this.request('PUT', `${baseUrl}/connectors/${encodeURIComponent(name)}/config`, config);
  }

  async pause(baseUrl: string, name: string): Promise<void> {
    await this.request('PUT', `${baseUrl}/connectors/${encodeURIComponent(name)}/pause`);
  }

  async resume(baseUrl: string, name: string): Promise<void> {
    await this.request('PUT', `${baseUrl}/connectors/${encodeURIComponent(name)}/resume`);
  }

  async delete(baseUrl: string, name: string): Promise<void> {
    try {
      await this.request('DELETE', `${baseUrl}/connectors/${encodeURIComponent(name)}`);
    } catch (err) {
      if (!(err instanceof ConnectError && err.status === 404)) throw err;
    }
  }

}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
