// Issue 10, end to end through the HTTP API only, with Terraform's flow (validate → create →
// poll): rows inserted into a PostgreSQL table → PostgresCdcSourceV2 → topic → PostgresSink →
// the same rows in a second database; then an UPDATE and a DELETE. The same for MariaDB (Debian
// has no MySQL server) with MySqlCdcSourceV2 and MySqlSink. Database passwords are nowhere in
// plain text.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import { ConnectV1Client } from '../harness/connect-v1-client.ts';
import { managedConfig } from '../harness/connector-fixtures.ts';
import { startMariadb, type RunningMariadb } from '../harness/mariadb.ts';
import { PG_PUBLICATION, startPostgres, type RunningPostgres } from '../harness/postgres.ts';
import { assertSecretsNowhere } from '../harness/secret-leaks.ts';
import { sharedStack, stopOwnStack, type StackInfo } from '../harness/stack.ts';
import { terraformCreate } from '../harness/terraform-flow.ts';
import { eventually } from '../harness/wait.ts';
import { adminClient } from '../harness/principals.ts';

const CUSTOMERS = (keyType: string, textType: string) => `CREATE TABLE customers (
  id ${keyType} PRIMARY KEY, name ${textType} NOT NULL, email ${textType}, balance DECIMAL(10,2) NOT NULL)`;
const SEED = `INSERT INTO customers (id, name, email, balance) VALUES (1, 'Ada', 'ada@example.com', 12.50), (2, 'Grace', NULL, 0.00), (3, 'Linus', 'linus@example.com', 99999.99)`;
const CHANGES = ["UPDATE customers SET email = 'grace@example.com', balance = 7.25 WHERE id = 2", 'DELETE FROM customers WHERE id = 3', "INSERT INTO customers VALUES (4, 'Barbara', NULL, 1.00)"];
const SELECT = (table: string) => `SELECT id, name, email, balance FROM ${table} ORDER BY id`;

describe('CDC into JDBC sinks through the API (issue 10)', () => {
  let stack: StackInfo;
  let api: ApiApp;
  let c: ConnectV1Client;
  let pg: RunningPostgres;
  let maria: RunningMariadb;
  const run = randomBytes(3).toString('hex');

  before(async () => {
    stack = await sharedStack();
    [pg, maria] = await Promise.all([startPostgres(), startMariadb()]);
    api = await startApiApp({ stack });
    c = adminClient(api);
  });
  after(async () => {
    for (const name of ((await c?.call('GET', '/connectors'))?.body as string[] | undefined) ?? []) await c.call('DELETE', `/connectors/${encodeURIComponent(name)}`);
    await api?.close();
    await Promise.all([pg?.stop(), maria?.stop()]);
    await stopOwnStack();
  });

  const idOf = async (name: string) => ((await c.call('GET', '/connectors?expand=id')).body as Record<string, { id: { id: string } }>)[name]!.id.id;

  /** Waits until the sink's rows are the source's (decimals compared as numbers). */
  const converge = (what: string, source: () => Promise<unknown[]>, sink: () => Promise<unknown[]>) => eventually(what, async () => {
    const normal = (rows: unknown[]) => JSON.stringify(rows.map((r) => Object.fromEntries(Object.entries(r as object).map(([k, v]) => [k, k === 'balance' || k === 'id' ? Number(v) : v]))));
    const [want, got] = [normal(await source()), normal(await sink())];
    assert.equal(got, want);
    return JSON.parse(got) as { id: number }[];
  }, { timeoutMs: 120_000, intervalMs: 1000 });

  it('PostgreSQL → PostgresCdcSourceV2 → PostgresSink → PostgreSQL: inserts, an update, a delete', async () => {
    await pg.sql(`${CUSTOMERS('integer', 'text')}; ${SEED};`);
    await pg.sql(`CREATE DATABASE cirrus_copy OWNER ${pg.user};`, { database: 'postgres' });
    const prefix = `pg${run}`;
    await terraformCreate(c, 'pg-cdc', managedConfig(api.bootstrap, 'PostgresCdcSourceV2', 'pg-cdc', {
      'database.hostname': pg.host, 'database.port': String(pg.port), 'database.user': pg.user, 'database.password': pg.password, 'database.dbname': pg.database,
      'topic.prefix': prefix, 'slot.name': `cirrus_${run}`, 'publication.name': PG_PUBLICATION, 'publication.autocreate.mode': 'disabled',
      'table.include.list': 'public.customers', 'output.data.format': 'JSON', 'output.key.format': 'JSON',
    }), ['kafka.api.key', 'kafka.api.secret', 'database.password']);
    await terraformCreate(c, 'pg-copy', managedConfig(api.bootstrap, 'PostgresSink', 'pg-copy', {
      topics: `${prefix}.public.customers`, 'input.data.format': 'JSON', 'input.key.format': 'JSON', 'connection.host': pg.host, 'connection.port': String(pg.port),
      'connection.user': pg.user, 'connection.password': pg.password, 'db.name': 'cirrus_copy', 'insert.mode': 'UPSERT', 'pk.mode': 'record_key',
      'delete.enabled': 'true', 'auto.create': 'true', 'table.name.format': 'customers_copy',
    }), ['kafka.api.key', 'kafka.api.secret', 'connection.password']);
    const fromSource = () => pg.rows(SELECT('customers'));
    const fromSink = () => pg.rows(SELECT('customers_copy'), { database: 'cirrus_copy' });
    assert.equal((await converge('the snapshot in the copy', fromSource, fromSink)).length, 3);
    for (const change of CHANGES) await pg.sql(change);
    assert.deepEqual((await converge('the changes in the copy', fromSource, fromSink)).map((r) => r.id), [1, 2, 4]);
    await assertSecretsNowhere(api, stack, await idOf('pg-cdc'), [pg.password]);
    await assertSecretsNowhere(api, stack, await idOf('pg-copy'), [pg.password]);
  });

  it('MariaDB → MySqlCdcSourceV2 → MySqlSink → MariaDB: inserts, an update, a delete', async () => {
    await maria.sql(`${CUSTOMERS('INT', 'VARCHAR(100)')}; ${SEED};`);
    await maria.createDatabase('cirrus_copy');
    const prefix = `my${run}`;
    await terraformCreate(c, 'my-cdc', managedConfig(api.bootstrap, 'MySqlCdcSourceV2', 'my-cdc', {
      'database.hostname': maria.host, 'database.port': String(maria.port), 'database.user': maria.user, 'database.password': maria.password,
      'database.server.type': 'MariaDB', 'topic.prefix': prefix, 'database.include.list': maria.database, 'table.include.list': `${maria.database}.customers`,
      'output.data.format': 'JSON',
    }), ['kafka.api.key', 'kafka.api.secret', 'database.password']);
    await terraformCreate(c, 'my-copy', managedConfig(api.bootstrap, 'MySqlSink', 'my-copy', {
      topics: `${prefix}.${maria.database}.customers`, 'input.data.format': 'JSON', 'connection.host': maria.host, 'connection.port': String(maria.port),
      'connection.user': maria.user, 'connection.password': maria.password, 'db.name': 'cirrus_copy', 'ssl.mode': 'disable', 'insert.mode': 'UPSERT',
      'pk.mode': 'record_key', 'delete.enabled': 'true', 'auto.create': 'true', 'table.name.format': 'customers_copy',
    }), ['kafka.api.key', 'kafka.api.secret', 'connection.password']);
    const fromSource = () => maria.rows(SELECT('customers'));
    const fromSink = () => maria.rows(SELECT('customers_copy'), { database: 'cirrus_copy' });
    assert.equal((await converge('the snapshot in the copy', fromSource, fromSink)).length, 3);
    for (const change of CHANGES) await maria.sql(change);
    assert.deepEqual((await converge('the changes in the copy', fromSource, fromSink)).map((r) => r.id), [1, 2, 4]);
    await assertSecretsNowhere(api, stack, await idOf('my-cdc'), [maria.password]);
  });
});
