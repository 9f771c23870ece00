// First start creates the identity once; later starts reuse it and keep the secrets file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Authenticator } from '../../src/services/authenticator.ts';
import { IdentityCache } from '../../src/services/identity-cache.ts';
import { ensureBootstrap } from '../../src/services/bootstrap.ts';
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

  it('creates exactly one org, environment, cluster, pool, admin and two keys', async () => {
    const count = async (table: 'organizations' | 'environments' | 'kafka_clusters' | 'connect_pools' | 'principals' | 'api_keys' | 'role_bindings') =>
      Number((await api.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    assert.deepEqual(
      [await count('organizations'), await count('environments'), await count('kafka_clusters'), await count('connect_pools'), await count('principals'), await count('api_keys')],
      [1, 1, 1, 1, 1, 2],
    );
    const binding = await api.db.selectFrom('role_bindings').selectAll().executeTakeFirstOrThrow();
    assert.equal(binding.role_name, 'OrganizationAdmin');
    const keys = await api.db.selectFrom('api_keys').select(['id', 'secret_hash', 'resource_kind', 'resource_id']).orderBy('resource_kind').execute();
    assert.deepEqual(keys.map((k) => [k.resource_kind, k.resource_id]), [['cloud', null], ['kafka_cluster', api.bootstrap.kafka_cluster_id]]);
    for (const key of keys) assert.notEqual(key.secret_hash, api.bootstrap.cloud_api_secret);
  });

  it('returns the same ids and keys on the next start, with the new endpoint', async () => {
    const again = await ensureBootstrap({ ...deps(), endpoint: 'http://127.0.0.1:1234', kafkaBootstrapServers: api.bootstrap.kafka_bootstrap_servers });
    assert.deepEqual({ ...again, endpoint: api.bootstrap.endpoint }, api.bootstrap);
    assert.equal(again.endpoint, 'http://127.0.0.1:1234');
    const caller = await new Authenticator(new IdentityCache(api.db), deps().secrets).authenticate(basicAuth(again.cloud_api_key, again.cloud_api_secret));
    assert.equal(caller.apiKeyId, again.cloud_api_key);
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
