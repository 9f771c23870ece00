// A small connect/v1 client for tests: every call returns status, headers and parsed body, and
// `expectSpec` checks a response against the published spec (and the JSON content type).
import assert from 'node:assert/strict';
import { assertMatchesSpec, loadSpec } from './openapi.ts';

export const P = '/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export interface CallOptions {
  /** Send this text as the body instead of JSON-encoding `body`. */
  raw?: string;
  contentType?: string | null;
}

export class ConnectV1Client {
  constructor(
    readonly baseUrl: string,
    private readonly authorization: string,
    readonly environmentId: string,
    readonly clusterId: string,
  ) {}

  /** `path` is relative to the cluster prefix, e.g. `/connectors/x/status`. */
  async call(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Answer> {
    const url = `${this.baseUrl}/connect/v1/environments/${this.environmentId}/clusters/${this.clusterId}${path}`;
    return request(url, method, this.authorization, body, options);
  }
}

export async function request(url: string, method: string, authorization: string, body?: unknown, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { authorization };
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const type = options.contentType === undefined ? (payload === undefined ? null : 'application/json') : options.contentType;
  if (type) headers['content-type'] = type;
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** Asserts the status, the JSON content type and the spec schema of that operation. */
export function expectSpec(answer: Answer, method: string, specPath: string, status: number): void {
  assert.equal(answer.status, status, `${method.toUpperCase()} ${specPath}: ${answer.text}`);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, 'JSON content type');
  assertMatchesSpec(loadSpec('connect-v1'), method, `${P}${specPath}`, status, answer.body);
}

/** The connect/v1 union error body (CONTRACT §1.11) with this status and a matching message. */
export function expectError(answer: Answer, status: number, message: RegExp): void {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  const body = answer.body as { error: { code: number; message: string }; code: number; error_code: number; message: string };
  assert.equal(body.error.code, status);
  assert.equal(body.code, status);
  assert.equal(body.error_code, status);
  assert.equal(body.message, body.error.message);
  assert.match(body.message, message);
  assert.deepEqual(loadSpec('connect-v1').validateSchema('connect.v1.ConnectorError', body), []);
}
