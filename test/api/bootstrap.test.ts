// First start creates the identity once; later starts reuse it and keep the secrets file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Authenticator } from '../../src/services/authenticator.ts';
import { IdentityCache } from '../../src/services/identity-cache.ts';
import { bootstrapIdentity, ensureBootstrap, readBootstrapFile } from '../../src/services/bootstrap.ts';
import { openStore } from '../../src/store/database.ts';
import { tempHome } from '../harness/stack.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';

describe('identity bootstrap', () => {
  let api: ApiApp;
  before(async () => { api = await startApiApp(); });
  after(async () => api.close());

  const deps = () => ({
    db: api.db,
    secrets: api.controlPlane.secrets,
    home: api.home,
    now: () => new Date(),
  });

  it('creates exactly one org, environment, cluster, pool, admin and three keys (cloud, Kafka, Schema Registry)', async () => {
    const count = async (table: 'organizations' | 'environments' | 'kafka_clusters' | 'connect_pools' | 'principals' | 'api_keys' | 'role_bindings') =>
      Number((await api.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    assert.deepEqual(
      [await count('organizations'), await count('environments'), await count('kafka_clusters'), await count('connect_pools'), await count('principals'), await count('api_keys')],
      [1, 1, 1, 1, 1, 3],
    );
    const binding = await api.db.selectFrom('role_bindings').selectAll().executeTakeFirstOrThrow();
    assert.equal(binding.role_name, 'OrganizationAdmin');
    const keys = await api.db.selectFrom('api_keys').select(['id', 'secret_hash', 'resource_kind', 'resource_id']).orderBy('resource_kind').execute();
    assert.deepEqual(keys.map((k) => [k.resource_kind, k.resource_id]), [['cloud', null], ['kafka_cluster', api.bootstrap.kafka_cluster_id], ['schema_registry', api.bootstrap.schema_registry_id]]);
    for (const key of keys) assert.notEqual(key.secret_hash, api.bootstrap.cloud_api_secret);
  });

  it('returns the same ids and keys on the next start, with the new endpoint', async () => {
    const again = await ensureBootstrap({ ...deps(), endpoint: 'http://127.0.0.1:1234', kafkaBootstrapServers: api.bootstrap.kafka_bootstrap_servers });
    assert.deepEqual({ ...again, endpoint: api.bootstrap.endpoint, schema_registry_endpoint: api.bootstrap.schema_registry_endpoint }, api.bootstrap);
    assert.equal(again.endpoint, 'http://127.0.0.1:1234');
    assert.equal(again.schema_registry_endpoint, `http://127.0.0.1:1234/schema-registry/${again.schema_registry_id}`);
    const caller = await new Authenticator(new IdentityCache(api.db), deps().secrets).authenticate(basicAuth(again.cloud_api_key, again.cloud_api_secret));
    assert.equal(caller.apiKeyId, again.cloud_api_key);
  });

  it('a store bootstrapped before the Schema Registry gets a registry key on the next start (issue 14)', async () => {
    const file = path.join(api.home, 'bootstrap.json');
    const saved = fs.readFileSync(file);
    try {
      const { schema_registry_id: _id, schema_registry_endpoint: _endpoint, schema_registry_api_key: _key, schema_registry_api_secret: _secret, ...older } = api.bootstrap;
      fs.writeFileSync(file, JSON.stringify(older));
      const again = await ensureBootstrap({ ...deps(), endpoint: api.url, kafkaBootstrapServers: api.bootstrap.kafka_bootstrap_servers });
      assert.equal(again.schema_registry_id, api.bootstrap.schema_registry_id);
      assert.notEqual(again.schema_registry_api_key, api.bootstrap.schema_registry_api_key);
      const caller = await new Authenticator(new IdentityCache(api.db), deps().secrets).authenticateRegistry(basicAuth(again.schema_registry_api_key, again.schema_registry_api_secret), again.schema_registry_id);
      assert.equal(caller.apiKeyId, again.schema_registry_api_key);
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), again);
    } finally {
      fs.writeFileSync(file, saved);
    }
  });

  it('refuses to start when bootstrap.json is gone but the store is bootstrapped', async () => {
    const file = path.join(api.home, 'bootstrap.json');
    const saved = fs.readFileSync(file);
    fs.rmSync(file);
    try {
      await assert.rejects(ensureBootstrap({ ...deps(), endpoint: 'x', kafkaBootstrapServers: 'y' }), /bootstrap.json is missing/);
    } finally {
      fs.writeFileSync(file, saved);
    }
  });
});

describe('identity bootstrap: bootstrap.json appears once the API answers (issue 13)', () => {
  let api: ApiApp;
  before(async () => { api = await startApiApp(); });
  after(async () => api.close());

  // npm start spawns the data plane before the API listens, and publishes the file after.
  const fresh = async () => {
    const home = await tempHome('bootstrap-pending');
    const db = await openStore(path.join(home, 'cirrus.db'));
    return { home, db, deps: { db, secrets: api.controlPlane.secrets, home, endpoint: 'http://127.0.0.1:1', kafkaBootstrapServers: '127.0.0.1:9', now: () => new Date() } };
  };

  it('keeps a new identity out of bootstrap.json until it is published', async () => {
    const { home, db, deps } = await fresh();
    try {
      const bootstrap = await bootstrapIdentity(deps);
      assert.equal(bootstrap.created, true);
      assert.equal(readBootstrapFile(home), undefined, 'not before the API answers');
      bootstrap.publish();
      assert.deepEqual(readBootstrapFile(home), bootstrap.info);
      assert.equal(fs.existsSync(path.join(home, 'bootstrap.json.pending')), false);
    } finally {
      await db.destroy();
    }
  });

  it('gives the next start the identity of a start that died before publishing it', async () => {
    const { home, db, deps } = await fresh();
    try {
      const died = await bootstrapIdentity(deps);
      const next = await bootstrapIdentity(deps);
      assert.equal(next.created, false);
      assert.equal(next.info.cloud_api_secret, died.info.cloud_api_secret);
      assert.deepEqual(readBootstrapFile(home), next.info, 'written by the next start itself');
      assert.equal(fs.existsSync(path.join(home, 'bootstrap.json.pending')), false);
      const caller = await new Authenticator(new IdentityCache(db), deps.secrets).authenticate(basicAuth(next.info.cloud_api_key, next.info.cloud_api_secret));
      assert.equal(caller.apiKeyId, died.info.cloud_api_key);
    } finally {
      await db.destroy();
    }
  });
});
