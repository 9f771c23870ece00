// The docs' connector flows over HTTP, end to end on the real stack: list → create (raw JSON and
// @file) → RUNNING → records in the topic → config update takes effect → pause (no records) →
// resume → delete (engine connector gone, topic data kept) → re-create with fresh offsets.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { connectRequest } from '../harness/connect.ts';
import { ConnectV1Client, expectSpec, type Answer } from '../harness/connect-v1-client.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { CountingConnectClient } from '../harness/counting-client.ts';
import { readTopic, topicEndOffset } from '../harness/kafka.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';
import { adminClient } from '../harness/principals.ts';

interface Status { connector: { state: string; trace: string }; tasks: { id: number; state: string }[] }

describe('connector flows on the real stack', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  const client = new CountingConnectClient();
  const answers: Answer[] = [];
  const call = async (method: string, p: string, body?: unknown, raw?: string) => {
    const answer = await c.call(method, p, body, raw ? { raw, contentType: 'application/x-www-form-urlencoded' } : {});
    answers.push(answer);
    return answer;
  };
  const idOf = async (name: string) => ((await call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)[name]!.id.id;
  const waitForState = (name: string, state: string, tasks = 1) => eventually(`${name} ${state}`, async () => {
    const res = await call('GET', `/connectors/${encodeURIComponent(name)}/status`);
    const s = res.body as Status;
    return s.connector.state === state && s.tasks.length === tasks && s.tasks.every((t) => t.state === state) ? res : undefined;
  }, { timeoutMs: 90_000, intervalMs: 300 });
  const engineNames = async () => (await connectRequest(stack.connectUrl, 'GET', '/connectors')).json as string[];

  before(async () => {
    stack = await sharedStack();
    api = await startApiApp({ stack, connectClient: client });
    c = adminClient(api);
  });
  after(async () => {
    await api?.close();
    await stopOwnStack();
  });

  it('creates from raw JSON and from an @file body; both reach RUNNING and write records', async () => {
    assert.deepEqual((await call('GET', '/connectors')).body, []);
    const raw = await call('POST', '/connectors', { name: 'pageviews', config: datagenConfig(api.bootstrap, 'pageviews', { 'max.interval': '20' }) });
    expectSpec(raw, 'post', '/connectors', 201);
    const file = JSON.stringify({ name: 'users', config: datagenConfig(api.bootstrap, 'users', { quickstart: 'users', 'max.interval': '20' }) });
    expectSpec(await call('POST', '/connectors', undefined, file), 'post', '/connectors', 201);
    expectSpec(await waitForState('pageviews', 'RUNNING'), 'get', '/connectors/{connector_name}/status', 200);
    await waitForState('users', 'RUNNING');
    const records = await readTopic(stack.bootstrapServers, 'topic-users', { atLeast: 10 });
    const user = JSON.parse(records[0]!.value) as Record<string, unknown>;
    assert.deepEqual(Object.keys(user).sort(), ['gender', 'regionid', 'registertime', 'userid']);
    assert.deepEqual(((await call('GET', '/connectors')).body as string[]).sort(), ['pageviews', 'users']);
  });

  it('applies a config update at once', async () => {
    const current = (await call('GET', '/connectors/pageviews/config')).body as Record<string, string>;
    expectSpec(await call('PUT', '/connectors/pageviews/config', { ...current, 'max.interval': '5', 'tasks.max': '2' }), 'put', '/connectors/{connector_name}/config', 200);
    // Issue 7 #14: Terraform reads status right after the update; a connector that ran stays RUNNING.
    const seen = new Set<string>();
    await eventually('both tasks RUNNING', async () => {
      const s = (await call('GET', '/connectors/pageviews/status')).body as Status;
      seen.add(s.connector.state);
      return s.tasks.length === 2 && s.tasks.every((t) => t.state === 'RUNNING');
    }, { timeoutMs: 90_000, intervalMs: 20 });
    assert.deepEqual([...seen], ['RUNNING'], 'never PROVISIONING during an update');
    await waitForState('pageviews', 'RUNNING', 2);
    const engine = (await connectRequest(stack.connectUrl, 'GET', `/connectors/${await idOf('pageviews')}/config`)).json as Record<string, string>;
    assert.equal(engine['max.interval'], '5');
    assert.equal(engine['tasks.max'], '2');
  });

  it('sends nothing to Connect on passes over unchanged connectors', async () => {
    const writes = client.writes.length;
    await api.controlPlane.reconciler.pass();
    await api.controlPlane.reconciler.pass();
    assert.deepEqual(client.writes.slice(writes), []);
  });

  it('pauses (no new records) and resumes (records again)', async () => {
    assert.equal((await call('PUT', '/connectors/pageviews/pause')).status, 202);
    await waitForState('pageviews', 'PAUSED', 2);
    const paused = await topicEndOffset(stack.bootstrapServers, 'topic-pageviews');
    await new Promise((r) => setTimeout(r, 3000)); // at max.interval 5 ms, a live task would write hundreds meanwhile
    assert.equal(await topicEndOffset(stack.bootstrapServers, 'topic-pageviews'), paused);
    assert.equal((await call('PUT', '/connectors/pageviews/resume')).status, 202);
    await waitForState('pageviews', 'RUNNING', 2);
    await eventually('records after resume', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-pageviews')) > paused + 20);
  });

  it('deletes: the engine connector goes, the topic data stays', async () => {
    const id = await idOf('users');
    const written = await topicEndOffset(stack.bootstrapServers, 'topic-users');
    expectSpec(await call('DELETE', '/connectors/users'), 'delete', '/connectors/{connector_name}', 200);
    await eventually('the engine connector is gone', async () => !(await engineNames()).includes(id));
    assert.ok((await topicEndOffset(stack.bootstrapServers, 'topic-users')) >= written);
    assert.deepEqual((await call('GET', '/connectors')).body, ['pageviews']);
  });

  it('re-creates a deleted name with a new id and fresh offsets', async () => {
    const config = datagenConfig(api.bootstrap, 'bounded', { iterations: '7', 'max.interval': '0' });
    await call('POST', '/connectors', { name: 'bounded', config });
    await waitForState('bounded', 'RUNNING');
    await eventually('7 records', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-bounded')) === 7);
    const firstId = await idOf('bounded');
    await call('DELETE', '/connectors/bounded');
    await eventually('first one gone', async () => !(await engineNames()).includes(firstId));
    await call('POST', '/connectors', { name: 'bounded', config });
    assert.notEqual(await idOf('bounded'), firstId);
    await waitForState('bounded', 'RUNNING');
    // Offsets of the old id would say "done": fresh ones produce the 7 records again.
    await eventually('7 more records', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-bounded')) === 14);
  });

  it('starts a source connector from the offsets given at create', async () => {
    // Datagen's offset is its record count per task: starting at 5 of 7 leaves 2 to write.
    const config = datagenConfig(api.bootstrap, 'resumed', { iterations: '7', 'max.interval': '0' });
    const res = await call('POST', '/connectors', { name: 'resumed', config, offsets: [{ partition: { task: 0 }, offset: { count: 5 } }] });
    expectSpec(res, 'post', '/connectors', 201);
    assert.deepEqual((res.body as { offsets: unknown[] }).offsets, [{ partition: { task: 0 }, offset: { count: 5 } }]);
    await waitForState('resumed', 'RUNNING');
    await eventually('2 records', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-resumed')) === 2);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await topicEndOffset(stack.bootstrapServers, 'topic-resumed'), 2);
  });

  it('never runs a connector before its starting offsets are written, even when writing them fails (issue 7 #15)', async () => {
    client.failOffsetWrites = 1;
    const config = datagenConfig(api.bootstrap, 'patient', { iterations: '7', 'max.interval': '0' });
    const offsets = [{ partition: { task: 0 }, offset: { count: 5 } }];
    expectSpec(await call('POST', '/connectors', { name: 'patient', config, offsets }), 'post', '/connectors', 201);
    const id = await idOf('patient');
    await eventually('the first offset write failed', async () => client.failOffsetWrites === 0 && client.writes.includes(`offsets ${id}`));
    await waitForState('patient', 'RUNNING');
    await eventually('2 records: it started from the offsets', async () => (await topicEndOffset(stack.bootstrapServers, 'topic-patient')) === 2);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await topicEndOffset(stack.bootstrapServers, 'topic-patient'), 2);
    const mine = client.writes.filter((w) => w.endsWith(` ${id}`));
    assert.deepEqual(mine, [`create ${id}`, `offsets ${id}`, `offsets ${id}`, `resume ${id}`], 'created STOPPED, resumed only after the offsets were in');
  });

  it('keeps the Kafka secret out of every response, log, the store and the engine', async () => {
    const { kafka_api_key: key, kafka_api_secret: secret } = api.bootstrap;
    for (const answer of answers) {
      assert.equal(answer.text.includes(secret), false);
      assert.equal(answer.text.includes(key), false, 'the Kafka key is masked too');
    }
    const engine = JSON.stringify((await connectRequest(stack.connectUrl, 'GET', '/connectors?expand=info&expand=status')).json);
    assert.equal(engine.includes(secret), false);
    const files = [
      ...fs.readdirSync(api.home).filter((f) => f.startsWith('cirrus.db') || f.endsWith('.log')).map((f) => path.join(api.home, f)),
      ...fs.readdirSync(path.join(stack.home, 'logs')).map((f) => path.join(stack.home, 'logs', f)),
    ];
    assert.ok(files.some((f) => f.endsWith('cirrus.db')));
    for (const file of files) assert.equal(fs.readFileSync(file).includes(secret), false, `${path.basename(file)} holds no secret`);
  });

  it('repairs drift: a connector deleted or changed behind our back is put back, a stranger removed', async () => {
    const id = await idOf('pageviews');
    const desired = (await connectRequest(stack.connectUrl, 'GET', `/connectors/${id}/config`)).json as Record<string, string>;
    await connectRequest(stack.connectUrl, 'PUT', `/connectors/${id}/config`, { ...desired, 'max.interval': '999' });
    await eventually('the config is put back', async () =>
      ((await connectRequest(stack.connectUrl, 'GET', `/connectors/${id}/config`)).json as Record<string, string>)['max.interval'] === desired['max.interval']);
    await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${id}`);
    await connectRequest(stack.connectUrl, 'POST', '/connectors', { name: 'stranger', config: { ...desired, name: 'stranger', 'kafka.topic': 'stranger' } });
    await eventually('the deleted connector is back and the stranger gone', async () => {
      const names = await engineNames();
      return names.includes(id) && !names.includes('stranger');
    });
    await waitForState('pageviews', 'RUNNING', 2);
  });

  it('cleans up: deleting the rest empties the pool', async () => {
    for (const name of (await call('GET', '/connectors')).body as string[]) await call('DELETE', `/connectors/${name}`);
    await eventually('the pool is empty', async () => (await engineNames()).length === 0);
  });
});
