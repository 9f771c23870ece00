// The audit log under abuse (issue 7): what a refused request leaves behind in the table and in
// `audit.log`, over a real socket.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { adminAuth, v2Call } from '../harness/principals.ts';
import { tempHome } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

describe('audit log under abuse', () => {
  let api: ApiApp;
  before(async () => { api = await startApiApp(); });
  after(async () => api.close());

  const auditRows = () => api.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();

  it('issue 7.11: a swapped key and secret never puts the secret into the audit log', async () => {
    const { cloud_api_key: key, cloud_api_secret: secret } = api.bootstrap;
    /** One refused request, and the audit row it leaves once its aggregate is written. */
    const refused = async (authorization: string) => {
      const before = (await auditRows()).length;
      const res = await fetch(`${api.url}/org/v2/environments`, { method: 'POST', headers: { authorization } });
      assert.equal(res.status, 401);
      return eventually('the refusal in the audit table', async () => {
        await api.controlPlane.audit.flush();
        const rows = await auditRows();
        return rows.length > before ? rows[rows.length - 1] : undefined;
      }, { timeoutMs: 5000, intervalMs: 20 });
    };
    assert.equal((await refused(basicAuth(secret, key))).api_key_id, null, 'the secret is not stored as a key id');
    assert.equal((await refused(basicAuth(key, 'not-the-secret'))).api_key_id, key, 'a presented key id shaped like one is kept');
    const file = fs.readFileSync(path.join(api.home, 'audit.log'), 'utf8');
    assert.equal(file.includes(secret), false, 'the secret is not in audit.log');
  });

  it('issue 7.10: deletes audit rows past the retention (90 days by default) at start', async () => {
    const home = api.home;
    const day = 24 * 3600 * 1000;
    const old = { request_id: 'r', principal_id: null, api_key_id: null, operation: 'x', method: 'POST', path: '/x', status: 201, outcome: 'ok' as const, address: '127.0.0.1', count: 1 };
    await api.db.insertInto('audit_events').values([
      { ...old, at: new Date(Date.now() - 91 * day).toISOString(), request_id: 'expired' },
      { ...old, at: new Date(Date.now() - 89 * day).toISOString(), request_id: 'kept' },
    ]).execute();
    await api.close();
    api = await startApiApp({ home });
    const ids = (await auditRows()).map((r) => r.request_id);
    assert.ok(ids.includes('kept'));
    assert.equal(ids.includes('expired'), false);
  });
});

describe('issue 7.10: an audit file that cannot be written', () => {
  it('is logged and never ends the process; writing resumes when it can', async () => {
    const home = await tempHome('api');
    const file = path.join(home, 'audit.log');
    // Every write to /dev/full fails with ENOSPC: a full disk.
    fs.symlinkSync('/dev/full', file);
    const api = await startApiApp({ home });
    try {
      const admin = adminAuth(api);
      for (let i = 0; i < 5; i++) {
        assert.equal((await v2Call(api, admin, 'POST', '/iam/v2/service-accounts', { display_name: `full disk ${i}` })).status, 201);
        assert.equal((await v2Call(api, basicAuth(api.bootstrap.cloud_api_key, 'x'), 'POST', '/iam/v2/service-accounts', {})).status, 401);
      }
      await api.controlPlane.audit.flush();
      const logged = await eventually('the audit file error in the log', async () => {
        const lines = fs.readFileSync(api.logFile, 'utf8').split('\n').filter((l) => l.includes('cannot write the audit file'));
        return lines.length > 0 ? lines : undefined;
      }, { timeoutMs: 5000, intervalMs: 20 });
      assert.equal(logged.length, 1, 'logged once, not per event');
      const rows = await api.db.selectFrom('audit_events').select('operation').execute();
      assert.equal(rows.filter((r) => r.operation === 'iam.service_account.create').length, 6, 'the table has every event: five creates, one aggregate of the five 401s');

      fs.rmSync(file);
      assert.equal((await v2Call(api, admin, 'POST', '/iam/v2/service-accounts', { display_name: 'disk freed' })).status, 201);
      const line = await eventually('the next event in a new audit.log', async () =>
        (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('iam.service_account.create') ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
      assert.ok(line);
    } finally {
      await api.close();
    }
  });
});
