// Calling a Cirrus Schema Registry (issue 14) the way Confluent's clients do: Basic auth with
// a registry key, Confluent's content type, paths under the registry's http_endpoint.
import type { ApiApp } from './api-app.ts';
import { basicAuth } from './api-app.ts';
import { adminAuth, v2Call } from './principals.ts';

export const REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export interface RegistryClient {
  id: string;
  endpoint: string;
  auth: string;
  call(method: string, path: string, body?: unknown, auth?: string): ReturnType<typeof v2Call>;
}

/** The environment's registry as srcm/v3 lists it, with a new key of it owned by `ownerId` (the bootstrap admin unless given). */
export async function registryOf(app: ApiApp, environmentId = app.bootstrap.environment_id, ownerId?: string): Promise<RegistryClient> {
  const admin = adminAuth(app);
  const list = await v2Call(app, admin, 'GET', `/srcm/v3/clusters?environment=${environmentId}`);
  const cluster = (list.json as { data: { id: string; spec: { http_endpoint: string } }[] }).data[0]!;
  const owner = ownerId ?? ((await v2Call(app, admin, 'GET', `/iam/v2/api-keys?spec.resource=cloud`)).json as { data: { spec: { owner: { id: string } } }[] }).data[0]!.spec.owner.id;
  const key = await v2Call(app, admin, 'POST', '/iam/v2/api-keys', { spec: { owner: { id: owner }, resource: { id: cluster.id } } });
  if (key.status !== 202) throw new Error(`registry key: ${key.text}`);
  const { id, spec } = key.json as { id: string; spec: { secret: string } };
  const auth = basicAuth(id, spec.secret);
  const endpoint = cluster.spec.http_endpoint;
  return {
    id: cluster.id, endpoint, auth,
    // Through v2Call, under the registry's path on the Cirrus port, with Confluent's content type.
    call: (method, path, body, as = auth) => v2Call(app, as, method, `${new URL(endpoint).pathname}${path}`, body, REGISTRY_CONTENT_TYPE),
  };
}

export const avroRecord = (fields: unknown[], name = 'User') => JSON.stringify({ type: 'record', name, namespace: 'cirrus.test', fields });
