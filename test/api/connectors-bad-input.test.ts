// Bad input gets the right 4xx in the connect/v1 union shape, and nothing is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MASK } from '../../src/core/connector-config.ts';
import { insertKafkaCluster } from '../../src/store/clusters.ts';
import { insertEnvironment } from '../../src/store/organizations.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, type CallOptions } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';

describe('connect/v1 connectors: bad input', () => {
  let api: ApiApp;
  let c: ConnectV1Client;
  let auth: string;
  const config = (name: string, extra: Record<string, unknown> = {}) => datagenConfig(api.bootstrap, name, extra);
  const stored = async () => (await api.db.selectFrom('connectors').select('id').execute()).length;
  const operations = async () => (await api.db.selectFrom('operations').select('seq').execute()).length;

  before(async () => {
    api = await startApiApp();
    const b = api.bootstrap;
    auth = basicAuth(b.cloud_api_key, b.cloud_api_secret);
    c = new ConnectV1Client(api.url, auth, b.environment_id, b.kafka_cluster_id);
    assert.equal((await c.call('POST', '/connectors', { name: 'existing', config: config('existing') })).status, 201);
  });
  after(async () => api.close());

  const long = 'é'.repeat(65);
  const cases: [string, string, string, unknown, CallOptions, number, RegExp][] = [
    ['malformed JSON', 'POST', '/connectors', undefined, { raw: '{"name": "x", config: }' }, 400, /not valid JSON/],
    ['an array body', 'POST', '/connectors', [1, 2], {}, 400, /JSON object/],
    ['no config', 'POST', '/connectors', { name: 'x' }, {}, 400, /config is required/],
    ['a config that is a string', 'POST', '/connectors', { name: 'x', config: 'tasks.max=1' }, {}, 400, /config must be a JSON object/],
    ['a null config value', 'POST', '/connectors', { name: 'x', config: { name: 'x', 'tasks.max': null } }, {}, 400, /"tasks.max".*null/],
    ['an object config value', 'POST', '/connectors', { name: 'x', config: { name: 'x', nested: { a: 1 } } }, {}, 400, /"nested".*object/],
    ['an array config value', 'POST', '/connectors', { name: 'x', config: { name: 'x', list: ['a'] } }, {}, 400, /"list".*array/],
    ['a 65-character name', 'POST', '/connectors', { name: long, config: {} }, {}, 400, /at most 64/],
    ['a name with a slash', 'POST', '/connectors', { name: 'a/b', config: {} }, {}, 400, /may contain only/],
    ['a name with a question mark', 'POST', '/connectors', { name: 'a?b', config: {} }, {}, 400, /may contain only/],
    ['names that disagree', 'POST', '/connectors', { name: 'one', config: { name: 'two' } }, {}, 400, /does not match/],
    ['no name at all', 'POST', '/connectors', { config: { quickstart: 'USERS' } }, {}, 400, /needs a name/],
    ['no connector.class', 'POST', '/connectors', { name: 'x', config: { name: 'x' } }, {}, 400, /connector\.class/],
    ['an unknown plugin', 'POST', '/connectors', { name: 'x', config: { name: 'x', 'connector.class': 'NoSuchSource' } }, {}, 400, /unknown connector class "NoSuchSource"/],
    ['missing required keys', 'POST', '/connectors', { name: 'x', config: { name: 'x', 'connector.class': 'DatagenSource' } }, {}, 400, /kafka\.topic.*quickstart/],
    ['an unknown quickstart', 'POST', '/connectors', { name: 'x', config: null }, {}, 400, /quickstart: Invalid value/],
    ['a bad number', 'POST', '/connectors', { name: 'x', config: null }, {}, 400, /max\.interval: Invalid value soon/],
    ['a wrong Kafka secret', 'POST', '/connectors', { name: 'x', config: null }, {}, 400, /not valid for cluster/],
    ['the cloud key as Kafka key', 'POST', '/connectors', { name: 'x', config: null }, {}, 400, /not valid for cluster/],
    ['a masked secret with nothing stored', 'POST', '/connectors', { name: 'x', config: null }, {}, 400, /masked but no value is stored/],
    ['a duplicate name', 'POST', '/connectors', { name: 'existing', config: null }, {}, 409, /already exists/],
    ['PUT config naming another connector', 'PUT', '/connectors/existing/config', { name: 'other' }, {}, 400, /does not match/],
    ['PUT config with a bad value', 'PUT', '/connectors/existing/config', null, {}, 400, /tasks\.max: Invalid value 0/],
  ];
  // Configs that need the bootstrap (filled in at run time).
  const late: Record<string, () => Record<string, unknown>> = {
    'an unknown quickstart': () => config('x', { quickstart: 'WEATHER' }),
    'a bad number': () => config('x', { 'max.interval': 'soon' }),
    'a wrong Kafka secret': () => config('x', { 'kafka.api.secret': api.bootstrap.cloud_api_secret }),
    'the cloud key as Kafka key': () => config('x', { 'kafka.api.key': api.bootstrap.cloud_api_key, 'kafka.api.secret': api.bootstrap.cloud_api_secret }),
    'a masked secret with nothing stored': () => config('x', { 'kafka.api.secret': MASK }),
    'a duplicate name': () => config('existing'),
    'PUT config with a bad value': () => config('existing', { 'tasks.max': '0' }),
  };

  for (const [name, method, path, body, options, status, message] of cases) {
    it(`answers ${status} to ${name}, storing nothing`, async () => {
      const [connectors, ops] = [await stored(), await operations()];
      const payload = late[name] ? (method === 'PUT' ? late[name]() : { ...(body as object), config: late[name]() }) : body;
      expectError(await c.call(method, path, payload, options), status, message);
      assert.equal(await stored(), connectors);
      assert.equal(await operations(), ops);
    });
  }

  it('leaves a connector unchanged when its PUT config is refused', async () => {
    const before = (await c.call('GET', '/connectors/existing/config')).body;
    await c.call('PUT', '/connectors/existing/config', config('existing', { quickstart: 'nope' }));
    assert.deepEqual((await c.call('GET', '/connectors/existing/config')).body, before);
  });

  it('answers 404 "account not found" for an unknown environment or cluster, or a cluster of another environment', async () => {
    const b = api.bootstrap;
    const at = new Date().toISOString();
    await insertEnvironment(api.db, { id: 'env-other1', organizationId: b.organization_id, displayName: 'other', streamGovernancePackage: 'ESSENTIALS', createdAt: at, updatedAt: at });
    await insertKafkaCluster(api.db, {
      id: 'lkc-other1', environmentId: 'env-other1', displayName: 'other', kind: 'embedded', bootstrapServers: undefined,
      cloud: 'local', region: 'local', connectPoolId: b.connect_pool_id, availability: 'SINGLE_ZONE', configKind: 'Basic', cku: null, maxEcku: null,
      brokerPorts: undefined, createdAt: at, updatedAt: at,
    });
    const scopes = [['env-nope00', b.kafka_cluster_id], [b.environment_id, 'lkc-nope00'], [b.environment_id, 'lkc-other1'], ['env-other1', b.kafka_cluster_id]];
    for (const [env, lkc] of scopes) {
      const other = new ConnectV1Client(api.url, auth, env!, lkc!);
      for (const [method, path] of [['GET', '/connectors'], ['POST', '/connectors'], ['GET', '/connectors/existing/status'], ['GET', '/connector-plugins']]) {
        expectError(await other.call(method!, path!, method === 'POST' ? { name: 'z', config: config('z') } : undefined), 404, /^account not found$/);
      }
    }
  });

  it('answers 404 "resource not found" for an unknown connector on every connector route', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/connectors/ghost'], ['GET', '/connectors/ghost/config'], ['GET', '/connectors/ghost/status'],
      ['GET', '/connectors/ghost/tasks'], ['PUT', '/connectors/ghost/pause'], ['PUT', '/connectors/ghost/resume'],
      ['DELETE', '/connectors/ghost'],
    ];
    for (const [method, path] of routes) expectError(await c.call(method, path), 404, /^resource not found$/);
  });

  it('decodes path names by RFC 3986: %20, %7C, %5B%5D and a literal + are all kept', async () => {
    const name = 'a b|[c]+d&e';
    assert.equal((await c.call('POST', '/connectors', { name, config: config(name) })).status, 201);
    const res = await c.call('GET', '/connectors/a%20b%7C%5Bc%5D+d&e');
    assert.equal(res.status, 200, res.text);
    assert.equal((res.body as { name: string }).name, name);
  });
});
