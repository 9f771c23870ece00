// Issue 7, connector input the contract rules out: starting offsets of the wrong shape (19) and
// custom connectors, which do not exist yet (20). Each is a 400 in the connect/v1 union shape
// with nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client, expectError, expectSpec } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { adminClient } from '../harness/principals.ts';

describe('issue 7: connector input', () => {
  let api: ApiApp;
  let c: ConnectV1Client;
  const config = (name: string, extra: Record<string, unknown> = {}) => datagenConfig(api.bootstrap, name, extra);
  const stored = async () => (await api.db.selectFrom('connectors').select('id').execute()).length;

  before(async () => {
    api = await startApiApp();
    c = adminClient(api);
  });
  after(async () => api.close());

  it('item 19: offsets that are not the connector\'s {partition, offset} maps are a 400, nothing stored', async () => {
    const bad: [unknown, RegExp][] = [
      [['AAA'], /offsets\[0\] must be a JSON object/],
      [[{ partition: {}, offset: 0 }], /offsets\[0\]\.partition\.task is required/],
      [[{ partition: { task: 0 }, offset: {} }], /offsets\[0\]\.offset\.count is required/],
      [[{ partition: { task: 0 }, offset: { count: -5 } }], /offsets\[0\]\.offset\.count must be an integer of at least 0/],
      [[{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 5 } }], /kafka_topic is not part of this connector's offsets/],
      [[{ partition: { task: 0 }, offset: { count: 1 } }, { partition: { task: 0 }, offset: { count: 2 } }], /repeats offsets\[0\]\.partition/],
      ['everything', /offsets must be a JSON array/],
    ];
    for (const [offsets, message] of bad) {
      const before = await stored();
      expectError(await c.call('POST', '/connectors', { name: 'offsets', config: config('offsets'), offsets }), 400, message);
      assert.equal(await stored(), before, JSON.stringify(offsets));
    }
    const created = await c.call('POST', '/connectors', { name: 'offsets', config: config('offsets'), offsets: [{ partition: { task: 0 }, offset: { count: 5 } }] });
    expectSpec(created, 'post', '/connectors', 201);
    assert.deepEqual((created.body as { offsets: unknown }).offsets, [{ partition: { task: 0 }, offset: { count: 5 } }]);
  });

  it('item 20 (custom plugins since issue 9): confluent.connector.type=CUSTOM (any case) with an unknown plugin is a 400 naming the plugin key; validate is for managed plugins', async () => {
    const custom = { 'confluent.connector.type': 'CUSTOM', 'confluent.custom.plugin.id': 'ccp-abc123' };
    for (const type of ['CUSTOM', 'custom', 'Custom']) {
      const before = await stored();
      const extra = { ...custom, 'confluent.connector.type': type };
      expectError(await c.call('POST', '/connectors', { name: 'custom', config: config('custom', extra) }), 400, /confluent\.custom\.plugin\.id: no custom plugin ccp-abc123/);
      expectError(await c.call('PUT', '/connectors/custom/config', config('custom', extra)), 400, /confluent\.custom\.plugin\.id/);
      expectError(await c.call('PUT', '/connector-plugins/DatagenSource/config/validate', config('custom', extra)), 400, /confluent\.connector\.type/);
      assert.equal(await stored(), before);
    }
    expectError(await c.call('POST', '/connectors', { name: 'hybrid', config: config('hybrid', { 'confluent.connector.type': 'HYBRID' }) }), 400, /must be MANAGED or CUSTOM/);

    const managed = await c.call('POST', '/connectors', { name: 'managed', config: config('managed', { 'confluent.connector.type': 'managed' }) });
    expectSpec(managed, 'post', '/connectors', 201);
    const replaced = await c.call('PUT', '/connectors/managed/config', config('managed', { 'confluent.connector.type': 'MANAGED' }));
    assert.equal(replaced.status, 200, replaced.text);
    const custom2 = await c.call('PUT', '/connectors/managed/config', config('managed', custom));
    expectError(custom2, 400, /confluent\.custom\.plugin\.id/);
    const validated = await c.call('PUT', '/connector-plugins/DatagenSource/config/validate', config('v', { 'confluent.connector.type': 'MANAGED' }));
    assert.equal(validated.status, 200, validated.text);
  });
});
