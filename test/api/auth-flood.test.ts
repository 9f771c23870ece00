// Issue 7.10's proof, over a socket with the default settings of `npm start`: a flood of 1,000
// bad-secret requests from one address gets 429s after the limit, the audit table and file grow
// by a bounded number of rows, and valid keys from another address keep working.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { clientFrom } from '../harness/from-address.ts';

const FLOOD = 1000;

describe('issue 7.10: a flood of failed logins from one address', () => {
  const defaults = loadConfig({}, []);
  let api: ApiApp;
  before(async () => { api = await startApiApp({ authFailureLimit: defaults.authFailureLimit }); });
  after(async () => api.close());

  const auditRows = () => api.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
  const fileLines = () => fs.readFileSync(path.join(api.home, 'audit.log'), 'utf8').split('\n').filter(Boolean).length;

  it('429s after the limit, a bounded audit log, valid keys from another address keep working', async () => {
    const limit = defaults.authFailureLimit.max;
    assert.ok(limit > 0 && limit < FLOOD / 10, `default limit ${limit}`);
    const b = api.bootstrap;
    const good = basicAuth(b.cloud_api_key, b.cloud_api_secret);
    const bad = basicAuth(b.cloud_api_key, 'not-the-secret');
    const attacker = clientFrom('127.0.0.1');
    const other = clientFrom('127.0.0.2');
    const environments = `${api.url}/org/v2/environments`;
    const connectors = `${api.url}/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`;
    try {
      await api.controlPlane.audit.flush();
      const [rowsBefore, linesBefore] = [(await auditRows()).length, fileLines()];

      // One at a time up to just past the limit: exactly `limit` 401s, then 429s.
      const statuses: number[] = [];
      for (let i = 0; i < limit + 10; i++) statuses.push((await attacker.request(environments, { headers: { authorization: bad } })).status);
      assert.deepEqual(statuses, [...Array(limit).fill(401), ...Array(10).fill(429)]);

      // The rest of the flood, 16 at a time, with a valid key from another address in between.
      let sent = statuses.length;
      while (sent < FLOOD) {
        const batch = Array.from({ length: Math.min(16, FLOOD - sent) }, () => attacker.request(environments, { headers: { authorization: bad } }));
        sent += batch.length;
        const answers = await Promise.all(batch);
        assert.ok(answers.every((a) => a.status === 429), 'every further bad request is refused without trying');
        if (sent % 160 === 0) assert.equal((await other.request(environments, { headers: { authorization: good } })).status, 200);
      }

      const v2 = await attacker.request(environments, { headers: { authorization: good } });
      assert.equal(v2.status, 429, 'the flooding address waits, even with a valid key');
      assert.ok(Number(v2.headers['retry-after']) >= 1 && Number(v2.headers['retry-after']) <= defaults.authFailureLimit.windowSeconds);
      assert.equal((JSON.parse(v2.body) as { errors: { status: string; code: string }[] }).errors[0]!.status, '429');
      const connect = await attacker.request(connectors, { headers: { authorization: good } });
      assert.equal(connect.status, 429);
      assert.equal(connect.body, '', 'connect/v1 answers 429 without a body');
      assert.ok(Number(connect.headers['retry-after']) >= 1);
      assert.notEqual((await attacker.request(`${api.url}/health`)).status, 429, '/health is never limited');
      assert.equal((await other.request(connectors, { headers: { authorization: good } })).status, 200, 'valid keys from another address keep working');

      await api.controlPlane.audit.flush();
      const added = (await auditRows()).slice(rowsBefore);
      // One row per address, minute and status: 401 and 429, in at most two minutes.
      assert.ok(added.length >= 2 && added.length <= 4, `${added.length} audit rows for ${FLOOD + 2} refusals`);
      assert.ok(added.every((r) => r.address === '127.0.0.1' && r.outcome === 'denied'));
      const total = (status: number) => added.filter((r) => r.status === status).reduce((n, r) => n + r.count, 0);
      assert.equal(total(401), limit);
      assert.equal(total(429), FLOOD - limit + 2, 'every refusal is counted');
      assert.equal(fileLines() - linesBefore, added.length, 'audit.log grows by the same rows');
    } finally {
      attacker.close();
      other.close();
    }
  });
});
