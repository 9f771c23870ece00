// The engines behind the managed PostgresCdcSourceV2, MySqlCdcSourceV2, PostgresSink and MySqlSink,
// proven end to end in the managed pool (plugin.path jvm/runtime/target/plugins, built by
// jvm/plugins): rows of one database → Debezium CDC source → topic (the row's new state, a
// tombstone per delete) → Debezium JDBC sink → the same rows in a second database, then an UPDATE
// and a DELETE the same way. Configured over Connect's REST API directly, with the converters a
// Cirrus user has without a Schema Registry (JsonConverter, schemas on). The configs below are the
// ones the catalog translates Confluent's keys into.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { connectRequest, waitUntilRunning } from '../harness/connect.ts';
import { readTopic } from '../harness/kafka.ts';
import { startMariadb, type RunningMariadb } from '../harness/mariadb.ts';
import { startPostgres, type RunningPostgres } from '../harness/postgres.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { eventually } from '../harness/wait.ts';

const POSTGRES_SOURCE = 'io.debezium.connector.postgresql.PostgresConnector';
const MYSQL_SOURCE = 'io.debezium.connector.mysql.MySqlConnector';
/** What must back MySqlCdcSourceV2 on a MariaDB server: MySqlConnector 3.6.1 refuses MariaDB (below). */
const MARIADB_SOURCE = 'io.debezium.connector.mariadb.MariaDbConnector';
const JDBC_SINK = 'io.debezium.connector.jdbc.JdbcSinkConnector';
const NEW_RECORD_STATE = 'io.debezium.transforms.ExtractNewRecordState';

/** What a Cirrus user without a Schema Registry has: JSON with its schema inline, keys and values. */
const JSON_WITH_SCHEMAS = {
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'key.converter.schemas.enable': 'true',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': 'true',
};

/** Confluent's V2 CDC default after.state.only=true: the topic holds the row's new state. */
const AFTER_STATE_ONLY = {
  transforms: 'unwrap',
  'transforms.unwrap.type': NEW_RECORD_STATE,
  // `tombstone`: a delete becomes one record with a null value (the sink deletes the row by its
  // key); the default, `drop`, would lose deletes, `rewrite` would keep them as rows (__deleted).
  'transforms.unwrap.delete.tombstone.handling.mode': 'tombstone',
};

/** Debezium's JDBC sink as PostgresSink and MySqlSink use it: upsert by the record key, deletes on tombstones. */
function jdbcSinkConfig(topic: string, url: string, user: string, password: string): Record<string, string> {
  return {
    'connector.class': JDBC_SINK,
    'tasks.max': '1',
    topics: topic,
    'connection.url': url,
    'connection.username': user,
    'connection.password': password,
    // INSERT … ON CONFLICT / ON DUPLICATE KEY UPDATE: a replayed or updated row overwrites.
    'insert.mode': 'upsert',
    // The primary key is the record key's fields (the source table's key, as the CDC source keys it).
    'primary.key.mode': 'record_key',
    // A tombstone (null value) deletes the row with its key; needs primary.key.mode=record_key.
    'delete.enabled': 'true',
    // Creates the table (and adds columns) from the record schema: hence schemas.enable=true.
    'schema.evolution': 'basic',
    // The table is named after the topic (the default), dots replaced by underscores by the
    // default naming strategy: topic `p.public.customers` → table `p_public_customers`.
    'collection.name.format': '${topic}',
    ...JSON_WITH_SCHEMAS,
  };
}

const CUSTOMERS = (keyType: string, textType: string, boolType: string) => `CREATE TABLE customers (
  id ${keyType} PRIMARY KEY, name ${textType} NOT NULL, email ${textType}, active ${boolType} NOT NULL, balance DECIMAL(10,2) NOT NULL)`;
const SEED = `INSERT INTO customers (id, name, email, active, balance) VALUES
  (1, 'Ada', 'ada@example.com', true, 12.50), (2, 'Grace', NULL, false, 0.00), (3, 'Linus', 'linus@example.com', true, 99999.99)`;
const CHANGES = ["UPDATE customers SET email = 'grace@example.com', balance = 7.25 WHERE id = 2", 'DELETE FROM customers WHERE id = 3'];
const SELECT = (table: string) => `SELECT id, name, email, active, balance FROM ${table} ORDER BY id`;

describe('CDC engines: Debezium sources and the JDBC sink in the managed pool', () => {
  let stack: StackInfo;
  let pg: RunningPostgres;
  let maria: RunningMariadb;
  const run = randomBytes(3).toString('hex');
  const created: string[] = [];

  before(async () => {
    stack = await sharedStack();
    [pg, maria] = await Promise.all([startPostgres(), startMariadb()]);
  });
  after(async () => {
    for (const name of created) await connectRequest(stack.connectUrl, 'DELETE', `/connectors/${name}`).catch(() => undefined);
    await Promise.all([pg?.stop(), maria?.stop()]);
    await stopOwnStack();
  });

  async function createConnector(name: string, config: Record<string, string>): Promise<void> {
    created.push(name);
    const answer = await connectRequest(stack.connectUrl, 'PUT', `/connectors/${name}/config`, config);
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    await waitUntilRunning(stack.connectUrl, name, 1, 180_000);
  }

  /** Waits until the sink's table holds what the source's does, the connectors staying RUNNING. */
  async function converge<T>(what: string, source: () => Promise<T[]>, sink: () => Promise<T[]>, names: string[]): Promise<T[]> {
    return eventually(what, async () => {
      const [want, got] = [await source(), await sink().catch(() => undefined)];
      for (const name of names) await waitUntilRunning(stack.connectUrl, name, 1, 1);
      if (got === undefined) return undefined;
      assert.deepEqual(got, want);
      return got;
    }, { timeoutMs: 120_000, intervalMs: 1000 });
  }

  it('the managed pool lists the four engines and the SMT', async () => {
    const listed = (await connectRequest(stack.connectUrl, 'GET', '/connector-plugins?connectorsOnly=false')).json as { class: string; type: string; version: string }[];
    const byClass = new Map(listed.map((p) => [p.class, p]));
    assert.equal(byClass.get(POSTGRES_SOURCE)?.type, 'source');
    assert.equal(byClass.get(MYSQL_SOURCE)?.type, 'source');
    assert.equal(byClass.get(MARIADB_SOURCE)?.type, 'source');
    assert.equal(byClass.get(JDBC_SINK)?.type, 'sink');
    assert.equal(byClass.get(POSTGRES_SOURCE)?.version, '3.6.1.Final');
    assert.equal(byClass.get(JDBC_SINK)?.version, '3.6.0.Final');
    assert.ok(byClass.has(NEW_RECORD_STATE), 'ExtractNewRecordState is loadable');
  });

  it('PostgreSQL → Debezium PostgreSQL source → topic → JDBC sink → PostgreSQL: inserts, an update, a delete', async () => {
    await pg.sql(`${CUSTOMERS('integer', 'text', 'boolean')}; ${SEED};`);
    await pg.sql(`CREATE DATABASE cirrus_sink OWNER ${pg.user};`, { database: 'postgres' });
    const prefix = `pg${run}`;
    const topic = `${prefix}.public.customers`;
    const source = `pg-source-${run}`;
    const sink = `pg-sink-${run}`;
    await createConnector(source, {
      'connector.class': POSTGRES_SOURCE,
      'tasks.max': '1',
      // database.hostname/port/user/password/dbname, plugin.name=pgoutput, and the publication:
      // publication.name of one made FOR ALL TABLES by the superuser, publication.autocreate.mode=
      // disabled (the connector's user may not create one; with filtered it needs table ownership).
      ...pg.debeziumConfig(),
      // Topics are <topic.prefix>.<schema>.<table>.
      'topic.prefix': prefix,
      // One logical replication slot per connector: unique per database.
      'slot.name': `cdc_${run}`,
      'table.include.list': 'public.customers',
      ...JSON_WITH_SCHEMAS,
      ...AFTER_STATE_ONLY,
    });
    const [first] = await readTopic(stack.bootstrapServers, topic, { atLeast: 1, timeoutMs: 120_000 });
    const value = JSON.parse(first!.value) as { schema: object; payload: Record<string, unknown> };
    assert.ok(value.schema, 'the value carries its schema');
    assert.deepEqual(Object.keys(value.payload).sort(), ['active', 'balance', 'email', 'id', 'name'], 'the row\'s new state, no envelope');

    const sinkUrl = `jdbc:postgresql://${pg.host}:${pg.port}/cirrus_sink`;
    await createConnector(sink, jdbcSinkConfig(topic, sinkUrl, pg.user, pg.password));
    const sinkTable = `${prefix}_public_customers`;
    const fromSource = () => pg.rows(SELECT('customers'));
    const fromSink = () => pg.rows(SELECT(sinkTable), { database: 'cirrus_sink' });
    assert.equal((await converge('the snapshot in the sink', fromSource, fromSink, [source, sink])).length, 3);

    for (const change of CHANGES) await pg.sql(change);
    const rows = await converge('the update and the delete in the sink', fromSource, fromSink, [source, sink]);
    assert.deepEqual(rows.map((r) => (r as { id: number }).id), [1, 2]);
    // The delete reaches the topic as one record with a null value and no other record: a Kafka
    // tombstone in Connect's terms, but the SMT keeps the value schema on it, so JsonConverter with
    // schemas.enable=true writes {"schema":{…},"payload":null} rather than a null value.
    const records = await readTopic(stack.bootstrapServers, topic, { atLeast: 5, settleMs: 3000, timeoutMs: 30_000 });
    const payload = (text: string) => (text.startsWith('{') ? (JSON.parse(text) as { payload: unknown }).payload : null);
    const keys = records.map((r) => (payload(r.key) as { id: number }).id);
    assert.deepEqual(keys, [1, 2, 3, 2, 3], 'three snapshot reads, the update, the delete');
    assert.equal(payload(records[4]!.value), null, 'the delete is a null value');
  });

  it('Debezium\'s MySQL source refuses MariaDB: it takes 10.11 for a MySQL newer than 8.4', async () => {
    const answer = await connectRequest(stack.connectUrl, 'PUT', '/connector-plugins/MySqlConnector/config/validate', {
      'connector.class': MYSQL_SOURCE, name: `my-probe-${run}`, 'topic.prefix': `probe${run}`, ...maria.debeziumConfig(),
      'schema.history.internal.kafka.bootstrap.servers': stack.bootstrapServers, 'schema.history.internal.kafka.topic': `probe${run}.schema-history`,
    });
    const errors = (answer.json as { configs: { value?: { errors: string[] } }[] }).configs.flatMap((c) => c.value?.errors ?? []);
    assert.ok(errors.some((e) => e.includes('SHOW BINARY LOG STATUS')), errors.join('\n'));
  });

  it('MariaDB → Debezium MariaDB source → topic → JDBC sink → MariaDB: inserts, an update, a delete', async () => {
    await maria.sql(`${CUSTOMERS('INT', 'VARCHAR(100)', 'BOOLEAN')}; ${SEED};`);
    await maria.createDatabase('cirrus_sink');
    const prefix = `my${run}`;
    const topic = `${prefix}.${maria.database}.customers`;
    const source = `my-source-${run}`;
    const sink = `my-sink-${run}`;
    await createConnector(source, {
      // The same keys as MySqlConnector's: only the class differs between a MySQL and a MariaDB server.
      'connector.class': MARIADB_SOURCE,
      'tasks.max': '1',
      // database.hostname/port/user/password, and database.server.id: the id the connector joins
      // the server's replication under, unique among its replicas.
      ...maria.debeziumConfig(),
      // Topics are <topic.prefix>.<database>.<table>.
      'topic.prefix': prefix,
      'database.include.list': maria.database,
      'table.include.list': `${maria.database}.customers`,
      // The binlog connectors keep the tables' DDL history in a Kafka topic of their own (one per
      // connector, never shared), read back at restart.
      'schema.history.internal.kafka.bootstrap.servers': stack.bootstrapServers,
      'schema.history.internal.kafka.topic': `${prefix}.schema-history`,
      // No DDL events in the <topic.prefix> topic: the V2 sources publish row changes only.
      'include.schema.changes': 'false',
      ...JSON_WITH_SCHEMAS,
      ...AFTER_STATE_ONLY,
    });
    const [first] = await readTopic(stack.bootstrapServers, topic, { atLeast: 1, timeoutMs: 120_000 });
    assert.deepEqual(Object.keys((JSON.parse(first!.value) as { payload: object }).payload).sort(), ['active', 'balance', 'email', 'id', 'name']);

    // MySqlSink's URL: jdbc:mysql: (Connector/J) works against MariaDB; jdbc:mariadb: does too.
    await createConnector(sink, jdbcSinkConfig(topic, maria.jdbcUrl('cirrus_sink', 'mysql'), maria.user, maria.password));
    const sinkTable = `${prefix}_${maria.database}_customers`;
    const fromSource = () => maria.rows(SELECT('customers'));
    const fromSink = () => maria.rows(SELECT(sinkTable), { database: 'cirrus_sink' });
    assert.equal((await converge('the snapshot in the sink', fromSource, fromSink, [source, sink])).length, 3);

    for (const change of CHANGES) await maria.sql(change);
    const rows = await converge('the update and the delete in the sink', fromSource, fromSink, [source, sink]);
    assert.deepEqual(rows.map((r) => r.id), ['1', '2']);
  });
});
