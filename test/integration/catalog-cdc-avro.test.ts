// Issue 14 through the real engine: CDC sources and JDBC sinks take AVRO. A managed
// PostgresCdcSourceV2 writing AVRO keys and values (Debezium's decimals, dates, timestamps, and
// tombstones for deletes) feeds a managed PostgresSink reading AVRO; the rows arrive with the same
// values and types, and the registry holds the topic's -key and -value subjects. The same for
// MariaDB with MySqlCdcSourceV2 and MySqlSink. Then, on the same stack, a running AVRO sink keeps
// resolving schema ids whose subject versions were soft-deleted.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import avro from 'avsc';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client } from '../harness/connect-v1-client.ts';
import { managedConfig } from '../harness/connector-fixtures.ts';
import { produceBytes } from '../harness/kafka.ts';
import { startMariadb, type RunningMariadb } from '../harness/mariadb.ts';
import { PG_PUBLICATION, startPostgres, type RunningPostgres } from '../harness/postgres.ts';
import { avroRecord, registryOf, type RegistryClient } from '../harness/schema-registry.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { terraformCreate } from '../harness/terraform-flow.ts';
import { eventually } from '../harness/wait.ts';
import { adminClient } from '../harness/principals.ts';

const CUSTOMERS = `CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text, balance numeric(10,2) NOT NULL,
  born date, seen_at timestamp(6), active boolean NOT NULL, updated_at timestamptz, ref uuid, score numeric, at_time time(6))`;
const SEED = `INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 12.50, '1815-12-10', '2026-01-02 03:04:05.123456', true,
  '2026-01-02 03:04:05.5+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 3.14159, '13:14:15.5'),
  (2, 'Grace', NULL, 0.00, NULL, NULL, false, NULL, NULL, NULL, NULL),
  (3, 'Linus', 'linus@example.com', 99999.99, '1969-12-28', '1999-12-31 23:59:59.999999', true, '1969-12-31 23:59:59Z', 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', -42, '00:00:00')`;
const CHANGES = ["UPDATE customers SET email = 'grace@example.com', balance = 7.25, seen_at = '2026-11-30 12:00:00' WHERE id = 2",
  'DELETE FROM customers WHERE id = 3', "INSERT INTO customers VALUES (4, 'Barbara', NULL, -1.05, '1940-05-06', NULL, true, now(), gen_random_uuid(), 1e-7, '23:59:59.999999')"];
const SELECT = (table: string) => `SELECT id, name, email, balance, born, seen_at, active, updated_at, ref, score, at_time FROM ${table} ORDER BY id`;

/** One row as JSON text, numbers compared as numbers and times as instants (column types may differ by a zone). */
function normal(rows: unknown[]): string {
  const instant = (v: string) => new Date(/(Z|[+-]\d\d(:\d\d)?)$/.test(v) ? v : `${v}Z`).toISOString();
  const value = (k: string, v: unknown) => {
    if (v === null) return null;
    if (['id', 'balance', 'score'].includes(k)) return Number(v);
    return ['seen_at', 'updated_at'].includes(k) ? instant(String(v)) : v;
  };
  return JSON.stringify(rows.map((r) => Object.fromEntries(Object.entries(r as object).map(([k, v]) => [k, value(k, v)]))));
}

describe('CDC and JDBC sinks with AVRO through the engine (issue 14)', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  let pg: RunningPostgres;
  let maria: RunningMariadb;
  let registry: RegistryClient;
  const run = randomBytes(3).toString('hex');

  before(async () => {
    stack = await sharedStack();
    [pg, maria] = await Promise.all([startPostgres(), startMariadb()]);
    api = await startApiApp({ stack });
    c = adminClient(api);
    registry = await registryOf(api);
    await pg.sql(`CREATE DATABASE cirrus_copy OWNER ${pg.user};`, { database: 'postgres' });
  });
  after(async () => {
    for (const name of ((await c?.call('GET', '/connectors'))?.body as string[] | undefined) ?? []) await c.call('DELETE', `/connectors/${encodeURIComponent(name)}`);
    await api?.close();
    await Promise.all([pg?.stop(), maria?.stop()]);
    await stopOwnStack();
  });

  const sink = (name: string, extra: Record<string, string>) => terraformCreate(c, name, managedConfig(api.bootstrap, 'PostgresSink', name, {
    'input.data.format': 'AVRO', 'connection.host': pg.host, 'connection.port': String(pg.port), 'connection.user': pg.user,
    'connection.password': pg.password, 'db.name': 'cirrus_copy', 'auto.create': 'true', 'errors.tolerance': 'none', ...extra,
  }), ['kafka.api.key', 'kafka.api.secret', 'connection.password']);
  const copyRows = (table: string) => pg.rows(`SELECT * FROM ${table} ORDER BY id`, { database: 'cirrus_copy' });

  it('PostgreSQL → PostgresCdcSourceV2 (AVRO) → PostgresSink (AVRO) → PostgreSQL: inserts, an update, a delete', async () => {
    await pg.sql(`${CUSTOMERS}; ${SEED};`);
    const prefix = `pga${run}`;
    const topic = `${prefix}.public.customers`;
    await terraformCreate(c, 'pg-cdc-avro', managedConfig(api.bootstrap, 'PostgresCdcSourceV2', 'pg-cdc-avro', {
      'database.hostname': pg.host, 'database.port': String(pg.port), 'database.user': pg.user, 'database.password': pg.password, 'database.dbname': pg.database,
      'topic.prefix': prefix, 'slot.name': `cirrus_avro_${run}`, 'publication.name': PG_PUBLICATION, 'publication.autocreate.mode': 'disabled',
      'table.include.list': 'public.customers', 'output.data.format': 'AVRO', 'output.key.format': 'AVRO',
    }), ['kafka.api.key', 'kafka.api.secret', 'database.password']);
    await sink('pg-copy-avro', {
      topics: topic, 'input.key.format': 'AVRO', 'insert.mode': 'UPSERT', 'pk.mode': 'record_key', 'delete.enabled': 'true', 'table.name.format': 'customers_avro',
    });
    const converge = (what: string) => eventually(what, async () => {
      const [want, got] = [normal(await pg.rows(SELECT('customers'))), normal(await pg.rows(SELECT('customers_avro'), { database: 'cirrus_copy' }))];
      assert.equal(got, want);
      return JSON.parse(got) as { id: number }[];
    }, { timeoutMs: 120_000, intervalMs: 1000 });
    assert.equal((await converge('the snapshot in the copy')).length, 3);
    for (const change of CHANGES) await pg.sql(change);
    assert.deepEqual((await converge('the changes in the copy')).map((r) => r.id), [1, 2, 4]);
    // The table the sink made from the AVRO schemas has the source's column types: decimals keep
    // precision and scale, times their microseconds and zone. Not `score`: Debezium's sink makes a
    // numeric without precision (Debezium's VariableScaleDecimal, chosen by schema name) as a double.
    const columns = async (table: string, database?: string) => normal(await pg.rows(`SELECT column_name AS name, data_type, numeric_precision, numeric_scale, datetime_precision
      FROM information_schema.columns WHERE table_name = '${table}' AND column_name <> 'score' ORDER BY column_name`, { database }));
    assert.equal(await columns('customers_avro', 'cirrus_copy'), await columns('customers'));

    const subjects = (await registry.call('GET', '/subjects')).json as string[];
    assert.ok(subjects.includes(`${topic}-key`) && subjects.includes(`${topic}-value`), JSON.stringify(subjects));
    // What the source registered keeps what a JDBC sink needs to rebuild the columns' types.
    const value = (await registry.call('GET', `/subjects/${topic}-value/versions/latest`)).json as { schema: string };
    assert.match(value.schema, /"logicalType":"decimal"/);
    assert.match(value.schema, /io\.debezium\.time\.MicroTimestamp/);
  });

  it('MariaDB → MySqlCdcSourceV2 (AVRO) → MySqlSink (AVRO) → MariaDB: inserts, an update, a delete', async () => {
    // Whole seconds: MySQL's Connector/J (the sink's driver) drops fractions of seconds when the
    // server is MariaDB 10 (it announces itself as 5.5.5-…), with JSON records as well as AVRO.
    await maria.sql(`CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100), balance DECIMAL(10,2) NOT NULL,
      born DATE, seen_at DATETIME(6), at_time TIME(6), active BOOLEAN NOT NULL, size ENUM('S','M','L'), made YEAR);
      INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', 12.50, '1815-12-10', '2026-01-02 03:04:05', '13:14:15', true, 'M', 2024),
      (2, 'Grace', NULL, 0.00, NULL, NULL, NULL, false, NULL, NULL), (3, 'Linus', NULL, 99999.99, '1969-12-28', '1999-12-31 23:59:59', '00:00:00', true, 'L', 1991);`);
    await maria.createDatabase('cirrus_copy');
    const prefix = `mya${run}`;
    await terraformCreate(c, 'my-cdc-avro', managedConfig(api.bootstrap, 'MySqlCdcSourceV2', 'my-cdc-avro', {
      'database.hostname': maria.host, 'database.port': String(maria.port), 'database.user': maria.user, 'database.password': maria.password,
      'database.server.type': 'MariaDB', 'topic.prefix': prefix, 'database.include.list': maria.database, 'table.include.list': `${maria.database}.customers`,
      'output.data.format': 'AVRO', 'output.key.format': 'AVRO',
    }), ['kafka.api.key', 'kafka.api.secret', 'database.password']);
    await terraformCreate(c, 'my-copy-avro', managedConfig(api.bootstrap, 'MySqlSink', 'my-copy-avro', {
      topics: `${prefix}.${maria.database}.customers`, 'input.data.format': 'AVRO', 'input.key.format': 'AVRO', 'connection.host': maria.host, 'connection.port': String(maria.port),
      'connection.user': maria.user, 'connection.password': maria.password, 'db.name': 'cirrus_copy', 'ssl.mode': 'disable', 'insert.mode': 'UPSERT',
      'pk.mode': 'record_key', 'delete.enabled': 'true', 'auto.create': 'true', 'table.name.format': 'customers_avro', 'errors.tolerance': 'none',
    }), ['kafka.api.key', 'kafka.api.secret', 'connection.password']);
    const converge = (what: string) => eventually(what, async () => {
      const [want, got] = [await maria.rows('SELECT * FROM customers ORDER BY id'), await maria.rows('SELECT * FROM customers_avro ORDER BY id', { database: 'cirrus_copy' })];
      assert.deepEqual(got, want);
      return got;
    }, { timeoutMs: 120_000, intervalMs: 1000 });
    assert.equal((await converge('the snapshot in the copy')).length, 3);
    await maria.sql("UPDATE customers SET email = 'grace@example.com', balance = 7.25, size = 'S' WHERE id = 2; DELETE FROM customers WHERE id = 3; INSERT INTO customers VALUES (4, 'Barbara', NULL, -1.05, '1940-05-06', NULL, '23:59:59', true, NULL, 2000);");
    assert.deepEqual((await converge('the changes in the copy')).map((r) => r.id), ['1', '2', '4']);
    // The AVRO schemas kept what the sink needs for these columns' types (Connect's parameters: precision, enum symbols).
    const types = await maria.rows("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'cirrus_copy' AND TABLE_NAME = 'customers_avro'");
    const typeOf = Object.fromEntries(types.map((t) => [t.COLUMN_NAME, t.COLUMN_TYPE]));
    assert.deepEqual(['balance', 'born', 'seen_at', 'at_time', 'size', 'made'].map((k) => typeOf[k]), ['decimal(10,2)', 'date', 'datetime(6)', 'time(6)', "enum('S','M','L')", 'year(4)']);
  });

  it('a running AVRO sink keeps reading ids whose subject versions were soft-deleted, also after a task restart', async () => {
    const topic = `readings${run}`;
    const subject = `${topic}-value`;
    const fields = [{ name: 'id', type: 'int' }, { name: 'note', type: 'string' }];
    const [v1, v2] = [avroRecord(fields, 'Reading'), avroRecord([...fields, { name: 'unit', type: ['null', 'string'], default: null }], 'Reading')];
    const register = async (schema: string) => ((await registry.call('POST', `/subjects/${subject}/versions`, { schema })).json as { id: number }).id;
    const [id1, id2] = [await register(v1), await register(v2)];
    const frame = (id: number, schema: string, value: object) => {
      const header = Buffer.alloc(5);
      header.writeInt32BE(id, 1);
      return Buffer.concat([header, avro.Type.forSchema(JSON.parse(schema) as avro.Schema).toBuffer(value)]);
    };
    const write = (...values: Buffer[]) => produceBytes(stack.bootstrapServers, topic, values);
    type Reading = { id: number; note: string; unit?: string | null };
    // errors.tolerance=none: a record the sink cannot read fails its task, which ends the wait with Connect's trace.
    const arrived = async (ids: number[]) => {
      const seen = await eventually(`rows ${ids.join(', ')} in the copy`, async () => {
        const status = (await c.call('GET', '/connectors/pg-readings/status')).body as { tasks: { state: string; trace?: string }[] };
        const failed = status.tasks.find((t) => t.state === 'FAILED');
        if (failed) return { failed: failed.trace ?? 'FAILED' };
        const rows = await copyRows('readings') as Reading[];
        return JSON.stringify(rows.map((r) => r.id)) === JSON.stringify(ids) && { rows };
      }, { timeoutMs: 120_000, intervalMs: 1000 });
      if ('failed' in seen) assert.fail(`the sink's task failed: ${seen.failed}`);
      return seen.rows;
    };

    await write(frame(id1, v1, { id: 1, note: 'before the delete' }));
    await sink('pg-readings', { topics: topic, 'input.key.format': 'STRING', 'insert.mode': 'INSERT', 'pk.mode': 'none', 'auto.evolve': 'true', 'table.name.format': 'readings' });
    await arrived([1]);

    assert.deepEqual((await registry.call('DELETE', `/subjects/${subject}/versions/1`)).json, 1);
    assert.deepEqual((await registry.call('DELETE', `/subjects/${subject}`)).json, [2]);
    assert.ok(!((await registry.call('GET', '/subjects')).json as string[]).includes(subject));
    for (const id of [id1, id2]) assert.equal((await registry.call('GET', `/schemas/ids/${id}`)).status, 200, `schema ${id} after the soft delete`);

    // The worker caches what it resolved per process, so id2 (never read before the delete) is the
    // one that proves the sink resolves a soft-deleted version's id through the registry.
    await write(frame(id1, v1, { id: 2, note: 'after, same id' }), frame(id2, v2, { id: 3, note: 'after, an id first read now', unit: 'C' }));
    const rows = await arrived([1, 2, 3]);
    assert.deepEqual(rows.map((r) => [r.note, r.unit ?? null]), [['before the delete', null], ['after, same id', null], ['after, an id first read now', 'C']]);

    const restart = await c.call('POST', '/connectors/pg-readings/restart?include_tasks=true&only_failed=false');
    assert.equal(restart.status, 202, restart.text);
    assert.deepEqual((restart.body as { tasks: { id: number; restarted: boolean }[] }).tasks.map((t) => [t.id, t.restarted]), [[0, true]]);
    await write(frame(id1, v1, { id: 4, note: 'after the restart' }), frame(id2, v2, { id: 5, note: 'after the restart', unit: null }));
    await arrived([1, 2, 3, 4, 5]);
    // A source re-registering its schema after the delete (a restarted worker) gets the same id back.
    assert.equal(await register(v1), id1);
    const status = (await c.call('GET', '/connectors/pg-readings/status')).body as { connector: { state: string }; tasks: { state: string }[] };
    assert.deepEqual([status.connector.state, ...status.tasks.map((t) => t.state)], ['RUNNING', 'RUNNING']);
  });
});
