// Requests as Confluent's Terraform provider sends them for custom plugins, so API tests can replay
// them: the Go SDK's JSON (its MarshalJSON builds maps, so keys come out sorted, and its encoder
// ends the body with a newline), its headers, and the provider's uploadFile: a multipart form POST
// for AWS; for GCP and Azure a PUT of the same multipart body under the archive's own Content-Type.
// Read from (the behaviour, not the code): confluentinc/terraform-provider-confluent v2.83.4,
// internal/provider/utils.go (uploadFile) and provider.go (user agent); confluentinc/ccloud-sdk-go-v2
// connect-custom-plugin/v0.0.2 and ccpm/v0.0.1, v1/client.go (prepareRequest, decode).
import fs from 'node:fs';
import path from 'node:path';
import type { ApiApp } from './api-app.ts';
import { adminAuth } from './principals.ts';
import { multipartBody } from './uploads.ts';

const USER_AGENT = 'terraform-provider-confluent/2.83.4 (https://confluent.cloud; support@confluent.io)';

/** What the Go SDK would hand back: the status, headers, the body as text and as JSON. */
export interface SdkAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** Go's encoding/json of a map[string]interface{}: keys sorted at every depth. */
export function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    return v;
  };
  return `${JSON.stringify(sorted(value))}\n`;
}

/** One SDK call: Basic auth with the provider's cloud key, Accept JSON, a JSON body when there is one. */
export async function sdkCall(api: ApiApp, method: string, pathAndQuery: string, body?: unknown): Promise<SdkAnswer> {
  const headers: Record<string, string> = { authorization: adminAuth(api), accept: 'application/json', 'user-agent': USER_AGENT };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${api.url}${pathAndQuery}`, { method, headers, body: body === undefined ? undefined : goJson(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) as Record<string, unknown> : {} };
}

/** The SDK's `EnvScopedObjectReference` as it marshals one made from an id alone. */
export function sdkEnvironment(id: string) {
  return { id, related: '', resource_name: '' };
}

export interface PresignedUrl {
  upload_id: string;
  upload_url: string;
  upload_form_data: Record<string, unknown>;
  content_format: string;
}

/**
 * The provider's uploadFile: every string form field then the `file` part (named after the file),
 * sent to upload_url as given (query and all). GCP: PUT with Content-Type application/zip or
 * application/java-archive (from the grant's content_format); AZURE: the same plus
 * `x-ms-blob-type: BlockBlob`; anything else: POST as multipart/form-data. Returns the status
 * (the provider itself never looks at it: sling with no success value takes any answer).
 */
export async function providerUpload(grant: PresignedUrl, file: string, cloud: string): Promise<number> {
  const fields = Object.fromEntries(Object.entries(grant.upload_form_data).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const { boundary, body } = multipartBody(fields, fs.readFileSync(file), path.basename(file));
  const archiveType = ({ zip: 'application/zip', jar: 'application/java-archive' } as Record<string, string>)[grant.content_format.toLowerCase()] ?? '';
  const put = cloud === 'GCP' || cloud === 'AZURE';
  const headers: Record<string, string> = put ? { 'content-type': archiveType } : { 'content-type': `multipart/form-data; boundary=${boundary}` };
  if (cloud === 'AZURE') headers['x-ms-blob-type'] = 'BlockBlob';
  const res = await fetch(grant.upload_url, { method: put ? 'PUT' : 'POST', headers, body: new Uint8Array(body) });
  await res.arrayBuffer();
  return res.status;
}

/**
 * What the SDK's decode needs of a 2xx answer: a JSON Content-Type when there is a body (else
 * "undefined response type"), and timestamps Go's time.Time takes (RFC 3339).
 */
export function sdkDecodable(answer: SdkAnswer): string[] {
  const problems: string[] = [];
  if (answer.text && !/^application\/json/.test(answer.headers.get('content-type') ?? '')) problems.push(`content-type ${answer.headers.get('content-type')}`);
  const metadata = (answer.json.metadata ?? {}) as Record<string, unknown>;
  for (const field of ['created_at', 'updated_at', 'deleted_at']) {
    const value = metadata[field];
    if (value !== undefined && value !== null && !(typeof value === 'string' && RFC3339.test(value))) problems.push(`metadata.${field} ${String(value)}`);
  }
  return problems;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
