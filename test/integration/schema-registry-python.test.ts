// Issue 14, interoperability with a client Cirrus did not write: Confluent's Python client
// (confluent-kafka from PyPI: SchemaRegistryClient, AvroSerializer, AvroDeserializer) registers,
// fetches and uses schemas in a Cirrus registry at the http_endpoint srcm/v3 gives, a URL with
// a path, onto which the client joins its own paths. Needs python3 with venv and pip (.ci/run
// installs them); the venv lives in the repo's .cache (test/harness/confluent-python.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { confluentPython, runConfluentScript } from '../harness/confluent-python.ts';
import { registryOf, type RegistryClient } from '../harness/schema-registry.ts';

describe('Confluent\'s Python client against the Cirrus Schema Registry (issue 14)', { timeout: 600_000 }, () => {
  let api: ApiApp;
  let sr: RegistryClient;

  before(async () => {
    api = await startApiApp();
    sr = await registryOf(api);
    confluentPython();
  });
  after(async () => api.close());

  it('registers, fetches, serializes and deserializes AVRO; the wire format carries the registry\'s id; a cloud key is refused with 40101', async () => {
    const b = api.bootstrap;
    const seen = await runConfluentScript('confluent_client.py', [
      sr.endpoint, b.schema_registry_api_key, b.schema_registry_api_secret, b.cloud_api_key, b.cloud_api_secret,
    ]) as Record<string, unknown>;
    assert.equal(typeof seen.id, 'number');
    assert.deepEqual([seen.fetched_type, seen.fetched_name, seen.latest_version, seen.latest_id], ['AVRO', 'Order', 1, seen.id]);
    assert.deepEqual([seen.magic, seen.wire_id], [0, seen.id]);
    assert.deepEqual(seen.decoded, { id: 7, item: 'kettle' });
    assert.deepEqual(seen.refused, { http_status: 401, error_code: 40101 });
    // What the client registered is in Cirrus's registry, read back over its REST API.
    const stored = await sr.call('GET', '/subjects/py-orders-value/versions/1');
    assert.equal((stored.json as { id: number }).id, seen.id);
  });
});
