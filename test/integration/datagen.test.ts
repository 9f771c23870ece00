// DatagenSource on the real pool: submitted straight to Kafka Connect's REST API (the
// connector API of Cirrus comes later), read back from the topic with a Kafka client.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { readTopic } from '../harness/kafka.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';

const DATAGEN = 'dev.cirrus.connect.datagen.DatagenSourceConnector';
const JSON_VALUES = {
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': 'false',
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
};

describe('DatagenSource on a real Kafka Connect pool', () => {
  let stack: StackInfo;
  const created: string[] = [];

  before(async () => {
    stack = await sharedStack();
  });
  after(async () => {
    for (const name of created) await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${name}`);
    await stopOwnStack();
  });

  async function create(config: Record<string, string>): Promise<{ name: string; topic: string }> {
    const name = `datagen-${randomUUID().slice(0, 8)}`;
    const topic = `topic-${name}`;
    const res = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`, {
      'connector.class': DATAGEN, 'kafka.topic': topic, ...JSON_VALUES, ...config,
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    created.push(name);
    return { name, topic };
  }

  it('is offered by the pool as a source plugin', async () => {
    const { json } = await connectRequest(stack.connectUrl, 'GET', '/connector-plugins');
    const plugin = (json as { class: string; type: string }[]).find((p) => p.class === DATAGEN);
    assert.equal(plugin?.type, 'source');
  });

  it('reaches RUNNING and writes keyed JSON pageviews to the topic', async () => {
    const { name, topic } = await create({ quickstart: 'pageviews', 'max.interval': '10', 'tasks.max': '1' });
    await waitUntilRunning(stack.connectUrl, name, 1);
    const records = await readTopic(stack.bootstrapServers, topic, { atLeast: 20 });
    assert.ok(records.length >= 20);
    for (const record of records) {
      const value = JSON.parse(record.value) as Record<string, unknown>;
      assert.deepEqual(Object.keys(value).sort(), ['pageid', 'userid', 'viewtime']);
      assert.equal(typeof value.viewtime, 'number');
      assert.match(String(value.userid), /^User_[1-9]$/);
      assert.match(String(value.pageid), /^Page_[0-9]+$/);
      assert.equal(record.key, value.userid, 'a pageview is keyed by its user');
    }
  });

  it('writes exactly `iterations` records per task, then stops producing', async () => {
    const { name, topic } = await create({ quickstart: 'ORDERS', 'max.interval': '0', iterations: '25', 'tasks.max': '2' });
    await waitUntilRunning(stack.connectUrl, name, 2);
    // settleMs: records beyond the limit would arrive well within this window at max.interval 0.
    const records = await readTopic(stack.bootstrapServers, topic, { atLeast: 50, settleMs: 4000 });
    assert.equal(records.length, 50);
    for (const record of records) {
      const order = JSON.parse(record.value) as { orderid: number; address: { city: string } };
      assert.equal(record.key, String(order.orderid));
      assert.match(order.address.city, /^City_/);
    }
  });

  it('writes STRING output as JSON text per record', async () => {
    const { name, topic } = await create({
      quickstart: 'stock_trades', 'output.data.format': 'STRING', iterations: '5', 'max.interval': '0',
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    });
    await waitUntilRunning(stack.connectUrl, name, 1);
    const records = await readTopic(stack.bootstrapServers, topic, { atLeast: 5, settleMs: 2000 });
    assert.equal(records.length, 5);
    const trade = JSON.parse(records[0]!.value) as { side: string; symbol: string };
    assert.ok(['BUY', 'SELL'].includes(trade.side));
    assert.equal(records[0]!.key, trade.symbol);
  });

  it('rejects an unknown quickstart through Connect validation', async () => {
    const res = await connectRequest(stack.connectUrl, 'PUT', `/connector-plugins/DatagenSourceConnector/config/validate`, {
      'connector.class': DATAGEN, 'kafka.topic': 't', quickstart: 'NOPE', name: 'x',
    });
    const body = res.json as { error_count: number; configs: { value: { name: string; errors: string[] } }[] };
    assert.equal(res.status, 200);
    assert.ok(body.error_count >= 1);
    const quickstart = body.configs.find((c) => c.value.name === 'quickstart');
    assert.match(quickstart!.value.errors.join(' '), /PAGEVIEWS/);
  });
});
