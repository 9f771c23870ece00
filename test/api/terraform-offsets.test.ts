// Terraform's `offsets` block on confluent_connector, as the provider (v2.83.4,
// resource_connector.go + utils_wait.go) drives it through the Go SDK: create with offsets, then a
// changed block → POST …/offsets/request PATCH, an emptied one → DELETE (no `offsets` key: the SDK
// omits an unset list); then it polls …/offsets/request/status, where PENDING waits, APPLIED is
// done and anything else fails the apply. Bodies are the SDK's JSON (keys sorted, a newline);
// answers must decode into its models (required fields, RFC3339 times, the phase enum).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { FakeConnectClient } from '../harness/fake-connect.ts';
import { POOL_URL } from '../harness/reconciler-rig.ts';
import { sdkCall } from '../harness/terraform-client.ts';
import { eventually } from '../harness/wait.ts';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe('Terraform offsets block (issue 11)', () => {
  const engine = new FakeConnectClient();
  let api: ApiApp;
  let base: string;

  before(async () => {
    api = await startApiApp({ connectClient: engine });
    api.dataPlane.urls[api.bootstrap.connect_pool_id] = POOL_URL;
    base = `/connect/v1/environments/${api.bootstrap.environment_id}/clusters/${api.bootstrap.kafka_cluster_id}/connectors`;
  });
  after(async () => api.close());

  /** utils_wait.go connectorOffsetUpdateStatus, with the reconciler's passes run in between. */
  const waitForOffsetsUpdate = (name: string) => eventually('APPLIED', async () => {
    await api.controlPlane.reconciler.pass();
    const res = await sdkCall(api, 'GET', `${base}/${name}/offsets/request/status`);
    assert.equal(res.status, 200, res.text);
    const body = res.json as { request: Record<string, unknown>; status: { phase: string; message?: string }; applied_at: string | null };
    for (const key of ['id', 'name', 'type', 'requested_at']) assert.ok(key in body.request, `request.${key} is required`);
    assert.match(String(body.request.requested_at), RFC3339);
    if (body.status.phase === 'PENDING') return undefined;
    assert.equal(body.status.phase, 'APPLIED', `the apply fails on ${body.status.phase}: ${body.status.message}`);
    assert.match(body.applied_at ?? '', RFC3339);
    return body;
  }, { timeoutMs: 10_000, intervalMs: 100 });

  it('creates with offsets, changes them (PATCH), then empties the block (DELETE)', async () => {
    const offsets = [{ offset: { count: 3 }, partition: { task: 0 } }];
    const created = await sdkCall(api, 'POST', base, { config: datagenConfig(api.bootstrap, 'tf'), name: 'tf', offsets });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.json.offsets, offsets);
    await api.controlPlane.reconciler.pass();
    const id = ((await sdkCall(api, 'GET', `${base}?expand=id`)).json as Record<string, { id: { id: string } }>).tf!.id.id;
    assert.deepEqual(engine.connector(POOL_URL, id)!.offsets, offsets, 'the starting offsets are in');

    const changed = [{ offset: { count: 10 }, partition: { task: 0 } }];
    const patch = await sdkCall(api, 'POST', `${base}/tf/offsets/request`, { offsets: changed, type: 'PATCH' });
    assert.equal(patch.status, 202, patch.text);
    assert.deepEqual({ ...patch.json, requested_at: undefined }, { id, name: 'tf', type: 'PATCH', offsets: changed, requested_at: undefined });
    await waitForOffsetsUpdate('tf');
    assert.deepEqual(engine.connector(POOL_URL, id)!.offsets, changed);

    const reset = await sdkCall(api, 'POST', `${base}/tf/offsets/request`, { type: 'DELETE' });
    assert.equal(reset.status, 202, reset.text);
    assert.deepEqual(reset.json.offsets, []);
    await waitForOffsetsUpdate('tf');
    assert.deepEqual(engine.connector(POOL_URL, id)!.offsets, []);
    assert.equal(engine.connector(POOL_URL, id)!.state, 'RUNNING');
  });
});
