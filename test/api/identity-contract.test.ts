// iam/v2, org/v2 and cmk/v2 over a socket: bodies against the published specs, and the
// behaviour around them (secrets shown once, keys working and revoked at once, paging, 409s).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';
import { eventually } from '../harness/wait.ts';

describe('iam/v2, org/v2, cmk/v2', () => {
  let api: ApiApp;
  let admin: string;
  const call = (method: string, p: string, body?: unknown, auth = admin) => v2Call(api, auth, method, p, body);
  const spec = (name: 'iam-v2' | 'org-v2' | 'cmk-v2', method: string, p: string, status: number, answer: { status: number; json: unknown; text: string }) => {
    assert.equal(answer.status, status, answer.text);
    assertMatchesSpec(loadSpec(name), method, p, status, answer.json);
  };

  before(async () => {
    api = await startApiApp();
    admin = adminAuth(api);
  });
  after(async () => api.close());

  it('service accounts: create 201 + Location, read, list with paging and filter, update, delete 204', async () => {
    const created = await call('POST', '/iam/v2/service-accounts', { display_name: 'ingest', description: 'writes' });
    spec('iam-v2', 'post', '/iam/v2/service-accounts', 201, created);
    const sa = created.json as { id: string; metadata: { self: string } };
    assert.match(sa.id, /^sa-[a-z0-9]{6}$/);
    assert.equal(created.headers.get('location'), sa.metadata.self);
    for (const n of [1, 2]) await call('POST', '/iam/v2/service-accounts', { display_name: `extra ${n}` });
    const page1 = await call('GET', '/iam/v2/service-accounts?page_size=2');
    spec('iam-v2', 'get', '/iam/v2/service-accounts', 200, page1);
    const list = page1.json as { data: unknown[]; metadata: { next?: string } };
    assert.equal(list.data.length, 2);
    const page2 = await call('GET', new URL(list.metadata.next!).pathname + new URL(list.metadata.next!).search);
    assert.equal((page2.json as { data: unknown[]; metadata: { next?: string } }).data.length, 1);
    assert.equal((page2.json as { metadata: { next?: string } }).metadata.next, undefined);
    assert.equal(((await call('GET', '/iam/v2/service-accounts?display_name=ingest')).json as { data: unknown[] }).data.length, 1);
    spec('iam-v2', 'get', '/iam/v2/service-accounts/{id}', 200, await call('GET', `/iam/v2/service-accounts/${sa.id}`));
    const patched = await call('PATCH', `/iam/v2/service-accounts/${sa.id}`, { description: 'writes more' });
    spec('iam-v2', 'patch', '/iam/v2/service-accounts/{id}', 200, patched);
    assert.equal((patched.json as { description: string }).description, 'writes more');
    assert.equal((await call('DELETE', `/iam/v2/service-accounts/${sa.id}`)).status, 204);
    spec('iam-v2', 'get', '/iam/v2/service-accounts/{id}', 404, await call('GET', `/iam/v2/service-accounts/${sa.id}`));
  });

  it('rejects bad input in the v2 shape: missing display_name, bad page_size, bad page_token', async () => {
    const missing = await call('POST', '/iam/v2/service-accounts', {});
    spec('iam-v2', 'post', '/iam/v2/service-accounts', 400, missing);
    assert.deepEqual((missing.json as { errors: { source: unknown }[] }).errors[0]!.source, { pointer: '/display_name' });
    const size = await call('GET', '/iam/v2/service-accounts?page_size=500');
    spec('iam-v2', 'get', '/iam/v2/service-accounts', 400, size);
    assert.deepEqual((size.json as { errors: { source: unknown }[] }).errors[0]!.source, { parameter: 'page_size' });
    assert.equal((await call('GET', '/iam/v2/service-accounts?page_token=%25%25')).status, 400);
  });

  it('API keys: the secret is shown once, the key works at once, deletion revokes at once', async () => {
    const sa = (await call('POST', '/iam/v2/service-accounts', { display_name: 'robot' })).json as { id: string };
    await call('POST', '/iam/v2/role-bindings', { principal: `User:${sa.id}`, role_name: 'OrganizationAdmin', crn_pattern: `crn://confluent.cloud/organization=${api.bootstrap.organization_id}` });
    const created = await call('POST', '/iam/v2/api-keys', { spec: { display_name: 'robot key', owner: { id: sa.id, related: '', resource_name: '' }, resource: { id: 'cloud', kind: 'Cloud' } } });
    assert.equal(created.status, 202, created.text);
    const key = created.json as { id: string; kind: string; spec: { secret: string; owner: { id: string; kind: string }; resource: { kind: string } } };
    assert.match(key.id, /^[A-Z0-9]{16}$/);
    assert.match(key.spec.secret, /^[A-Za-z0-9+/]{64}$/);
    assert.equal(key.spec.resource.kind, 'Cloud');
    assert.deepEqual([key.kind, key.spec.owner.kind], ['ApiKey', 'ServiceAccount']);
    const robot = basicAuth(key.id, key.spec.secret);
    assert.equal((await call('GET', '/org/v2/environments', undefined, robot)).status, 200, 'works at once');
    const read = (await call('GET', `/iam/v2/api-keys/${key.id}`)).json as { spec: { secret: string } };
    assert.equal(read.spec.secret, '', 'the secret is never shown again');
    const listed = await call('GET', `/iam/v2/api-keys?spec.owner=${sa.id}`);
    assert.equal((listed.json as { data: unknown[] }).data.length, 1);
    assert.equal(listed.text.includes(key.spec.secret), false);
    const kafka = await call('POST', '/iam/v2/api-keys', { spec: { owner: { id: sa.id }, resource: { id: api.bootstrap.kafka_cluster_id, kind: 'Cluster' } } });
    const kafkaKey = kafka.json as { id: string; spec: { secret: string; resource: { kind: string; environment: string } } };
    assert.deepEqual([kafkaKey.spec.resource.kind, kafkaKey.spec.resource.environment], ['Cluster', api.bootstrap.environment_id]);
    assert.equal((await call('GET', '/org/v2/environments', undefined, basicAuth(kafkaKey.id, kafkaKey.spec.secret))).status, 401, 'a Kafka key is no cloud key');
    assert.equal((await call('DELETE', `/iam/v2/api-keys/${key.id}`)).status, 204);
    assert.equal((await call('GET', '/org/v2/environments', undefined, robot)).status, 401, 'revoked at once');

    const stored = await api.db.selectFrom('api_keys').select('secret_hash').where('id', '=', kafkaKey.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.secret_hash, kafkaKey.spec.secret);
    for (const file of fs.readdirSync(api.home).map((f) => path.join(api.home, f)).filter((f) => fs.statSync(f).isFile())) {
      const content = fs.readFileSync(file);
      for (const secret of [key.spec.secret, kafkaKey.spec.secret]) assert.equal(content.includes(secret), false, `${path.basename(file)} holds no secret`);
    }
  });

  it('API keys: one created without spec.resource is a cloud key (Terraform sends none for one)', async () => {
    const sa = (await call('POST', '/iam/v2/service-accounts', { display_name: 'no resource' })).json as { id: string };
    const created = await call('POST', '/iam/v2/api-keys', { spec: { owner: { id: sa.id, kind: 'ServiceAccount', api_version: 'iam/v2' } } });
    assert.equal(created.status, 202, created.text);
    assert.equal((created.json as { spec: { resource: { kind: string } } }).spec.resource.kind, 'Cloud');
  });

  it('role bindings: validated, listed by CRN pattern, deleted with 200 and the binding', async () => {
    const sa = (await call('POST', '/iam/v2/service-accounts', { display_name: 'viewer' })).json as { id: string };
    const org = `crn://confluent.cloud/organization=${api.bootstrap.organization_id}`;
    assert.equal((await call('POST', '/iam/v2/role-bindings', { principal: `User:${sa.id}`, role_name: 'Wizard', crn_pattern: org })).status, 400);
    assert.equal((await call('POST', '/iam/v2/role-bindings', { principal: `User:${sa.id}`, role_name: 'Operator', crn_pattern: 'crn://confluent.cloud/organization=other' })).status, 400);
    assert.equal((await call('POST', '/iam/v2/role-bindings', { principal: 'User:sa-nope00', role_name: 'Operator', crn_pattern: org })).status, 400);
    const created = await call('POST', '/iam/v2/role-bindings', { principal: `User:${sa.id}`, role_name: 'Operator', crn_pattern: `${org}/environment=${api.bootstrap.environment_id}/cloud-cluster=${api.bootstrap.kafka_cluster_id}` });
    assert.equal(created.status, 201, created.text);
    const rb = created.json as { id: string; principal: string };
    assert.match(rb.id, /^rb-/);
    assert.equal((await call('GET', '/iam/v2/role-bindings')).status, 400, 'crn_pattern is required');
    const listed = (await call('GET', `/iam/v2/role-bindings?crn_pattern=${encodeURIComponent(org)}&principal=User:${sa.id}`)).json as { data: { id: string }[] };
    assert.deepEqual(listed.data.map((b) => b.id), [rb.id]);
    const deleted = await call('DELETE', `/iam/v2/role-bindings/${rb.id}`);
    assert.equal(deleted.status, 200);
    assert.equal((deleted.json as { id: string }).id, rb.id);
  });

  it('environments and clusters: CRUD in the spec shapes, 409 while not empty', async () => {
    const env = await call('POST', '/org/v2/environments', { display_name: 'staging' });
    spec('org-v2', 'post', '/org/v2/environments', 201, env);
    const envId = (env.json as { id: string }).id;
    spec('org-v2', 'get', '/org/v2/environments', 200, await call('GET', '/org/v2/environments'));
    spec('org-v2', 'get', '/org/v2/environments/{id}', 200, await call('GET', `/org/v2/environments/${envId}`));
    spec('org-v2', 'patch', '/org/v2/environments/{id}', 200, await call('PATCH', `/org/v2/environments/${envId}`, { display_name: 'stage' }));
    const cluster = await call('POST', '/cmk/v2/clusters', { spec: {
      display_name: 'ext', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'us-west-2', config: { kind: 'Basic' }, environment: { id: envId },
      cirrus: { kafka_bootstrap_servers: '127.0.0.1:9092', connect_url: 'http://127.0.0.1:8083' },
    } });
    spec('cmk-v2', 'post', '/cmk/v2/clusters', 202, cluster);
    const lkc = (cluster.json as { id: string; status: { phase: string } });
    assert.equal(lkc.status.phase, 'PROVISIONED');
    spec('cmk-v2', 'get', '/cmk/v2/clusters', 200, await call('GET', `/cmk/v2/clusters?environment=${envId}`));
    spec('cmk-v2', 'get', '/cmk/v2/clusters/{id}', 200, await call('GET', `/cmk/v2/clusters/${lkc.id}?environment=${envId}`));
    assert.equal((await call('GET', '/cmk/v2/clusters')).status, 400, 'environment is required');
    const unknown = await call('GET', '/cmk/v2/clusters?environment=env-nope00');
    spec('cmk-v2', 'get', '/cmk/v2/clusters', 400, unknown);
    assert.deepEqual((unknown.json as { errors: { source: unknown }[] }).errors[0]!.source, { parameter: 'environment' }, 'the list declares no 404');
    assert.equal((await call('GET', `/cmk/v2/clusters/${lkc.id}?environment=${api.bootstrap.environment_id}`)).status, 404);
    spec('cmk-v2', 'patch', '/cmk/v2/clusters/{id}', 200, await call('PATCH', `/cmk/v2/clusters/${lkc.id}`, { spec: { display_name: 'external', environment: { id: envId } } }));
    assert.equal((await call('POST', '/cmk/v2/clusters', { spec: { display_name: 'x', availability: 'SOMETIMES', cloud: 'AWS', region: 'r', config: { kind: 'Basic' }, environment: { id: envId } } })).status, 400);
    spec('org-v2', 'delete', '/org/v2/environments/{id}', 409, await call('DELETE', `/org/v2/environments/${envId}`));
    assert.equal((await call('DELETE', `/cmk/v2/clusters/${lkc.id}?environment=${envId}`)).status, 204);
    assert.equal((await call('DELETE', `/org/v2/environments/${envId}`)).status, 204);
  });

  it('rate-limits per key with 429, Retry-After and X-RateLimit headers, then recovers', async () => {
    const limited = await startApiApp({ rateLimit: { max: 5, windowSeconds: 2 } });
    try {
      const auth = adminAuth(limited);
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof v2Call>> | undefined;
      for (let i = 0; i < 8; i++) {
        last = await v2Call(limited, auth, 'GET', '/org/v2/environments');
        statuses.push(last.status);
        if (i === 0) {
          assert.equal(last.headers.get('x-ratelimit-limit'), '5');
          assert.equal(last.headers.get('x-ratelimit-remaining'), '4');
          assert.ok(Number(last.headers.get('x-ratelimit-reset')) <= 2, 'Reset is seconds from now');
        }
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
      assert.ok(Number(last!.headers.get('retry-after')) >= 1);
      assert.equal((last!.json as { errors: { status: string }[] }).errors[0]!.status, '429');
      const connect = await v2Call(limited, auth, 'GET', `/connect/v1/environments/${limited.bootstrap.environment_id}/clusters/${limited.bootstrap.kafka_cluster_id}/connectors`);
      assert.equal(connect.status, 429);
      assert.equal(connect.text, '', 'connect/v1 answers 429 without a body');
      const other = basicAuth(limited.bootstrap.kafka_api_key, 'x');
      assert.equal((await v2Call(limited, other, 'GET', '/org/v2/environments')).status, 401, 'another key has its own budget');
      await new Promise((r) => setTimeout(r, 2100));
      assert.equal((await v2Call(limited, auth, 'GET', '/org/v2/environments')).status, 200, 'recovers after the window');
    } finally {
      await limited.close();
    }
  });

  it('audits every mutation and every denied request, without secrets', async () => {
    await call('GET', '/org/v2/environments', undefined, basicAuth(api.bootstrap.cloud_api_key, 'wrong'));
    // The audit record is written after the response went out; a 401 joins its address's
    // aggregate for the minute (issue 7.10), written at the minute's end or on flush.
    const events = await eventually('the denied request in the audit log', async () => {
      await api.controlPlane.audit.flush();
      const rows = await api.db.selectFrom('audit_events').selectAll().execute();
      const lines = fs.readFileSync(path.join(api.home, 'audit.log'), 'utf8').trim().split('\n');
      return rows.some((e) => e.outcome === 'denied' && e.operation === 'org.environment.list') && lines.length === rows.length ? rows : undefined;
    }, { timeoutMs: 5000, intervalMs: 20 });
    const ops = new Set(events.map((e) => `${e.operation}:${e.outcome}`));
    for (const expected of ['iam.service_account.create:ok', 'iam.api_key.delete:ok', 'org.environment.delete:failed', 'org.environment.list:denied']) {
      assert.ok(ops.has(expected), `${expected} in ${[...ops].join(', ')}`);
    }
    assert.equal(events.some((e) => e.method === 'GET' && e.outcome === 'ok'), false, 'plain reads are not audited');
    const file = fs.readFileSync(path.join(api.home, 'audit.log'), 'utf8').trim().split('\n');
    assert.equal(file.length, events.length);
    assert.equal(file.join('').includes(api.bootstrap.cloud_api_secret), false);
  });
});
