// The audit log under abuse (issue 7): what a refused request leaves behind in the table and in
// `audit.log`, over a real socket.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { eventually } from '../harness/wait.ts';

describe('audit log under abuse', () => {
  let api: ApiApp;
  before(async () => { api = await startApiApp(); });
  after(async () => api.close());

  const auditRows = () => api.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();

  it('issue 7.11: a swapped key and secret never puts the secret into the audit log', async () => {
    const { cloud_api_key: key, cloud_api_secret: secret } = api.bootstrap;
    const swapped = await fetch(`${api.url}/org/v2/environments`, { method: 'POST', headers: { authorization: basicAuth(secret, key) } });
    assert.equal(swapped.status, 401);
    const wrongSecret = await fetch(`${api.url}/org/v2/environments`, { method: 'POST', headers: { authorization: basicAuth(key, 'not-the-secret') } });
    assert.equal(wrongSecret.status, 401);
    const rows = await eventually('both refusals in the audit table', async () => {
      const all = await auditRows();
      return all.filter((r) => r.status === 401).length >= 2 ? all : undefined;
    }, { timeoutMs: 5000, intervalMs: 20 });
    const keyIds = rows.filter((r) => r.status === 401).map((r) => r.api_key_id);
    assert.ok(keyIds.includes(key), 'a presented key id shaped like one is kept');
    assert.equal(keyIds.includes(secret), false, 'the secret is not stored as a key id');
    const file = fs.readFileSync(path.join(api.home, 'audit.log'), 'utf8');
    assert.equal(file.includes(secret), false, 'the secret is not in audit.log');
  });
});
