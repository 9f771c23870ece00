// The console's one way to Cirrus: every call goes through this typed client, to the public
// APIs only, with Basic auth built here from the key the user signed in with. No cookies.
import type {
  ApiKey, ClusterList, ConnectorExpansion, Organization, RoleBinding, ServiceAccount, ConnectorStatus, ConnectorWire, CustomPlugin, EnvironmentList, LogLine,
  ManagedPlugin, MetricPoint, Offset, OffsetsRequestStatus, OffsetsWire, OperationEntry, PresignedUrl, ValidationResult,
} from './types.ts';

export interface Credentials {
  key: string;
  secret: string;
}

/** An answer other than 2xx, with the message the API's own error shape carries. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Reads the message from any of Cirrus's error envelopes (connect/v1 union, v2, metrics). */
function messageOf(status: number, body: unknown): string {
  const b = body as { message?: string; error?: { message?: string }; errors?: { detail?: string }[] } | undefined;
  return b?.error?.message ?? b?.message ?? b?.errors?.[0]?.detail ?? `HTTP ${status}`;
}

const enc = encodeURIComponent;

export class CirrusApi {
  private readonly authorization: string;

  constructor(credentials: Credentials, private readonly base = '') {
    // btoa needs Latin-1; keys and secrets are ASCII, but encode anyway so no input throws here.
    const raw = new TextEncoder().encode(`${credentials.key}:${credentials.secret}`);
    this.authorization = `Basic ${btoa(String.fromCharCode(...raw))}`;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method, credentials: 'omit', cache: 'no-store',
      headers: { authorization: this.authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) throw new ApiError(res.status, messageOf(res.status, json));
    return json as T;
  }

  // org/v2 and cmk/v2: where connectors live.
  environments(): Promise<EnvironmentList> {
    return this.call('GET', '/org/v2/environments?page_size=100');
  }
  clusters(environmentId: string): Promise<ClusterList> {
    return this.call('GET', `/cmk/v2/clusters?environment=${enc(environmentId)}&page_size=100`);
  }

  createEnvironment(displayName: string): Promise<{ id: string }> {
    return this.call('POST', '/org/v2/environments', { display_name: displayName });
  }
  createCluster(env: string, displayName: string): Promise<{ id: string }> {
    return this.call('POST', '/cmk/v2/clusters', { spec: { display_name: displayName, availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: env } } });
  }
  async organization(): Promise<Organization | undefined> {
    return (await this.call<{ data: Organization[] }>('GET', '/org/v2/organizations')).data[0];
  }

  // iam/v2: OrganizationAdmin only (the console offers it to keys that may list service accounts).
  async serviceAccounts(): Promise<ServiceAccount[]> {
    return (await this.call<{ data: ServiceAccount[] }>('GET', '/iam/v2/service-accounts?page_size=100')).data;
  }
  createServiceAccount(displayName: string, description: string): Promise<ServiceAccount> {
    return this.call('POST', '/iam/v2/service-accounts', { display_name: displayName, description });
  }
  deleteServiceAccount(id: string): Promise<void> {
    return this.call('DELETE', `/iam/v2/service-accounts/${enc(id)}`);
  }
  async apiKeys(): Promise<ApiKey[]> {
    return (await this.call<{ data: ApiKey[] }>('GET', '/iam/v2/api-keys?page_size=100')).data;
  }
  /** The answer is the only place the new key's secret ever appears (CONTRACT §4.1). */
  createApiKey(owner: string, resource: string, displayName: string): Promise<ApiKey> {
    const kind = resource === 'cloud' ? 'Cloud' : 'Cluster';
    return this.call('POST', '/iam/v2/api-keys', { spec: { display_name: displayName, owner: { id: owner }, resource: { id: resource, kind } } });
  }
  deleteApiKey(id: string): Promise<void> {
    return this.call('DELETE', `/iam/v2/api-keys/${enc(id)}`);
  }
  async roleBindings(crnPattern: string): Promise<RoleBinding[]> {
    return (await this.call<{ data: RoleBinding[] }>('GET', `/iam/v2/role-bindings?page_size=100&crn_pattern=${enc(crnPattern)}`)).data;
  }
  createRoleBinding(principal: string, roleName: string, crnPattern: string): Promise<RoleBinding> {
    return this.call('POST', '/iam/v2/role-bindings', { principal, role_name: roleName, crn_pattern: crnPattern });
  }
  deleteRoleBinding(id: string): Promise<void> {
    return this.call('DELETE', `/iam/v2/role-bindings/${enc(id)}`);
  }

  // connect/v1 connectors.
  private cluster(env: string, lkc: string): string {
    return `/connect/v1/environments/${enc(env)}/clusters/${enc(lkc)}`;
  }
  connectors(env: string, lkc: string, expand: string[]): Promise<Record<string, ConnectorExpansion>> {
    return this.call('GET', `${this.cluster(env, lkc)}/connectors?expand=${expand.join(',')}`);
  }
  status(env: string, lkc: string, name: string): Promise<ConnectorStatus> {
    return this.call('GET', `${this.cluster(env, lkc)}/connectors/${enc(name)}/status`);
  }
  connector(env: string, lkc: string, name: string): Promise<ConnectorWire> {
    return this.call('GET', `${this.cluster(env, lkc)}/connectors/${enc(name)}`);
  }
  create(env: string, lkc: string, name: string, config: Record<string, string>): Promise<ConnectorWire> {
    return this.call('POST', `${this.cluster(env, lkc)}/connectors`, { name, config });
  }
  /** The whole config: a masked value sent back keeps the stored secret (CONTRACT §6.2). */
  putConfig(env: string, lkc: string, name: string, config: Record<string, string>): Promise<ConnectorWire> {
    return this.call('PUT', `${this.cluster(env, lkc)}/connectors/${enc(name)}/config`, config);
  }
  pause(env: string, lkc: string, name: string): Promise<void> {
    return this.call('PUT', `${this.cluster(env, lkc)}/connectors/${enc(name)}/pause`);
  }
  resume(env: string, lkc: string, name: string): Promise<void> {
    return this.call('PUT', `${this.cluster(env, lkc)}/connectors/${enc(name)}/resume`);
  }
  restart(env: string, lkc: string, name: string): Promise<void> {
    return this.call('POST', `${this.cluster(env, lkc)}/connectors/${enc(name)}/restart?include_tasks=true`);
  }
  remove(env: string, lkc: string, name: string): Promise<void> {
    return this.call('DELETE', `${this.cluster(env, lkc)}/connectors/${enc(name)}`);
  }

  // Offsets (KIP-875 jobs), history and logs of one connector.
  offsets(env: string, lkc: string, name: string): Promise<OffsetsWire> {
    return this.call('GET', `${this.cluster(env, lkc)}/connectors/${enc(name)}/offsets`);
  }
  requestOffsets(env: string, lkc: string, name: string, type: 'PATCH' | 'DELETE', offsets?: Offset[]): Promise<unknown> {
    return this.call('POST', `${this.cluster(env, lkc)}/connectors/${enc(name)}/offsets/request`, { type, ...(offsets ? { offsets } : {}) });
  }
  offsetsStatus(env: string, lkc: string, name: string): Promise<OffsetsRequestStatus> {
    return this.call('GET', `${this.cluster(env, lkc)}/connectors/${enc(name)}/offsets/request/status`);
  }
  async history(env: string, lkc: string, name: string): Promise<OperationEntry[]> {
    return (await this.call<{ data: OperationEntry[] }>('GET', `${this.cluster(env, lkc)}/connectors/${enc(name)}/operations?page_size=50`)).data;
  }
  async logs(env: string, lkc: string, name: string, filter: { level?: string; search?: string }): Promise<LogLine[]> {
    const q = new URLSearchParams({ limit: '200', ...(filter.level ? { level: filter.level } : {}), ...(filter.search ? { search: filter.search } : {}) });
    return (await this.call<{ data: LogLine[] }>('GET', `${this.cluster(env, lkc)}/connectors/${enc(name)}/logs?${q}`)).data;
  }

  // Plugins: managed (connect/v1) and custom (connect/v1 custom-connector-plugins).
  plugins(env: string, lkc: string): Promise<ManagedPlugin[]> {
    return this.call('GET', `${this.cluster(env, lkc)}/connector-plugins`);
  }
  validate(env: string, lkc: string, plugin: string, config: Record<string, string>): Promise<ValidationResult> {
    return this.call('PUT', `${this.cluster(env, lkc)}/connector-plugins/${enc(plugin)}/config/validate`, config);
  }
  async customPlugins(): Promise<CustomPlugin[]> {
    return (await this.call<{ data: CustomPlugin[] }>('GET', '/connect/v1/custom-connector-plugins?page_size=100')).data;
  }
  updateCustomPlugin(id: string, patch: { display_name?: string; description?: string }): Promise<CustomPlugin> {
    return this.call('PATCH', `/connect/v1/custom-connector-plugins/${enc(id)}`, patch);
  }
  deleteCustomPlugin(id: string): Promise<void> {
    return this.call('DELETE', `/connect/v1/custom-connector-plugins/${enc(id)}`);
  }
  presign(contentFormat: 'ZIP' | 'JAR'): Promise<PresignedUrl> {
    return this.call('POST', '/connect/v1/presigned-upload-url', { content_format: contentFormat, cloud: 'AWS' });
  }
  createCustomPlugin(body: { display_name: string; connector_class: string; connector_type: 'SOURCE' | 'SINK'; upload_source: { location: 'PRESIGNED_URL_LOCATION'; upload_id: string } }): Promise<CustomPlugin> {
    return this.call('POST', '/connect/v1/custom-connector-plugins', body);
  }

  // metrics/v2: one metric of one connector, per bucket, over an interval ending now.
  async metric(connectorId: string, metric: string, interval: string, granularity: string): Promise<MetricPoint[]> {
    const body = {
      aggregations: [{ metric }], granularity, intervals: [`${interval}/now`],
      filter: { field: 'resource.connector.id', op: 'EQ', value: connectorId },
    };
    return (await this.call<{ data: MetricPoint[] }>('POST', '/v2/metrics/cloud/query', body)).data;
  }
}

/**
 * The S3-style form POST of the presigned-URL flow, with upload progress. XMLHttpRequest, because
 * fetch reports no upload progress; no Authorization header: the signed form is the credential.
 */
export function uploadForm(grant: PresignedUrl, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(grant.upload_form_data)) form.append(k, v);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', grant.upload_url);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new ApiError(xhr.status, `Upload failed (HTTP ${xhr.status})`)));
    xhr.onerror = () => reject(new ApiError(0, 'Upload failed: network error'));
    xhr.send(form);
  });
}
