// Issue 12: the export endpoint's own limit (CONTRACT §3.3, Confluent: 80 exports per hour of each
// resource per principal), here set to 2 so a test can spend it: the next export of a spent
// resource is a 429 in the metrics envelope with Retry-After up to the end of the hour; other
// resources and other principals keep their own budgets, and the next hour starts afresh.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { adminAuth, keyWithRole } from '../harness/principals.ts';

describe('metrics/v2 export: exports per resource per principal per hour', () => {
  let api: ApiApp;
  let now = new Date('2026-03-02T10:59:30Z');
  let operator = '';
  const exportOf = (auth: string, query: string) => fetch(`${api.url}/v2/metrics/cloud/export?${query}`, { headers: { authorization: auth } });

  before(async () => {
    api = await startApiApp({ now: () => now, metrics: { exportsPerHour: 2 } });
    const b = api.bootstrap;
    operator = (await keyWithRole(api, 'Operator', `crn://confluent.cloud/organization=${b.organization_id}/environment=${b.environment_id}/cloud-cluster=${b.kafka_cluster_id}`)).auth;
  });
  after(async () => api?.close());

  it('the third export of a resource within the hour is a 429; others and the next hour are not', async () => {
    const admin = adminAuth(api);
    for (let i = 0; i < 2; i++) assert.equal((await exportOf(admin, 'resource.connector.id=lcc-a')).status, 200);
    const spent = await exportOf(admin, 'resource.connector.id=lcc-a&resource.connector.id=lcc-b');
    assert.equal(spent.status, 429);
    assert.equal(spent.headers.get('retry-after'), '30');
    const body = await spent.json() as { errors: { status: string; detail: string }[] };
    assert.equal(body.errors[0]!.status, '429');
    assert.match(body.errors[0]!.detail, /lcc-a/);
    // The refused request took nothing: lcc-b still has both of its exports.
    for (let i = 0; i < 2; i++) assert.equal((await exportOf(admin, 'resource.connector.id=lcc-b')).status, 200);
    assert.equal((await exportOf(operator, 'resource.connector.id=lcc-a')).status, 200, 'another principal has its own budget');
    now = new Date('2026-03-02T11:00:01Z');
    assert.equal((await exportOf(admin, 'resource.connector.id=lcc-a')).status, 200, 'a new hour, a new budget');
  });

  it('an export naming more than 100 resources is a 400', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `resource.connector.id=lcc-${i}`).join('&');
    const res = await exportOf(adminAuth(api), many);
    assert.equal(res.status, 400);
  });
});
