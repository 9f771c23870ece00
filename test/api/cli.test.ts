// The operator CLI, run as the operator runs it (a child process on a data dir), checked against
// the store itself: keys it prints authenticate, keys it revokes no longer do.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Unauthenticated } from '../../src/core/errors.ts';
import { ApiKeySecrets } from '../../src/services/api-key-secrets.ts';
import { Authenticator } from '../../src/services/authenticator.ts';
import { IdentityCache } from '../../src/services/identity-cache.ts';
import type { BootstrapInfo } from '../../src/services/bootstrap.ts';
import { loadMasterKey } from '../../src/services/master-key.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { basicAuth, startApiApp } from '../harness/api-app.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// The child must see only the settings we give it, not the developer's CIRRUS_* variables.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CIRRUS_')));

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs `scripts/cirrus.mjs` as the operator would; independent runs may go in parallel. */
function cirrus(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'scripts', 'cirrus.mjs'), ...args], { cwd: ROOT, env: ENV, encoding: 'utf8' }, (err, stdout, stderr) => {
      // Whatever happens, the operator never sees a stack trace.
      assert.doesNotMatch(stderr, /^\s+at /m, stderr);
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function ok(pending: Promise<Run>): Promise<string> {
  const run = await pending;
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}

const tempHome = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-cli-'));

describe('cirrus CLI', () => {
  const homes: string[] = [];
  let home: string;
  let initOutput: string;
  let db: Store;
  let authenticator: Authenticator;
  let info: BootstrapInfo;
  const authenticate = (key: string, secret: string) => authenticator.authenticate(basicAuth(key, secret));

  before(async () => {
    homes.push(home = tempHome());
    initOutput = await ok(cirrus('init', '--home', home));
    info = JSON.parse(fs.readFileSync(path.join(home, 'bootstrap.json'), 'utf8')) as BootstrapInfo;
    db = await openStore(path.join(home, 'cirrus.db'));
    authenticator = new Authenticator(new IdentityCache(db), new ApiKeySecrets(loadMasterKey(home, undefined).derive('api-key-hash')));
  });
  after(async () => {
    await db?.destroy();
    for (const dir of homes) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('init creates the home and prints an admin cloud key that authenticates', async () => {
    const key = /Cloud API key\s+(\S+)/.exec(initOutput)?.[1];
    const secret = /Cloud API secret\s+(\S+)/.exec(initOutput)?.[1];
    assert.deepEqual([key, secret], [info.cloud_api_key, info.cloud_api_secret]);
    const caller = await authenticate(key!, secret!);
    assert.equal(caller.apiKeyId, info.cloud_api_key);
    assert.equal(caller.organizationId, info.organization_id);
    const ops = await db.selectFrom('operations').select(['operation', 'actor']).where('actor', '=', 'cli').execute();
    assert.deepEqual(ops, [{ operation: 'cli.init', actor: 'cli' }]);
  });

  it('init --json prints the bootstrap document of a fresh home', async () => {
    const other = tempHome();
    homes.push(other);
    const printed = JSON.parse(await ok(cirrus('init', '--home', other, '--json', '--port', '9180'))) as BootstrapInfo;
    assert.deepEqual(printed, JSON.parse(fs.readFileSync(path.join(other, 'bootstrap.json'), 'utf8')));
    assert.equal(printed.endpoint, 'http://127.0.0.1:9180');
    assert.notEqual(printed.cloud_api_key, info.cloud_api_key);
  });

  it('a second init exits 2 and points at bootstrap and keys create-admin', async () => {
    const run = await cirrus('init', '--home', home);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^cirrus: .*already initialised/);
    assert.match(run.stderr, /cirrus bootstrap/);
    assert.match(run.stderr, /cirrus keys create-admin/);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(home, 'bootstrap.json'), 'utf8')), info);
  });

  it('bootstrap --json prints bootstrap.json', async () => {
    assert.deepEqual(JSON.parse(await ok(cirrus('bootstrap', '--home', home, '--json'))), info);
  });

  it('bootstrap shows a summary, with the secrets only when asked', async () => {
    const [summary, withSecrets] = await Promise.all([
      ok(cirrus('bootstrap', '--home', home)), ok(cirrus('bootstrap', '--home', home, '--show-secrets')),
    ]);
    for (const value of [info.endpoint, info.environment_id, info.kafka_cluster_id, info.cloud_api_key, info.kafka_api_key]) {
      assert.ok(summary.includes(value), `${value} missing from:\n${summary}`);
    }
    assert.ok(!summary.includes(info.cloud_api_secret) && !summary.includes(info.kafka_api_secret));
    assert.ok(withSecrets.includes(info.cloud_api_secret) && withSecrets.includes(info.kafka_api_secret));
  });

  it('keys list shows the cloud, Kafka and Schema Registry keys, never a secret or hash', async () => {
    const [json, table] = await Promise.all([ok(cirrus('keys', 'list', '--home', home, '--json')), ok(cirrus('keys', 'list', '--home', home))]);
    const listed = JSON.parse(json) as Array<Record<string, string>>;
    const byId = new Map(listed.map((key) => [key.id, key]));
    assert.equal(listed.length, 3);
    assert.equal(byId.get(info.cloud_api_key)?.kind, 'cloud');
    assert.equal(byId.get(info.kafka_api_key)?.kind, info.kafka_cluster_id);
    assert.equal(byId.get(info.schema_registry_api_key)?.kind, info.schema_registry_id);
    for (const key of listed) assert.deepEqual(Object.keys(key).sort(), ['created_at', 'display_name', 'id', 'kind', 'owner_id']);
    assert.match(table, /^ID\s+KIND\s+OWNER\s+NAME\s+CREATED$/m);
    const hashes = (await db.selectFrom('api_keys').select('secret_hash').execute()).map((row) => row.secret_hash);
    for (const output of [json, table]) {
      for (const hidden of [info.cloud_api_secret, info.kafka_api_secret, info.schema_registry_api_secret, ...hashes]) assert.ok(!output.includes(hidden));
    }
  });

  it('keys create-admin makes a working admin key, and keys revoke stops it at once', async () => {
    const created = JSON.parse(await ok(cirrus('keys', 'create-admin', '--home', home, '--json', '--name', 'recovery'))) as { key: string; secret: string; owner: string };
    const caller = await authenticate(created.key, created.secret);
    assert.equal(caller.principalId, created.owner);
    const binding = await db.selectFrom('role_bindings').selectAll().where('principal_id', '=', created.owner).executeTakeFirstOrThrow();
    assert.deepEqual([binding.role_name, binding.crn_pattern], ['OrganizationAdmin', `crn://confluent.cloud/organization=${info.organization_id}`]);
    const listed = JSON.parse(await ok(cirrus('keys', 'list', '--home', home, '--json'))) as Array<Record<string, string>>;
    assert.equal(listed.find((key) => key.id === created.key)?.display_name, 'recovery');

    assert.match(await ok(cirrus('keys', 'revoke', created.key, '--home', home)), /Revoked API key/);
    await assert.rejects(authenticate(created.key, created.secret), Unauthenticated);
    await authenticate(info.cloud_api_key, info.cloud_api_secret);
    const ops = await db.selectFrom('operations').select(['operation', 'resource_id']).where('actor', '=', 'cli').orderBy('seq').execute();
    assert.deepEqual(ops.slice(-2), [
      { operation: 'iam.api_key.create', resource_id: created.key },
      { operation: 'iam.api_key.delete', resource_id: created.key },
    ]);
  });

  it('keys revoke of an unknown id exits 2', async () => {
    const run = await cirrus('keys', 'revoke', 'NOSUCHKEY0000000', '--home', home);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^cirrus: API key NOSUCHKEY0000000 was not found/);
  });

  it('help prints the usage; an unknown command prints it on stderr and exits 2', async () => {
    const helps = await Promise.all([[], ['help'], ['--help'], ['keys', 'list', '-h']].map((args) => ok(cirrus(...args))));
    for (const help of helps) assert.match(help, /^Usage: cirrus/);
    const run = await cirrus('frobnicate');
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^cirrus: unknown command "frobnicate"[\s\S]*Usage: cirrus/);
    const misuses = [['keys'], ['keys', 'revoke'], ['keys', 'list', '--bogus'], ['keys', 'list', '--name', 'x']];
    const runs = await Promise.all(misuses.map((args) => cirrus(...args, '--home', home)));
    runs.forEach((misuse, i) => assert.equal(misuse.code, 2, misuses[i]!.join(' ')));
  });

  it('issue 7.12: refuses --master-key (visible in ps); takes the key from a file with --master-key-file', async () => {
    const refused = await cirrus('keys', 'list', '--home', home, '--master-key', Buffer.alloc(32, 1).toString('base64'));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^cirrus: --master-key is not accepted: .*\(ps\); set CIRRUS_MASTER_KEY, or .*--master-key-file FILE/);
    const fresh = tempHome();
    homes.push(fresh);
    const keyFile = path.join(tempHome(), 'key');
    homes.push(path.dirname(keyFile));
    fs.writeFileSync(keyFile, Buffer.alloc(32, 2).toString('base64'), { mode: 0o600 });
    await ok(cirrus('init', '--home', fresh, '--master-key-file', keyFile));
    assert.equal(fs.existsSync(path.join(fresh, 'master.key')), false, 'the key from the file is used, none generated');
    const created = JSON.parse(fs.readFileSync(path.join(fresh, 'bootstrap.json'), 'utf8')) as BootstrapInfo;
    const hashed = new ApiKeySecrets(loadMasterKey(fresh, Buffer.alloc(32, 2).toString('base64')).derive('api-key-hash'));
    const freshDb = await openStore(path.join(fresh, 'cirrus.db'));
    try {
      const caller = await new Authenticator(new IdentityCache(freshDb), hashed).authenticate(basicAuth(created.cloud_api_key, created.cloud_api_secret));
      assert.equal(caller.apiKeyId, created.cloud_api_key);
    } finally {
      await freshDb.destroy();
    }
  });

  it('commands on an uninitialised home exit 2 with a message and create nothing', async () => {
    const empty = tempHome();
    homes.push(empty);
    const commands = [['bootstrap'], ['keys', 'list'], ['keys', 'create-admin'], ['keys', 'revoke', info.cloud_api_key]];
    const runs = await Promise.all(commands.map((args) => cirrus(...args, '--home', empty)));
    runs.forEach((run, i) => {
      assert.equal(run.code, 2, commands[i]!.join(' '));
      assert.match(run.stderr, /^cirrus: .* is not initialised .*cirrus init/, commands[i]!.join(' '));
    });
    assert.deepEqual(fs.readdirSync(empty), []);
  });

  it('works beside a running server: its API takes a created key, and rejects it once revoked', async () => {
    const api = await startApiApp();
    homes.push(api.home);
    try {
      const url = `${api.url}/connect/v1/environments/${api.bootstrap.environment_id}/clusters/${api.bootstrap.kafka_cluster_id}/connectors`;
      const get = (key: string, secret: string) => fetch(url, { headers: { authorization: basicAuth(key, secret) } });
      const created = JSON.parse(await ok(cirrus('keys', 'create-admin', '--home', api.home, '--json'))) as { key: string; secret: string };
      assert.equal((await get(created.key, created.secret)).status, 200);
      await ok(cirrus('keys', 'revoke', created.key, '--home', api.home));
      assert.equal((await get(created.key, created.secret)).status, 401);
    } finally {
      await api.close();
    }
  });
});
