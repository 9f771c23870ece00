// Issue 7, bad input the published specs already rule out: each answer is a 400 in the family's
// error shape, pointing at the field (JSON pointer) or the query parameter, and nothing changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';

type Answer = Awaited<ReturnType<typeof v2Call>>;

/** A v2 400 whose first error points at `source`. */
function expectBadRequest(answer: Answer, source: { pointer: string } | { parameter: string }, detail?: RegExp): void {
  assert.equal(answer.status, 400, answer.text);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  const error = (answer.json as { errors: { status: string; source?: unknown; detail: string }[] }).errors[0]!;
  assert.equal(error.status, '400');
  assert.deepEqual(error.source, source, answer.text);
  if (detail) assert.match(error.detail, detail);
}

describe('issue 7: input the specs rule out', () => {
  let api: ApiApp;
  let admin: string;
  const call = (method: string, p: string, body?: unknown) => v2Call(api, admin, method, p, body);
  // External clusters (the fake data plane runs no embedded ones), each with its own Connect URL.
  let port = 18083;
  const clusterSpec = (extra: Record<string, unknown> = {}) => ({
    display_name: 'c', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'us-west-2', config: { kind: 'Basic' },
    environment: { id: api.bootstrap.environment_id }, cirrus: { kafka_bootstrap_servers: '127.0.0.1:9092', connect_url: `http://127.0.0.1:${port++}` }, ...extra,
  });

  before(async () => {
    api = await startApiApp();
    admin = adminAuth(api);
  });
  after(async () => api.close());

  it('item 24: error pointers are JSON pointers (/spec/display_name, not /spec.display_name)', async () => {
    const b = api.bootstrap;
    const patch = await call('PATCH', `/cmk/v2/clusters/${b.kafka_cluster_id}`, { spec: { display_name: ' ', environment: { id: b.environment_id } } });
    expectBadRequest(patch, { pointer: '/spec/display_name' }, /spec\.display_name is required/);
    assertMatchesSpec(loadSpec('cmk-v2'), 'patch', '/cmk/v2/clusters/{id}', 400, patch.json);
    expectBadRequest(await call('POST', '/cmk/v2/clusters', { spec: clusterSpec({ region: '' }) }), { pointer: '/spec/region' });
  });

  it('item 8: a single-valued query parameter given twice is a 400 naming it, in the v2 shape', async () => {
    const b = api.bootstrap;
    const cases: [string, string][] = [
      ['/iam/v2/api-keys?spec.owner=a&spec.owner=b', 'spec.owner'],
      ['/iam/v2/api-keys?spec.resource=cloud&spec.resource=cloud', 'spec.resource'],
      ['/iam/v2/service-accounts?page_size=1&page_size=2', 'page_size'],
      [`/iam/v2/role-bindings?crn_pattern=crn://confluent.cloud/organization=${b.organization_id}&crn_pattern=x`, 'crn_pattern'],
      ['/org/v2/environments?page_token=a&page_token=b', 'page_token'],
      [`/cmk/v2/clusters?environment=${b.environment_id}&environment=${b.environment_id}`, 'environment'],
      [`/cmk/v2/clusters/${b.kafka_cluster_id}?environment=${b.environment_id}&environment=${b.environment_id}`, 'environment'],
    ];
    for (const [path, parameter] of cases) expectBadRequest(await call('GET', path), { parameter }, new RegExp(`^${parameter.replace('.', '\\.')} takes one value`));
    const listed = await call('GET', '/iam/v2/service-accounts?page_size=1&page_size=2');
    assertMatchesSpec(loadSpec('iam-v2'), 'get', '/iam/v2/service-accounts', 400, listed.json);
  });

  it('item 8: parameters the spec lets a client repeat stay repeatable', async () => {
    const b = api.bootstrap;
    for (const name of ['one', 'two']) await call('POST', '/iam/v2/service-accounts', { display_name: name });
    const both = await call('GET', '/iam/v2/service-accounts?display_name=one&display_name=two');
    assert.equal(both.status, 200, both.text);
    assert.deepEqual((both.json as { data: { display_name: string }[] }).data.map((s) => s.display_name).sort(), ['one', 'two']);
    assert.equal((await call('GET', `/cmk/v2/clusters?environment=${b.environment_id}&spec.network=n-1&spec.network=n-2`)).status, 200);
    const expand = await call('GET', `/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors?expand=id&expand=status`);
    assert.equal(expand.status, 200, expand.text);
  });

  it('item 22: a v2 POST or PATCH body that is not a JSON object is a 400 and changes nothing', async () => {
    const b = api.bootstrap;
    const sa = (await call('POST', '/iam/v2/service-accounts', { display_name: 'bodies' })).json as { id: string };
    const before = (await call('GET', `/org/v2/environments/${b.environment_id}`)).json as { metadata: { updated_at: string } };
    const routes: [string, string][] = [
      ['POST', '/iam/v2/service-accounts'], ['PATCH', `/iam/v2/service-accounts/${sa.id}`],
      ['POST', '/iam/v2/api-keys'], ['PATCH', `/iam/v2/api-keys/${b.cloud_api_key}`], ['POST', '/iam/v2/role-bindings'],
      ['POST', '/org/v2/environments'], ['PATCH', `/org/v2/environments/${b.environment_id}`],
      ['POST', '/cmk/v2/clusters'], ['PATCH', `/cmk/v2/clusters/${b.kafka_cluster_id}`],
    ];
    for (const [method, path] of routes) {
      for (const raw of ['[1,2]', '"AAA"', 'null', '0']) {
        const res = await fetch(`${api.url}${path}`, { method, headers: { authorization: admin, 'content-type': 'application/json' }, body: raw });
        const text = await res.text();
        assert.equal(res.status, 400, `${method} ${path} ${raw}: ${text}`);
        assert.match(JSON.parse(text).errors[0].detail, /The request body must be a JSON object/);
      }
    }
    const after = (await call('GET', `/org/v2/environments/${b.environment_id}`)).json as { metadata: { updated_at: string } };
    assert.equal(after.metadata.updated_at, before.metadata.updated_at, 'updated_at unchanged');
  });

  it('item 25: environments keep and validate stream_governance_config.package', async () => {
    const org = loadSpec('org-v2');
    const created = await call('POST', '/org/v2/environments', { display_name: 'governed', stream_governance_config: { package: 'ADVANCED' } });
    assert.equal(created.status, 201, created.text);
    assertMatchesSpec(org, 'post', '/org/v2/environments', 201, created.json);
    const env = created.json as { id: string; stream_governance_config: { package: string } };
    assert.equal(env.stream_governance_config.package, 'ADVANCED');
    const read = await call('GET', `/org/v2/environments/${env.id}`);
    assert.deepEqual((read.json as typeof env).stream_governance_config, { package: 'ADVANCED' });
    const listed = (await call('GET', '/org/v2/environments?page_size=100')).json as { data: (typeof env)[] };
    assert.equal(listed.data.find((e) => e.id === env.id)!.stream_governance_config.package, 'ADVANCED');
    const plain = (await call('POST', '/org/v2/environments', { display_name: 'plain' })).json as typeof env;
    assert.equal(plain.stream_governance_config.package, 'ESSENTIALS', 'the default');

    for (const bad of [42, 'BASIC', null]) {
      const refused = await call('POST', '/org/v2/environments', { display_name: 'bad', stream_governance_config: { package: bad } });
      expectBadRequest(refused, { pointer: '/stream_governance_config/package' });
      assertMatchesSpec(org, 'post', '/org/v2/environments', 400, refused.json);
      expectBadRequest(await call('PATCH', `/org/v2/environments/${env.id}`, { stream_governance_config: { package: bad } }), { pointer: '/stream_governance_config/package' });
    }
    const patched = await call('PATCH', `/org/v2/environments/${env.id}`, { stream_governance_config: { package: 'ESSENTIALS' } });
    assertMatchesSpec(org, 'patch', '/org/v2/environments/{id}', 200, patched.json);
    assert.equal((patched.json as typeof env).stream_governance_config.package, 'ESSENTIALS');
    assert.equal(((await call('GET', `/org/v2/environments/${env.id}`)).json as typeof env).stream_governance_config.package, 'ESSENTIALS');
  });

  it('item 21: a Dedicated cluster needs spec.config.cku, keeps it and shows it in spec.config and status', async () => {
    const cmk = loadSpec('cmk-v2');
    const refused: [Record<string, unknown>, string, string][] = [
      [{ kind: 'Dedicated' }, 'SINGLE_ZONE', '/spec/config/cku'],
      [{ kind: 'Dedicated', cku: 0 }, 'SINGLE_ZONE', '/spec/config/cku'],
      [{ kind: 'Dedicated', cku: '2' }, 'SINGLE_ZONE', '/spec/config/cku'],
      [{ kind: 'Dedicated', cku: 1.5 }, 'SINGLE_ZONE', '/spec/config/cku'],
      [{ kind: 'Dedicated', cku: 1 }, 'MULTI_ZONE', '/spec/config/cku'],
      [{ kind: 'Dedicated', cku: 2, max_ecku: 2 }, 'SINGLE_ZONE', '/spec/config/max_ecku'],
      [{ kind: 'Basic', cku: 1 }, 'SINGLE_ZONE', '/spec/config/cku'],
      [{ kind: 'Standard', cku: 2 }, 'SINGLE_ZONE', '/spec/config/cku'],
    ];
    const before = (await api.db.selectFrom('kafka_clusters').select('id').execute()).length;
    for (const [config, availability, pointer] of refused) {
      const res = await call('POST', '/cmk/v2/clusters', { spec: clusterSpec({ config, availability }) });
      expectBadRequest(res, { pointer });
      assertMatchesSpec(cmk, 'post', '/cmk/v2/clusters', 400, res.json);
    }
    assert.equal((await api.db.selectFrom('kafka_clusters').select('id').execute()).length, before, 'nothing stored');

    const created = await call('POST', '/cmk/v2/clusters', { spec: clusterSpec({ config: { kind: 'Dedicated', cku: 2 }, availability: 'MULTI_ZONE' }) });
    assert.equal(created.status, 202, created.text);
    assertMatchesSpec(cmk, 'post', '/cmk/v2/clusters', 202, created.json);
    const lkc = created.json as { id: string; spec: { config: unknown }; status: { cku?: number } };
    assert.deepEqual([lkc.spec.config, lkc.status.cku], [{ kind: 'Dedicated', cku: 2 }, 2]);
    const read = await call('GET', `/cmk/v2/clusters/${lkc.id}?environment=${api.bootstrap.environment_id}`);
    assertMatchesSpec(cmk, 'get', '/cmk/v2/clusters/{id}', 200, read.json);
    assert.deepEqual([(read.json as typeof lkc).spec.config, (read.json as typeof lkc).status.cku], [{ kind: 'Dedicated', cku: 2 }, 2]);

    const standard = await call('POST', '/cmk/v2/clusters', { spec: clusterSpec({ config: { kind: 'Standard', max_ecku: 4 } }) });
    assert.equal(standard.status, 202, standard.text);
    assert.deepEqual((standard.json as typeof lkc).spec.config, { kind: 'Standard', max_ecku: 4 });
    assert.equal((standard.json as typeof lkc).status.cku, undefined, 'no cku but on Dedicated clusters');
  });

  it('item 23: cmk PATCH applies what ClusterSpecUpdate allows and refuses changing the rest', async () => {
    const cmk = loadSpec('cmk-v2');
    const env = { id: api.bootstrap.environment_id };
    const basic = (await call('POST', '/cmk/v2/clusters', { spec: clusterSpec() })).json as { id: string };
    const dedicated = (await call('POST', '/cmk/v2/clusters', { spec: clusterSpec({ config: { kind: 'Dedicated', cku: 1 } }) })).json as { id: string };
    type Cluster = { spec: { availability: string; config: unknown; display_name: string }; status: { cku?: number }; metadata: { updated_at: string } };
    const patch = (id: string, spec: Record<string, unknown>) => call('PATCH', `/cmk/v2/clusters/${id}`, { spec: { environment: env, ...spec } });
    const read = async (id: string) => (await call('GET', `/cmk/v2/clusters/${id}?environment=${env.id}`)).json as Cluster;

    const moved = await patch(basic.id, { availability: 'MULTI_ZONE', display_name: 'wider' });
    assert.equal(moved.status, 200, moved.text);
    assertMatchesSpec(cmk, 'patch', '/cmk/v2/clusters/{id}', 200, moved.json);
    assert.deepEqual([(await read(basic.id)).spec.availability, (await read(basic.id)).spec.display_name], ['MULTI_ZONE', 'wider']);
    const upgraded = await patch(basic.id, { config: { kind: 'Standard', max_ecku: 3 } });
    assert.deepEqual((upgraded.json as Cluster).spec.config, { kind: 'Standard', max_ecku: 3 });
    const scaled = await patch(dedicated.id, { config: { kind: 'Dedicated', cku: 3 } });
    assert.equal(scaled.status, 200, scaled.text);
    assert.deepEqual([(scaled.json as Cluster).spec.config, (scaled.json as Cluster).status.cku], [{ kind: 'Dedicated', cku: 3 }, 3]);
    assert.equal((await read(dedicated.id)).status.cku, 3);
    const harmless = await patch(basic.id, { cloud: 'AWS', region: 'us-west-2', deletion_protection: false, network: null });
    assert.equal(harmless.status, 200, harmless.text);

    const stamp = (await read(basic.id)).metadata.updated_at;
    const refused: [string, Record<string, unknown>, string][] = [
      [basic.id, { cloud: 'GCP' }, '/spec/cloud'], [basic.id, { region: 'eu-west-1' }, '/spec/region'],
      [basic.id, { network: { id: 'n-abc123' } }, '/spec/network'], [basic.id, { deletion_protection: true }, '/spec/deletion_protection'],
      [basic.id, { config: { kind: 'Basic' } }, '/spec/config/kind'], [basic.id, { config: { kind: 'Dedicated', cku: 2 } }, '/spec/config/kind'],
      [basic.id, { availability: 'SOMETIMES' }, '/spec/availability'], [basic.id, { config: { cku: 2 } }, '/spec/config/cku'],
      [dedicated.id, { config: { kind: 'Dedicated', cku: 0 } }, '/spec/config/cku'], [dedicated.id, { availability: 'MULTI_ZONE', config: { cku: 1 } }, '/spec/config/cku'],
    ];
    for (const [id, spec, pointer] of refused) {
      const res = await patch(id, spec);
      expectBadRequest(res, { pointer });
      assertMatchesSpec(cmk, 'patch', '/cmk/v2/clusters/{id}', 400, res.json);
    }
    assert.equal((await read(basic.id)).metadata.updated_at, stamp, 'a refused PATCH changes nothing');
    assert.equal((await read(dedicated.id)).status.cku, 3);
  });
});
