// Issue 9's proof against the real server (`npm start`'s entry point, its own broker and managed
// pool): the product page's curl flow with a connector Cirrus neither writes nor ships (Debezium
// PostgreSQL from Maven Central, as a Hub ZIP): presign → curl -F file=@ → register → list/page →
// patch → a CUSTOM connector whose change events land in Kafka → delete refused while in use →
// delete connector → delete plugin → its pool and its files are gone. Then isolation: two plugins
// bundling different commons-lang3 versions side by side, each in its own pool, and a custom pool
// that cannot load Datagen (the managed pool's) nor Kafka's file connectors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCirrus, type CirrusProcess } from '../harness/cirrus-process.ts';
import { curlApi } from '../harness/curl-api.ts';
import { readTopic } from '../harness/kafka.ts';
import { CLASS_PROBE_CONNECTOR, DEBEZIUM_POSTGRES_CONNECTOR, VERSION_SOURCE_CONNECTOR, debeziumPostgresZip, probePluginZip, versionPluginZip } from '../harness/plugins.ts';
import { startPostgres, type RunningPostgres } from '../harness/postgres.ts';
import { tempHome, testConfig } from '../harness/stack.ts';
import { curlPost } from '../harness/uploads.ts';
import { eventually } from '../harness/wait.ts';

const DATAGEN = 'dev.cirrus.connect.datagen.DatagenSourceConnector';
const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

describe('custom plugins end to end on the real server (issue 9)', () => {
  let cirrus: CirrusProcess;
  let pg: RunningPostgres;
  let home: string;
  let api: ReturnType<typeof curlApi>;
  let connectors: string;
  let bootstrapServers: string;

  before(async () => {
    const [zip] = await Promise.all([debeziumPostgresZip(), versionPluginZip('3.14.0'), versionPluginZip('3.17.0'), probePluginZip()]);
    assert.ok(zip);
    pg = await startPostgres();
    home = await tempHome('custom-flow');
    cirrus = await startCirrus(await testConfig(home, { CIRRUS_LOG_LEVEL: 'info' }));
    const b = cirrus.bootstrap;
    api = curlApi(b.endpoint, b.cloud_api_key, b.cloud_api_secret);
    connectors = `/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`;
    bootstrapServers = b.kafka_bootstrap_servers;
  });
  after(async () => {
    await cirrus?.stop();
    await pg?.stop();
  });

  /** The page's two steps: a presigned URL, then `curl -X POST "$upload_url" -F … -F file=@plugin.zip`. */
  async function upload(zip: string): Promise<string> {
    const presigned = await api('POST', '/connect/v1/presigned-upload-url', { content_format: 'ZIP' });
    assert.equal(presigned.status, 200, presigned.text);
    const grant = presigned.json as { upload_id: string; upload_url: string; upload_form_data: Record<string, string> };
    const sent = await curlPost(grant.upload_url, grant.upload_form_data, `file=@${zip}`);
    assert.equal(sent.status, 204, sent.body);
    return grant.upload_id;
  }

  async function register(zip: string, body: Record<string, unknown>): Promise<string> {
    const created = await api('POST', '/connect/v1/custom-connector-plugins', { ...body, upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: await upload(zip) } });
    assert.equal(created.status, 201, created.text);
    return (created.json as { id: string }).id;
  }

  function customConnector(name: string, pluginId: string, extra: Record<string, string>) {
    const b = cirrus.bootstrap;
    return {
      name, config: {
        name, 'confluent.connector.type': 'CUSTOM', 'confluent.custom.plugin.id': pluginId,
        'kafka.api.key': b.kafka_api_key, 'kafka.api.secret': b.kafka_api_secret, 'tasks.max': '1', ...extra,
      },
    };
  }

  async function running(name: string): Promise<void> {
    await eventually(`${name} RUNNING`, async () => {
      const status = (await api('GET', `${connectors}/${encodeURIComponent(name)}/status`)).json as { connector?: { state: string }; tasks?: { state: string }[] };
      return status.connector?.state === 'RUNNING' && status.tasks?.length === 1 && status.tasks[0]!.state === 'RUNNING';
    }, { timeoutMs: 180_000, intervalMs: 1000 });
  }

  /** Pools with a live JVM, by the pid files the supervisor keeps. */
  function livePools(): string[] {
    const run = path.join(home, 'run');
    return fs.readdirSync(run).filter((f) => /^connect-.*\.pid$/.test(f))
      .filter((f) => fs.existsSync(`/proc/${fs.readFileSync(path.join(run, f), 'utf8').trim()}`)).map((f) => f.slice('connect-'.length, -'.pid'.length));
  }

  async function deleteConnector(name: string): Promise<void> {
    assert.equal((await api('DELETE', `${connectors}/${encodeURIComponent(name)}`)).status, 200);
  }

  it('the page\'s flow with Debezium PostgreSQL: upload, register, page, patch, capture, 409 while in use, then everything goes', async () => {
    const pluginId = await register(await debeziumPostgresZip(), {
      display_name: 'debezium-postgres', documentation_link: 'https://debezium.io/documentation/reference/stable/connectors/postgresql.html',
      connector_class: DEBEZIUM_POSTGRES_CONNECTOR, connector_type: 'SOURCE', sensitive_config_properties: ['database.password'],
    });
    assert.match(pluginId, /^ccp-[a-z0-9]{6}$/);
    const other = await register(await versionPluginZip('3.14.0'), { display_name: 'lang3-3.14', connector_class: VERSION_SOURCE_CONNECTOR, connector_type: 'SOURCE' });

    const first = (await api('GET', '/connect/v1/custom-connector-plugins?page_size=1')).json as { data: { id: string }[]; metadata: { next: string } };
    assert.equal(first.data.length, 1);
    const next = new URL(first.metadata.next);
    const second = (await api('GET', `${next.pathname}${next.search}`)).json as { data: { id: string }[] };
    assert.deepEqual([...first.data, ...second.data].map((p) => p.id).sort(), [pluginId, other].sort());
    const patched = await api('PATCH', `/connect/v1/custom-connector-plugins/${pluginId}`, { display_name: 'debezium-postgres-cdc' });
    assert.equal((patched.json as { display_name: string }).display_name, 'debezium-postgres-cdc', patched.text);

    await pg.sql("CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL); INSERT INTO orders (item) VALUES ('kettle');");
    const before = livePools();
    const created = await api('POST', connectors, customConnector('orders-cdc', pluginId, {
      ...pg.debeziumConfig(), 'topic.prefix': 'shop', 'slot.name': 'orders_cdc', 'table.include.list': 'public.orders',
    }));
    assert.equal(created.status, 201, created.text);
    const shown = (created.json as { config: Record<string, string> }).config;
    assert.equal(shown['connector.class'], DEBEZIUM_POSTGRES_CONNECTOR);
    assert.match(shown['database.password']!, /^\*+$/, 'the plugin\'s sensitive property is masked');
    await running('orders-cdc');
    const pool = livePools().find((p) => !before.includes(p));
    assert.ok(pool, 'a pool of its own');
    await pg.sql("INSERT INTO orders (item) VALUES ('teapot');");
    const events = (await readTopic(bootstrapServers, 'shop.public.orders', { atLeast: 2, timeoutMs: 120_000 }))
      .map((r) => JSON.parse(r.value) as { op: string; after: { item: string } });
    assert.deepEqual(events.slice(0, 2).map((e) => [e.op, e.after.item]), [['r', 'kettle'], ['c', 'teapot']]);

    // confluent.custom.schema.registry.auto (issue 14): Confluent's AvroConverter named, no
    // registry URL or key given; the events arrive in Confluent's wire format and their schemas
    // are in the environment's registry.
    const avro = await api('POST', connectors, customConnector('orders-avro', pluginId, {
      ...pg.debeziumConfig(), 'topic.prefix': 'shopavro', 'slot.name': 'orders_avro', 'table.include.list': 'public.orders',
      'confluent.custom.schema.registry.auto': 'true', 'key.converter': 'io.confluent.connect.avro.AvroConverter', 'value.converter': 'io.confluent.connect.avro.AvroConverter',
    }));
    assert.equal(avro.status, 201, avro.text);
    await running('orders-avro');
    const wire = await readTopic(bootstrapServers, 'shopavro.public.orders', { atLeast: 2, timeoutMs: 120_000 });
    assert.ok(wire.every((r) => r.value.charCodeAt(0) === 0), 'magic byte 0, then the schema id');
    const b = cirrus.bootstrap;
    const subjects = await fetch(`${b.schema_registry_endpoint}/subjects`, { headers: { authorization: `Basic ${Buffer.from(`${b.schema_registry_api_key}:${b.schema_registry_api_secret}`).toString('base64')}` } });
    assert.deepEqual(((await subjects.json()) as string[]).filter((s) => s.startsWith('shopavro.')).sort(), ['shopavro.public.orders-key', 'shopavro.public.orders-value']);
    await deleteConnector('orders-avro');

    const refused = await api('DELETE', `/connect/v1/custom-connector-plugins/${pluginId}`);
    assert.equal(refused.status, 409, refused.text);
    const sha = fs.readdirSync(path.join(home, 'plugins'));
    await deleteConnector('orders-cdc');
    await eventually('the plugin can go', async () => (await api('DELETE', `/connect/v1/custom-connector-plugins/${pluginId}`)).status === 204, { timeoutMs: 120_000 });
    assert.equal((await api('GET', `/connect/v1/custom-connector-plugins/${pluginId}`)).status, 404);
    await eventually('its pool stops', async () => !livePools().includes(pool), { timeoutMs: 120_000 });
    assert.equal(fs.readdirSync(path.join(home, 'plugins')).length, sha.length - 1, 'its files are gone');
  });

  it('isolation: two plugins bundling different commons-lang3 run side by side, each in its own pool', async () => {
    const listed = (await api('GET', '/connect/v1/custom-connector-plugins')).json as { data: { id: string; display_name: string }[] };
    const lang14 = listed.data.find((p) => p.display_name === 'lang3-3.14')!.id;
    const lang17 = await register(await versionPluginZip('3.17.0'), { display_name: 'lang3-3.17', connector_class: VERSION_SOURCE_CONNECTOR, connector_type: 'SOURCE' });
    const before = livePools();
    for (const [name, id] of [['lang14', lang14], ['lang17', lang17]] as const) {
      assert.equal((await api('POST', connectors, customConnector(name, id, { topic: `versions-${name}` }))).status, 201);
    }
    await running('lang14');
    await running('lang17');
    const pools = livePools().filter((p) => !before.includes(p));
    assert.equal(pools.length, 2, 'one pool per plugin');
    for (const pool of pools) {
      // Inspection found a manifest for every plugin in these archives: no reflective class scan.
      assert.match(fs.readFileSync(path.join(home, 'connect', `${pool}.properties`), 'utf8'), /^plugin\.discovery=service_load$/m);
    }
    for (const [name, version] of [['lang14', '3.14.0'], ['lang17', '3.17.0']]) {
      const [record] = await readTopic(bootstrapServers, `versions-${name}`, { atLeast: 1 });
      assert.equal((JSON.parse(record!.value) as { version: string }).version, version, `${name} loaded its own commons-lang3`);
    }
    await deleteConnector('lang14');
    await deleteConnector('lang17');
  });

  it('isolation: a custom pool cannot load Datagen (the managed pool\'s) nor Kafka\'s file connectors', async () => {
    const probe = await register(await probePluginZip(), { display_name: 'probe', connector_class: CLASS_PROBE_CONNECTOR, connector_type: 'SOURCE' });
    const created = await api('POST', connectors, customConnector('probe', probe, { topic: 'probes', 'probe.classes': `${DATAGEN},${FILE_SOURCE},${CLASS_PROBE_CONNECTOR}` }));
    assert.equal(created.status, 201, created.text);
    await running('probe');
    const records = await readTopic(bootstrapServers, 'probes', { atLeast: 3 });
    const loadable = Object.fromEntries(records.slice(0, 3).map((r) => [JSON.parse(r.key) as string, (JSON.parse(r.value) as { loadable: boolean }).loadable]));
    assert.deepEqual(loadable, { [DATAGEN]: false, [FILE_SOURCE]: false, [CLASS_PROBE_CONNECTOR]: true });
    await deleteConnector('probe');
  });
});
