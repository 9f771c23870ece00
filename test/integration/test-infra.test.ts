// The test infrastructure for custom plugins (issue 9) works, so that a failing custom-plugin test
// points at Cirrus, not at its fixtures: a throwaway PostgreSQL, plugin ZIPs that Kafka Connect
// recognises, and those plugins doing on a real worker what the proof tests rely on.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { runtimePaths } from '../../src/supervisor/jvm-runtime.ts';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { startExtraPool } from '../harness/extra-pool.ts';
import { readTopic } from '../harness/kafka.ts';
import {
  CLASS_PROBE_CONNECTOR, DEBEZIUM_POSTGRES_CONNECTOR, VERSION_SOURCE_CONNECTOR,
  debeziumPostgresZip, listPlugins, probePluginZip, unpackPlugin, versionPluginZip,
} from '../harness/plugins.ts';
import { findPostgresBinaries, startPostgres, type RunningPostgres } from '../harness/postgres.ts';
import { runCommand } from '../harness/run.ts';
import { sharedStack, stopOwnStack } from '../harness/stack.ts';
import { readZip } from '../harness/zip.ts';

const DATAGEN = 'dev.cirrus.connect.datagen.DatagenSourceConnector';
const JSON_VALUES = {
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': 'false',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false',
};

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  console.log(`${what}: ${Date.now() - started} ms`);
  return result;
}

describe('test infrastructure: PostgreSQL', () => {
  let pg: RunningPostgres;
  before(async () => {
    pg = await timed('PostgreSQL start', () => startPostgres());
  });
  after(() => pg?.stop());

  it('runs with logical decoding and room for several CDC connectors', async () => {
    const [settings] = await pg.rows<{ wal_level: string; slots: string; senders: string }>(
      "SELECT current_setting('wal_level') AS wal_level, current_setting('max_replication_slots') AS slots, current_setting('max_wal_senders') AS senders");
    assert.equal(settings?.wal_level, 'logical');
    assert.ok(Number(settings?.slots) >= 4 && Number(settings?.senders) >= 4, JSON.stringify(settings));
  });

  it('takes SQL and returns rows', async () => {
    await pg.sql("CREATE TABLE fruit (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO fruit (name) VALUES ('apple'), ('pear');");
    assert.deepEqual(await pg.rows('SELECT id, name FROM fruit ORDER BY id'), [{ id: 1, name: 'apple' }, { id: 2, name: 'pear' }]);
    await assert.rejects(pg.sql('SELECT * FROM no_such_table'), /no_such_table/);
  });

  it('lets the connectors\' user in with its password only, able to replicate and read new tables', async () => {
    const psql = (password: string) => runCommand(findPostgresBinaries().psql, [
      '-X', '-A', '-t', '-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', pg.database,
      '-c', 'SELECT rolreplication FROM pg_roles WHERE rolname = current_user; SELECT count(*) FROM fruit;'], { env: { ...process.env, PGPASSWORD: password } });
    assert.deepEqual((await psql(pg.password)).stdout.trim().split('\n'), ['t', '2']);
    await assert.rejects(psql('wrong'), /password authentication failed/);
  });

  it('is gone after stop', async () => {
    const { dir } = pg;
    await pg.stop();
    assert.equal(fs.existsSync(dir), false);
    await pg.stop(); // twice is harmless
  });
});

describe('test infrastructure: plugin ZIPs', () => {
  const zips: Record<'debezium' | 'lang3_14' | 'lang3_17' | 'probe', string> = { debezium: '', lang3_14: '', lang3_17: '', probe: '' };
  let pluginPath: string;
  const folders: Record<string, string> = {};

  before(async () => {
    zips.debezium = await timed('Debezium ZIP (build or cache)', () => debeziumPostgresZip());
    zips.lang3_14 = await timed('test plugin ZIPs (build or cache)', () => versionPluginZip('3.14.0'));
    zips.lang3_17 = await versionPluginZip('3.17.0');
    zips.probe = await probePluginZip();
    pluginPath = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-plugin-path-'));
    for (const [key, zip] of Object.entries(zips)) folders[key] = unpackPlugin(zip, pluginPath);
  });
  after(() => fs.rmSync(pluginPath, { recursive: true, force: true }));

  it('are Confluent Hub-style: <owner>-<name>-<version>/manifest.json and lib/*.jar', () => {
    for (const zip of Object.values(zips)) {
      const entries = readZip(zip);
      const top = path.basename(zip, '.zip');
      assert.ok(entries.every((e) => e.name.startsWith(`${top}/`)), `${zip}: one top folder`);
      const files = entries.filter((e) => !e.name.endsWith('/')).map((e) => e.name.slice(top.length + 1));
      assert.ok(files.includes('manifest.json'), zip);
      assert.ok(files.filter((f) => f !== 'manifest.json').every((f) => /^lib\/[^/]+\.jar$/.test(f)), `${zip}: ${files.join(', ')}`);
      const manifest = JSON.parse(entries.find((e) => e.name === `${top}/manifest.json`)!.data.toString('utf8')) as Record<string, unknown>;
      assert.equal(`${(manifest.owner as { username: string }).username}-${String(manifest.name)}-${String(manifest.version)}`, top);
      assert.deepEqual(manifest.component_types, ['source']);
      assert.equal(typeof manifest.title, 'string');
    }
    assert.equal(path.basename(zips.debezium), 'debezium-debezium-connector-postgresql-3.6.1.zip');
  });

  it('Debezium\'s carries its runtime dependencies but nothing the Connect worker provides', () => {
    const jars = readZip(zips.debezium).map((e) => path.basename(e.name)).filter((n) => n.endsWith('.jar'));
    for (const expected of ['debezium-connector-postgres-3.6.1.Final.jar', 'debezium-api-3.6.1.Final.jar', 'debezium-connector-common-3.6.1.Final.jar']) {
      assert.ok(jars.includes(expected), `${expected} in ${jars.join(', ')}`);
    }
    assert.ok(jars.some((j) => /^postgresql-42\.[\d.]+\.jar$/.test(j)), 'the JDBC driver');
    const provided = jars.filter((j) => /^(kafka-clients|connect-|slf4j|jackson-|zstd-jni|lz4|snappy)/.test(j));
    assert.deepEqual(provided, []);
  });

  it('are built once, then reused from the cache', async () => {
    const before = fs.statSync(zips.probe).mtimeMs;
    assert.equal(await probePluginZip(), zips.probe);
    assert.equal(await versionPluginZip('3.17.0'), zips.lang3_17);
    assert.equal(fs.statSync(zips.probe).mtimeMs, before);
    await assert.rejects(versionPluginZip('3.99.0' as '3.14.0'), /no version plugin with commons-lang3 3\.99\.0/);
  });

  it('each lists its connector as a loadable source (ConnectPluginPath, no worker)', async () => {
    const listed = await timed('ConnectPluginPath list', () => listPlugins(Object.values(folders)));
    const source = (className: string, location: string) => listed.find((p) => p.className === className && p.location === location && p.type === 'source');
    const debezium = source(DEBEZIUM_POSTGRES_CONNECTOR, folders.debezium!);
    assert.equal(debezium?.loadable, true, JSON.stringify(listed.filter((p) => p.type === 'source')));
    assert.equal(debezium?.version, '3.6.1.Final');
    assert.equal(source(VERSION_SOURCE_CONNECTOR, folders.lang3_14!)?.version, '3.14.0', 'its version is the commons-lang3 it found');
    assert.equal(source(VERSION_SOURCE_CONNECTOR, folders.lang3_17!)?.version, '3.17.0');
    assert.equal(source(CLASS_PROBE_CONNECTOR, folders.probe!)?.loadable, true);
    assert.ok(listed.every((p) => p.loadable), 'every plugin found is loadable');
  });
});

describe('test infrastructure: the plugins on a real Connect worker', () => {
  const run = randomUUID().slice(0, 8);
  let bootstrapServers: string;
  let pg: RunningPostgres;
  let pool: Awaited<ReturnType<typeof startExtraPool>>;
  let pluginPath: string;

  // One pool whose plugin.path holds Debezium, the 3.17.0 version plugin and the probe: not
  // Datagen, and a commons-lang3 other than the worker's own.
  before(async () => {
    bootstrapServers = (await sharedStack()).bootstrapServers;
    pg = await startPostgres();
    pluginPath = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-plugin-path-'));
    for (const zip of [await debeziumPostgresZip(), await versionPluginZip('3.17.0'), await probePluginZip()]) unpackPlugin(zip, pluginPath);
    pool = await timed('custom pool start', () => startExtraPool(loadConfig(process.env, []), bootstrapServers, `pool-infra-${run}`, pluginPath));
  });
  after(async () => {
    await pool?.stop();
    await pg?.stop();
    if (pluginPath) fs.rmSync(pluginPath, { recursive: true, force: true });
    await stopOwnStack();
  });

  async function create(name: string, config: Record<string, string>): Promise<void> {
    const res = await connectRequest(pool.url, 'PUT', `/connectors/${name}/config`, { ...JSON_VALUES, 'tasks.max': '1', ...config });
    assert.ok(res.status === 201 || res.status === 200, JSON.stringify(res.json));
    await waitUntilRunning(pool.url, name, 1, 120_000);
  }

  it('Debezium captures the harness PostgreSQL\'s rows: snapshot, then changes', async () => {
    await pg.sql("CREATE TABLE fruit (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO fruit (name) VALUES ('apple');");
    await create(`cdc-${run}`, {
      'connector.class': DEBEZIUM_POSTGRES_CONNECTOR, ...pg.debeziumConfig(),
      'topic.prefix': `cdc${run}`, 'slot.name': `slot_${run}`, 'table.include.list': 'public.fruit',
    });
    const topic = `cdc${run}.public.fruit`;
    await readTopic(bootstrapServers, topic, { atLeast: 1, timeoutMs: 90_000 });
    await pg.sql("INSERT INTO fruit (name) VALUES ('pear');");
    const events = (await readTopic(bootstrapServers, topic, { atLeast: 2, timeoutMs: 90_000 })).map((r) => JSON.parse(r.value) as { op: string; after: { name: string } });
    assert.deepEqual(events.map((e) => [e.op, e.after.name]), [['r', 'apple'], ['c', 'pear']]);
  });

  it('the version plugin loads the commons-lang3 it bundles, not the worker\'s own', async () => {
    const own = fs.readdirSync(path.dirname(runtimePaths(loadConfig(process.env, []).jvmDir).classpath)).find((f) => f.startsWith('commons-lang3-'));
    assert.notEqual(own, 'commons-lang3-3.17.0.jar', 'the worker must have another version for this to prove anything');
    await create(`version-${run}`, { 'connector.class': VERSION_SOURCE_CONNECTOR, topic: `versions-${run}` });
    const [record] = await readTopic(bootstrapServers, `versions-${run}`, { atLeast: 1 });
    assert.deepEqual(JSON.parse(record!.value), { library: 'commons-lang3', version: '3.17.0', jar: 'commons-lang3-3.17.0.jar', seq: 1 });
  });

  it('the probe cannot load Datagen in a pool without it, yet reaches another plugin of its pool', async () => {
    await create(`probe-${run}`, { 'connector.class': CLASS_PROBE_CONNECTOR, topic: `probes-${run}`, 'probe.classes': `${DATAGEN},${DEBEZIUM_POSTGRES_CONNECTOR}` });
    const records = await readTopic(bootstrapServers, `probes-${run}`, { atLeast: 2 });
    const loadable = Object.fromEntries(records.slice(0, 2).map((r) => [JSON.parse(r.key) as string, (JSON.parse(r.value) as { loadable: boolean }).loadable]));
    assert.deepEqual(loadable, { [DATAGEN]: false, [DEBEZIUM_POSTGRES_CONNECTOR]: true });
  });
});
