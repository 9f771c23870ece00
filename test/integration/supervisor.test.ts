// The supervisor keeps the data plane alive: a JVM killed with SIGKILL comes back and the
// connectors with it; stopping leaves no process and no listener behind. Uses a private stack,
// since it kills things.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { canConnect } from '../../src/supervisor/broker.ts';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { readTopic } from '../harness/kafka.ts';
import { STACK_CLUSTER, startStack, type RunningStack } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const isAlive = (pid: number | undefined) => pid !== undefined && fs.existsSync(`/proc/${pid}`);

describe('supervisor', () => {
  let stack: RunningStack;
  const topic = 'supervised-pageviews';

  before(async () => {
    stack = await startStack('supervisor', 'pool-sup');
    const res = await connectRequest(stack.info.connectUrl, 'PUT', '/connectors/supervised/config', {
      'connector.class': 'dev.cirrus.connect.datagen.DatagenSourceConnector',
      'kafka.topic': topic, quickstart: 'PAGEVIEWS', 'max.interval': '50', 'tasks.max': '1',
    });
    assert.equal(res.status, 201);
    await waitUntilRunning(stack.info.connectUrl, 'supervised', 1);
  });
  after(async () => {
    await stack?.stop();
  });

  it('restarts a Connect worker killed with SIGKILL, and its connector runs again', async () => {
    const before = stack.dataPlane.pids()['connect-pool-sup']!;
    process.kill(before, 'SIGKILL');
    await eventually('a new Connect worker', async () => {
      const now = stack.dataPlane.pids()['connect-pool-sup'];
      return now !== undefined && now !== before && stack.dataPlane.pools().get('pool-sup')?.state === 'ready';
    }, { timeoutMs: 120_000 });
    assert.equal(stack.dataPlane.pools().get('pool-sup')?.restarts, 1);
    await waitUntilRunning(stack.info.connectUrl, 'supervised', 1, 120_000);
  });

  it('restarts a broker killed with SIGKILL, and Connect recovers and produces again', async () => {
    const seen = (await readTopic(stack.info.bootstrapServers, topic, { atLeast: 1, settleMs: 1500 })).length;
    const before = stack.dataPlane.pids().broker!;
    process.kill(before, 'SIGKILL');
    await eventually('a new broker', async () => {
      const now = stack.dataPlane.pids().broker;
      return now !== undefined && now !== before && stack.dataPlane.brokers().get(STACK_CLUSTER)?.state === 'ready';
    }, { timeoutMs: 120_000 });
    assert.equal(stack.dataPlane.brokers().get(STACK_CLUSTER)?.restarts, 1);
    await waitUntilRunning(stack.info.connectUrl, 'supervised', 1, 120_000);
    const records = await readTopic(stack.info.bootstrapServers, topic, { atLeast: seen + 20, timeoutMs: 120_000 });
    assert.ok(records.length >= seen + 20, 'new records arrive after the broker came back');
  });

  it('stops every JVM on stop: no process, no listener left', async () => {
    const pids = Object.values(stack.dataPlane.pids());
    assert.ok(pids.every(isAlive));
    await stack.stop();
    for (const pid of pids) assert.equal(isAlive(pid), false, `process ${pid} is gone`);
    const { broker, connect } = stack.config;
    for (const port of [broker.port, broker.controllerPort, connect.port]) {
      assert.equal(await canConnect(port), false, `nothing listens on ${port}`);
    }
    assert.deepEqual(stack.dataPlane.brokers().get(STACK_CLUSTER)?.state, 'stopped');
  });
});
