// Keys of principals holding one role each, made through the real iam/v2 API.
import type { ApiApp } from './api-app.ts';
import { basicAuth } from './api-app.ts';
import { ConnectV1Client } from './connect-v1-client.ts';

export async function v2Call(app: ApiApp, authorization: string, method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${app.url}${path}`, {
    method, headers: { authorization, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function adminAuth(app: ApiApp): string {
  return basicAuth(app.bootstrap.cloud_api_key, app.bootstrap.cloud_api_secret);
}

/** connect/v1 on the bootstrap cluster, as its OrganizationAdmin (the bootstrap cloud key). */
export function adminClient(app: ApiApp): ConnectV1Client {
  return new ConnectV1Client(app.url, adminAuth(app), app.bootstrap.environment_id, app.bootstrap.kafka_cluster_id);
}

/** A service account with `role` on `crnPattern`, and a cloud key of it. */
export async function keyWithRole(app: ApiApp, role: string, crnPattern: string): Promise<{ id: string; secret: string; auth: string; serviceAccount: string }> {
  const admin = adminAuth(app);
  const sa = (await v2Call(app, admin, 'POST', '/iam/v2/service-accounts', { display_name: `${role} ${crnPattern.slice(-12)}` })).json as { id: string };
  const binding = await v2Call(app, admin, 'POST', '/iam/v2/role-bindings', { principal: `User:${sa.id}`, role_name: role, crn_pattern: crnPattern });
  if (binding.status !== 201) throw new Error(`binding failed: ${binding.text}`);
  const key = (await v2Call(app, admin, 'POST', '/iam/v2/api-keys', { spec: { owner: { id: sa.id }, resource: { id: 'cloud' } } })).json as { id: string; spec: { secret: string } };
  return { id: key.id, secret: key.spec.secret, auth: basicAuth(key.id, key.spec.secret), serviceAccount: sa.id };
}
