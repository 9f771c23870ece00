// The test infrastructure for custom plugins (issue 9) works, so that a failing custom-plugin test
// points at Cirrus, not at its fixtures: a throwaway PostgreSQL and plugin ZIPs that Kafka
// Connect recognises. What the plugins do on a worker is shown through Cirrus itself in
// custom-plugins-flow.test.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CLASS_PROBE_CONNECTOR, DEBEZIUM_POSTGRES_CONNECTOR, VERSION_SOURCE_CONNECTOR,
  debeziumPostgresZip, listPlugins, probePluginZip, unpackPlugin, versionPluginZip,
} from '../harness/plugins.ts';
import { findPostgresBinaries, startPostgres, type RunningPostgres } from '../harness/postgres.ts';
import { runCommand } from '../harness/run.ts';
import { readZip } from '../harness/zip.ts';


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
