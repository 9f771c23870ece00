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
  const clusterSpec = (extra: Record<string, unknown> = {}) => ({
    display_name: 'c', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'us-west-2', config: { kind: 'Basic' },
    environment: { id: api.bootstrap.environment_id }, cirrus: { kafka_bootstrap_servers: '127.0.0.1:9092', connect_url: 'http://127.0.0.1:8083' }, ...extra,
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
});
