// Talking to a Kafka Connect pool's REST API directly (tests of the data plane itself).
import { eventually } from './wait.ts';

export async function connectRequest(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

interface ConnectStatus {
  connector: { state: string };
  tasks: { id: number; state: string; trace?: string }[];
}

/** Waits until the connector and all `tasks` of its tasks report RUNNING. */
export async function waitUntilRunning(baseUrl: string, name: string, tasks: number, timeoutMs = 90_000): Promise<ConnectStatus> {
  return eventually(`${name} RUNNING with ${tasks} task(s)`, async () => {
    const { status, json } = await connectRequest(baseUrl, 'GET', `/connectors/${encodeURIComponent(name)}/status`);
    const s = json as ConnectStatus;
    const running = status === 200 && s.connector.state === 'RUNNING' && s.tasks.length === tasks && s.tasks.every((t) => t.state === 'RUNNING');
    return running ? s : undefined;
  }, { timeoutMs, intervalMs: 500 });
}
