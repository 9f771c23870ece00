// Issue 7 #1 without an embedded data plane (CIRRUS_EMBEDDED=false): a cluster of our own cannot
// exist, so asking for one is a 400 naming spec.cirrus, and the process lives on. No JVM starts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCirrus, type CirrusProcess } from '../harness/cirrus-process.ts';
import { tempHome, testConfig } from '../harness/stack.ts';

describe('npm start with the embedded data plane off', () => {
  let cirrus: CirrusProcess | undefined;
  let home: string;

  before(async () => {
    const config = await testConfig(home = await tempHome('embedded-off'));
    cirrus = await startCirrus(config, { extraEnv: { CIRRUS_EMBEDDED: 'false' }, timeoutMs: 60_000 });
  });
  after(async () => {
    await cirrus?.stop();
  });

  it('answers a new embedded cluster with 400, stores nothing, and keeps running', async () => {
    const b = cirrus!.bootstrap;
    const auth = `Basic ${Buffer.from(`${b.cloud_api_key}:${b.cloud_api_secret}`).toString('base64')}`;
    const post = (p: string, body: unknown) => fetch(`${b.endpoint}${p}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const env = await (await post('/org/v2/environments', { display_name: 'e' })).json() as { id: string };
    const res = await post('/cmk/v2/clusters', { spec: {
      display_name: 'c', availability: 'SINGLE_ZONE', cloud: 'AWS', region: 'local', config: { kind: 'Basic' }, environment: { id: env.id },
    } });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /spec\.cirrus/);
    const listed = await (await fetch(`${b.endpoint}/cmk/v2/clusters?environment=${env.id}`, { headers: { authorization: auth } })).json() as { data: unknown[] };
    assert.deepEqual(listed.data, []);
    assert.equal((await fetch(`${b.endpoint}/health`)).status, 200);
    assert.equal(cirrus!.child.exitCode, null);
    assert.deepEqual(fs.readdirSync(path.join(home)).filter((f) => f === 'run'), [], 'no JVM was ever prepared');
    assert.equal(await cirrus!.stop(), 0);
    cirrus = undefined;
  });
});
