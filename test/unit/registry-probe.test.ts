// Validate asks the environment's registry as connectors will (issue 14): what it says when the
// registry does not answer, refuses the connectors' credential, or fails, against real local
// HTTP servers; good answers are kept briefly, problems never.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { RegistryProbe } from '../../src/services/registry-probe.ts';

async function serve(status: number): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    res.writeHead(status, { 'content-type': 'application/json' }).end('["AVRO","JSON","PROTOBUF"]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/schema-registry/lsrc-abc`;
  return { url, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('RegistryProbe (issue 14)', () => {
  const servers: { close: () => Promise<void> }[] = [];
  after(async () => { for (const s of servers) await s.close(); });
  const userInfo = 'cirrus-connectors:s3cr3t-value';

  it('asks with the connectors\' credential, and keeps a good answer for a while', async () => {
    const registry = await serve(200);
    servers.push(registry);
    let now = 1_000;
    const probe = new RegistryProbe(() => ({ url: registry.url, userInfo }), () => now);
    assert.equal(await probe.problem('env-abc'), undefined);
    assert.equal(await probe.problem('env-abc'), undefined);
    assert.deepEqual(registry.seen, [`GET /schema-registry/lsrc-abc/schemas/types Basic ${Buffer.from(userInfo).toString('base64')}`]);
    now += 31_000;
    assert.equal(await probe.problem('env-abc'), undefined);
    assert.equal(registry.seen.length, 2, 'asked again once the good answer is old');
  });

  it('says when the registry refuses the credential or fails, and asks again next time', async () => {
    const refusing = await serve(401);
    const failing = await serve(503);
    servers.push(refusing, failing);
    const refused = new RegistryProbe(() => ({ url: refusing.url, userInfo }));
    assert.match((await refused.problem('env-abc'))!, /refused the connectors' credential \(HTTP 401\)/);
    await refused.problem('env-abc');
    assert.equal(refusing.seen.length, 2, 'a problem is not kept');
    assert.match((await new RegistryProbe(() => ({ url: failing.url, userInfo })).problem('env-abc'))!, /answered HTTP 503/);
  });

  it('says when nothing answers, never the secret; nothing to ask while Cirrus does not listen yet', async () => {
    const gone = await serve(200);
    await gone.close();
    const problem = (await new RegistryProbe(() => ({ url: gone.url, userInfo })).problem('env-abc'))!;
    assert.match(problem, /is not reachable \(ECONNREFUSED\)/);
    assert.doesNotMatch(problem, /s3cr3t/);
    assert.equal(await new RegistryProbe(() => undefined).problem('env-abc'), undefined);
  });
});
