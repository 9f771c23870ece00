// Issue 14: the credential Cirrus gives its own connectors at their environment's Schema
// Registry (services/registry-connectors.ts). It reads and registers schemas in its own
// registry, and nothing else: no config, mode or delete there (403), and no other registry (401);
// a wrong secret is a 401; it is no API key, so no control-plane API takes it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadMasterKey } from '../../src/services/master-key.ts';
import { RegistryConnectorCredentials } from '../../src/services/registry-connectors.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';
import { avroRecord, registryOf, type RegistryClient } from '../harness/schema-registry.ts';

describe('the connectors\' own Schema Registry credential', () => {
  let api: ApiApp;
  let registry: RegistryClient;
  let connectors: string;
  let credentials: RegistryConnectorCredentials;

  before(async () => {
    api = await startApiApp();
    registry = await registryOf(api);
    credentials = new RegistryConnectorCredentials(loadMasterKey(api.home, undefined).derive('registry-connectors'));
    const [user, secret] = credentials.userInfo(registry.id).split(':') as [string, string];
    connectors = basicAuth(user, secret);
  });
  after(async () => api?.close());

  it('registers and reads schemas in its own registry', async () => {
    const schema = avroRecord([{ name: 'id', type: 'long' }], 'Row');
    const registered = await registry.call('POST', '/subjects/orders-value/versions', { schema }, connectors);
    assert.equal(registered.status, 200, registered.text);
    const { id } = registered.json as { id: number };
    const read = await registry.call('GET', `/schemas/ids/${id}`, undefined, connectors);
    assert.equal(read.status, 200, read.text);
    assert.equal(JSON.parse((read.json as { schema: string }).schema).name, 'Row');
    assert.equal((await registry.call('POST', '/subjects/orders-value', { schema }, connectors)).status, 200, 'lookup');
  });

  it('may not change settings or delete: 403 in the registry\'s shape', async () => {
    for (const [method, path, body] of [['PUT', '/config', { compatibility: 'NONE' }], ['PUT', '/mode', { mode: 'READONLY' }], ['DELETE', '/subjects/orders-value', undefined]] as const) {
      const res = await registry.call(method, path, body, connectors);
      assert.equal(res.status, 403, `${method} ${path}: ${res.text}`);
      assert.equal((res.json as { error_code: number }).error_code, 40301);
    }
  });

  it('is refused elsewhere: a wrong secret, another environment\'s registry, the control-plane APIs', async () => {
    const wrong = basicAuth('cirrus-connectors', Buffer.alloc(32).toString('base64url'));
    assert.equal((await registry.call('GET', '/subjects', undefined, wrong)).status, 401);
    const env = await v2Call(api, adminAuth(api), 'POST', '/org/v2/environments', { display_name: 'other' });
    const other = await registryOf(api, (env.json as { id: string }).id);
    const res = await other.call('GET', '/subjects', undefined, connectors);
    assert.equal(res.status, 401);
    assert.equal((res.json as { error_code: number }).error_code, 40101);
    assert.equal((await v2Call(api, connectors, 'GET', '/org/v2/environments')).status, 401);
  });
});
