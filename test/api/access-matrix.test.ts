// The authorization matrix: every route the app registered (taken from the app itself, so new
// routes are covered) × every kind of caller. The expectations are written here by hand, apart
// from the policy table they check; a route missing from them fails the test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clusterCrn, environmentCrn } from '../../src/core/rbac.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { FakeConnectClient } from '../harness/fake-connect.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';

type Caller = 'none' | 'badSecret' | 'kafkaKey' | 'revoked' | 'OrganizationAdmin' | 'EnvironmentAdmin' | 'CloudClusterAdmin' | 'ConnectManager' | 'Operator' | 'otherEnvAdmin' | 'noBinding';
type Outcome = 'allow' | 'forbidden' | 'invisible' | 'unauthenticated';
const ROLES: Caller[] = ['OrganizationAdmin', 'EnvironmentAdmin', 'CloudClusterAdmin', 'ConnectManager', 'Operator'];
const at = (least: Caller) => ROLES.slice(0, ROLES.indexOf(least) + 1);

/** Operation → roles (on env-1 / its cluster) allowed, and what the env-2 admin gets; a caller with
 * no binding at all gets the same (issue 7.7: 403 on organization-level routes, 404 inside) unless
 * `noBinding` says otherwise. `open`: no API key needed (health, the upload target). */
const EXPECT: Record<string, { allowed: Caller[]; otherEnv: Outcome; noBinding?: Outcome; open?: true }> = {
  'cirrus.health': { allowed: [], otherEnv: 'allow', open: true },
  'cirrus.console.asset': { allowed: [], otherEnv: 'allow', open: true },
  // Cirrus's own metrics (issue 12): a sent key (an empty one too) must be an OrganizationAdmin's;
  // keyless loopback callers are let in (test/api/self-metrics.test.ts).
  'cirrus.metrics': { allowed: at('OrganizationAdmin'), otherEnv: 'forbidden' },
  // The upload target authenticates by the signed policy in its form, never by a key (issue 9).
  'cirrus.upload.post': { allowed: [], otherEnv: 'allow', open: true },
  'cirrus.upload.put': { allowed: [], otherEnv: 'allow', open: true },
  // Custom plugins: OrganizationAdmin, EnvironmentAdmin, CloudClusterAdmin (issue 9). connect/v1's
  // are the organization's, so an EnvironmentAdmin of any environment may; ccpm/v1's an environment's.
  'connect.presigned_upload_url.create': { allowed: at('CloudClusterAdmin'), otherEnv: 'allow', noBinding: 'forbidden' },
  'ccpm.presigned_upload_url.create': { allowed: at('CloudClusterAdmin'), otherEnv: 'invisible' },
  'connect.connector.list': { allowed: at('Operator'), otherEnv: 'invisible' },
  'connect.connector.status': { allowed: at('Operator'), otherEnv: 'invisible' },
  'connect.connector.read': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.read_config': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.tasks': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.pause': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.resume': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.restart': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.operations': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.logs': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.plugin.list': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.plugin.validate': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.create': { allowed: at('CloudClusterAdmin'), otherEnv: 'invisible' },
  'connect.connector.put_config': { allowed: at('CloudClusterAdmin'), otherEnv: 'invisible' },
  'connect.connector.delete': { allowed: at('CloudClusterAdmin'), otherEnv: 'invisible' },
  // Offsets: reading them is reading the connector; moving them (replaying or skipping data) is managing it.
  'connect.connector.offsets_read': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.offsets_status': { allowed: at('ConnectManager'), otherEnv: 'invisible' },
  'connect.connector.offsets_request': { allowed: at('CloudClusterAdmin'), otherEnv: 'invisible' },
  'org.organization.list': { allowed: ROLES, otherEnv: 'allow' },
  'org.organization.read': { allowed: ROLES, otherEnv: 'allow' },
  'org.organization.update': { allowed: ['OrganizationAdmin'], otherEnv: 'forbidden' },
  'org.environment.list': { allowed: ROLES, otherEnv: 'allow' },
  'org.environment.read': { allowed: ROLES, otherEnv: 'invisible' },
  'org.environment.update': { allowed: at('EnvironmentAdmin'), otherEnv: 'invisible' },
  'org.environment.create': { allowed: ['OrganizationAdmin'], otherEnv: 'forbidden' },
  'org.environment.delete': { allowed: ['OrganizationAdmin'], otherEnv: 'forbidden' },
  'cmk.cluster.list': { allowed: ROLES, otherEnv: 'allow' },
  'cmk.cluster.read': { allowed: ROLES, otherEnv: 'invisible' },
  'cmk.cluster.create': { allowed: at('EnvironmentAdmin'), otherEnv: 'invisible' },
  'cmk.cluster.update': { allowed: at('EnvironmentAdmin'), otherEnv: 'invisible' },
  'cmk.cluster.delete': { allowed: at('EnvironmentAdmin'), otherEnv: 'invisible' },
  'connect.custom_plugin.list': { allowed: ROLES, otherEnv: 'allow' },
  'connect.custom_plugin.read': { allowed: ROLES, otherEnv: 'allow' },
  'connect.custom_runtime.list': { allowed: ROLES, otherEnv: 'allow' },
  'ccpm.plugin.list': { allowed: ROLES, otherEnv: 'invisible' },
  'ccpm.plugin.read': { allowed: ROLES, otherEnv: 'invisible' },
  'ccpm.plugin_version.list': { allowed: ROLES, otherEnv: 'invisible' },
  'ccpm.plugin_version.read': { allowed: ROLES, otherEnv: 'invisible' },
};
// Metrics (issue 12): any cloud key may ask; what it gets back holds only the points of clusters
// it may see (test/api/metrics-contract.test.ts), so nobody is refused and nothing reads as missing.
for (const op of ['query', 'descriptor.list', 'resource_descriptor.list', 'attributes', 'export']) EXPECT[`metrics.${op}`] = { allowed: ROLES, otherEnv: 'allow', noBinding: 'allow' };
for (const verb of ['create', 'update', 'delete']) {
  EXPECT[`connect.custom_plugin.${verb}`] = { allowed: at('CloudClusterAdmin'), otherEnv: 'allow', noBinding: 'forbidden' };
  EXPECT[`ccpm.plugin.${verb}`] = { allowed: at('CloudClusterAdmin'), otherEnv: 'invisible' };
}
for (const verb of ['create', 'delete']) EXPECT[`ccpm.plugin_version.${verb}`] = { allowed: at('CloudClusterAdmin'), otherEnv: 'invisible' };
// srcm/v3 (issue 14): whoever may see the environment sees its registry.
EXPECT['srcm.cluster.list'] = { allowed: ROLES, otherEnv: 'invisible' };
EXPECT['srcm.cluster.read'] = { allowed: ROLES, otherEnv: 'invisible' };
// The Schema Registry (issue 14) is called with each caller's registry key (cloud keys are 401
// there): its owner's OrganizationAdmin or EnvironmentAdmin role on the registry's environment
// decides, and a refusal is a 403, never a 404 (the key already names the registry).
const REGISTRY_OPERATIONS = [
  'subject.list', 'subject.version.list', 'subject.version.read', 'subject.version.schema', 'subject.version.referenced_by', 'subject.register',
  'subject.lookup', 'subject.delete', 'subject.version.delete', 'schema.list', 'schema.read', 'schema.text', 'schema.subjects', 'schema.versions', 'schema.types',
  'config.read', 'config.update', 'config.delete', 'subject.config.read', 'subject.config.update', 'subject.config.delete', 'mode.read', 'mode.update',
  'subject.mode.read', 'subject.mode.update', 'subject.mode.delete', 'compatibility.check',
];
for (const op of REGISTRY_OPERATIONS) EXPECT[`schema_registry.${op}`] = { allowed: at('EnvironmentAdmin'), otherEnv: 'forbidden', noBinding: 'forbidden' };
for (const op of ['service_account', 'api_key', 'role_binding']) {
  for (const verb of ['list', 'create', 'read', 'update', 'delete']) EXPECT[`iam.${op}.${verb}`] = { allowed: ['OrganizationAdmin'], otherEnv: 'forbidden' };
}

describe('authorization matrix: every route × every caller', () => {
  let api: ApiApp;
  const auth = {} as Record<Caller, string | undefined>;
  /** The same callers' keys of env-1's Schema Registry (the unauthenticated ones as they are). */
  const registryAuth = {} as Record<Caller, string | undefined>;
  let ids: Record<string, string>;

  before(async () => {
    // An engine that answers (the in-memory one): reading offsets asks it at the time of the call.
    api = await startApiApp({ connectClient: new FakeConnectClient() });
    const b = api.bootstrap;
    const org = b.organization_id;
    const env2 = (await v2Call(api, adminAuth(api), 'POST', '/org/v2/environments', { display_name: 'second' })).json as { id: string };
    await fetch(`${api.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`, {
      method: 'POST', headers: { authorization: adminAuth(api), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'matrix', config: datagenConfig(b, 'matrix') }),
    });
    auth.none = undefined;
    auth.badSecret = basicAuth(b.cloud_api_key, b.kafka_api_secret);
    auth.kafkaKey = basicAuth(b.kafka_api_key, b.kafka_api_secret);
    auth.OrganizationAdmin = adminAuth(api);
    const owners = {} as Record<Caller, string>;
    const withRole = async (caller: Caller, role: string, crn: string) => {
      const key = await keyWithRole(api, role, crn);
      auth[caller] = key.auth;
      owners[caller] = key.serviceAccount;
    };
    await withRole('EnvironmentAdmin', 'EnvironmentAdmin', environmentCrn(org, b.environment_id));
    for (const role of ['CloudClusterAdmin', 'ConnectManager', 'Operator'] as const) await withRole(role, role, clusterCrn(org, b.environment_id, b.kafka_cluster_id));
    await withRole('otherEnvAdmin', 'EnvironmentAdmin', environmentCrn(org, env2.id));
    const loner = (await v2Call(api, adminAuth(api), 'POST', '/iam/v2/service-accounts', { display_name: 'no binding' })).json as { id: string };
    const lonerKey = (await v2Call(api, adminAuth(api), 'POST', '/iam/v2/api-keys', { spec: { owner: { id: loner.id }, resource: { id: 'cloud' } } })).json as { id: string; spec: { secret: string } };
    auth.noBinding = basicAuth(lonerKey.id, lonerKey.spec.secret);
    const revoked = await keyWithRole(api, 'OrganizationAdmin', `crn://confluent.cloud/organization=${org}`);
    await v2Call(api, adminAuth(api), 'DELETE', `/iam/v2/api-keys/${revoked.id}`);
    auth.revoked = revoked.auth;
    owners.noBinding = loner.id;
    Object.assign(registryAuth, auth, { OrganizationAdmin: basicAuth(b.schema_registry_api_key, b.schema_registry_api_secret) });
    for (const [caller, owner] of Object.entries(owners)) {
      const key = (await v2Call(api, adminAuth(api), 'POST', '/iam/v2/api-keys', { spec: { owner: { id: owner }, resource: { id: b.schema_registry_id } } })).json as { id: string; spec: { secret: string } };
      registryAuth[caller as Caller] = basicAuth(key.id, key.spec.secret);
    }
    ids = { registry: b.schema_registry_id, subject: 'matrix-value', version: '1', environment_id: b.environment_id, kafka_cluster_id: b.kafka_cluster_id, connector_name: 'matrix', plugin_name: 'DatagenSource', plugin_id: 'ccp-ghost0' };
  });
  after(async () => api.close());

  /** A harmless request per route: bodies that fail validation, ghost ids for deletes. */
  function requestFor(method: string, url: string): { path: string; body?: unknown } {
    const b = api.bootstrap;
    const ghostIds: Record<string, string> = { 'custom-connector-plugins': 'ccp-ghost0', plugins: 'ccp-ghost0', versions: 'ccp-ver-ghost0', 'service-accounts': 'sa-ghost0', 'api-keys': 'GHOSTGHOSTGHOST0', 'role-bindings': 'rb-ghost0', ids: '1', organizations: b.organization_id, environments: b.environment_id, clusters: b.kafka_cluster_id };
    let path = url.replace(/:([a-z_]+)/g, (_m, name: string) => {
      if (name !== 'id') return encodeURIComponent(ids[name]!);
      const resource = url.split('/').at(-2)!;
      return ghostIds[resource]!;
    });
    if (method === 'DELETE' && path.includes('/connectors/')) path = path.replace('/matrix', '/ghost');
    if (path.startsWith('/cmk/v2/clusters')) path += `?environment=${b.environment_id}`;
    if (path.startsWith('/srcm/v3/clusters')) path = `${path.replace(b.kafka_cluster_id, b.schema_registry_id)}?environment=${b.environment_id}`;
    if (path === '/iam/v2/role-bindings') path += `?crn_pattern=crn://confluent.cloud/organization=${b.organization_id}`;
    if (path.startsWith('/ccpm/v1')) path += `?environment=${b.environment_id}`;
    // cmk/v2 and ccpm/v1 plugins name the environment in spec; ccpm/v1's presign at the top.
    const environment = { id: b.environment_id };
    const inEnv = path.startsWith('/cmk') ? { spec: { environment } } : path.startsWith('/ccpm') ? { environment, spec: { environment } } : {};
    const body = ['POST', 'PUT', 'PATCH'].includes(method) ? inEnv : undefined;
    return { path, body };
  }

  function outcomeOf(status: number, text: string): Outcome {
    if (status === 401) return 'unauthenticated';
    if (status === 403) return 'forbidden';
    if (status === 404 && /account not found|"detail":"Not found"/.test(text)) return 'invisible';
    return 'allow';
  }

  it('classifies every registered route', () => {
    const unclassified = api.app.routeCatalog.filter((r) => !EXPECT[r.operation]);
    assert.deepEqual(unclassified, [], 'routes without an expectation here');
    assert.ok(api.app.routeCatalog.length >= 37, `${api.app.routeCatalog.length} routes`);
  });

  it('answers every route as expected for every caller, and never with a 5xx', async () => {
    const failures: string[] = [];
    for (const route of api.app.routeCatalog) {
      const expect = EXPECT[route.operation]!;
      const { path, body } = requestFor(route.method, route.url);
      for (const caller of Object.keys(auth) as Caller[]) {
        const keys = route.url.startsWith('/schema-registry/') ? registryAuth : auth;
        const res = await v2Call(api, keys[caller] ?? '', route.method, path, body);
        let wanted: Outcome;
        if (expect.open) wanted = 'allow';
        else if (['none', 'badSecret', 'kafkaKey', 'revoked'].includes(caller)) wanted = 'unauthenticated';
        else if (caller === 'noBinding') wanted = expect.noBinding ?? expect.otherEnv;
        else if (caller === 'otherEnvAdmin') wanted = expect.otherEnv;
        else wanted = expect.allowed.includes(caller) ? 'allow' : 'forbidden';
        const got = outcomeOf(res.status, res.text);
        if (got !== wanted || res.status >= 500) failures.push(`${route.method} ${path} as ${caller}: wanted ${wanted}, got ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
