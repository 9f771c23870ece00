// Issue 7's proof: a property-based fuzz of Confluent's published specs (connect/v1, iam/v2, org/v2,
// cmk/v2, since issue 9 connect/v1's custom plugins and ccpm/v1, since issue 12 metrics/v2, since issue 14
// srcm/v3 and the Schema Registry's own API (at its http_endpoint, with a registry key); read from ../shared at run
// time) against a running Cirrus. No 5xx; every answer's
// status, content type and body match the spec, except where CONTRACT.md documents a deviation
// (test/fuzz/hooks.py lists each, with its section and reason). Schemathesis from PyPI does the
// generating and checking (test/harness/schemathesis.ts says why); it is installed on first use.
//
// Bounded by CIRRUS_FUZZ_MAX_EXAMPLES cases per operation and phase (default 100) with a fixed
// seed, so a red run replays the same requests; set CIRRUS_FUZZ_SEED to explore other inputs, and
// CIRRUS_FUZZ_SPECS to run some of them.
// The reports (NDJSON, one per spec) and logs stay in the printed folder when a spec fails.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { datagenConfig } from '../harness/connector-fixtures.ts';
import { insertPoints, RECEIVED_RECORDS } from '../harness/metric-points.ts';
import { specPath } from '../harness/openapi.ts';
import { describeFindings, ensureSchemathesis, runSchemathesis, SCHEMATHESIS_VERSION } from '../harness/schemathesis.ts';
import { tempHome } from '../harness/stack.ts';
import { archiveFile, uploadArchive } from '../harness/uploads.ts';

const ALL_SPECS = ['connect-v1', 'iam-v2', 'org-v2', 'cmk-v2', 'connect-custom-plugin-v1', 'ccpm-v1', 'metrics-v2', 'srcm-v3', 'schema-registry-v1'] as const;
/** CIRRUS_FUZZ_SPECS=cmk-v2,org-v2 runs only those (while working on one API). */
const SPECS = ALL_SPECS.filter((s) => !process.env.CIRRUS_FUZZ_SPECS || process.env.CIRRUS_FUZZ_SPECS.split(',').includes(s));
const MAX_EXAMPLES = Number(process.env.CIRRUS_FUZZ_MAX_EXAMPLES ?? 100);
const SEED = process.env.CIRRUS_FUZZ_SEED ?? '7';
const SPEC_TIMEOUT_MS = 8 * 60_000;
const FIXTURE_CONNECTOR = 'fuzz-datagen';
const FIXTURE_SUBJECT = 'fuzz-value';
/** Finished uploads per plugin API: the first creates that draw one answer 201/202, later ones 409. */
const FIXTURE_UPLOADS = 3;

/** At least one answer of these statuses, or the fuzz no longer reaches the handlers' real work. */
const REACH: Record<(typeof ALL_SPECS)[number], [string, number][]> = {
  'connect-v1': [
    ['POST /connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors', 201],
    ['GET /connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors/{connector_name}/status', 200],
    ['PUT /connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connector-plugins/{plugin_name}/config/validate', 200],
    ['DELETE /connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors/{connector_name}', 200],
  ],
  'iam-v2': [['POST /iam/v2/service-accounts', 201], ['PATCH /iam/v2/service-accounts/{id}', 200]],
  'org-v2': [['POST /org/v2/environments', 201], ['PATCH /org/v2/environments/{id}', 200]],
  'cmk-v2': [['POST /cmk/v2/clusters', 202], ['GET /cmk/v2/clusters/{id}', 200]],
  'connect-custom-plugin-v1': [
    ['POST /connect/v1/presigned-upload-url', 200],
    ['POST /connect/v1/custom-connector-plugins', 201],
    ['GET /connect/v1/custom-connector-plugins', 200],
    ['PATCH /connect/v1/custom-connector-plugins/{id}', 200],
    ['GET /connect/v1/custom-connector-runtimes', 200],
    ['DELETE /connect/v1/custom-connector-plugins/{id}', 204],
  ],
  'ccpm-v1': [
    ['POST /ccpm/v1/presigned-upload-url', 201],
    ['POST /ccpm/v1/plugins', 202],
    ['GET /ccpm/v1/plugins', 200],
    ['PATCH /ccpm/v1/plugins/{id}', 200],
    ['POST /ccpm/v1/plugins/{plugin_id}/versions', 202],
    ['GET /ccpm/v1/plugins/{plugin_id}/versions/{id}', 200],
    ['DELETE /ccpm/v1/plugins/{id}', 204],
    ['DELETE /ccpm/v1/plugins/{plugin_id}/versions/{id}', 204],
  ],
  'metrics-v2': [
    ['POST /v2/metrics/{dataset}/query', 200],
    ['GET /v2/metrics/{dataset}/descriptors/metrics', 200],
    ['GET /v2/metrics/{dataset}/descriptors/resources', 200],
    ['POST /v2/metrics/{dataset}/attributes', 200],
    ['GET /v2/metrics/{dataset}/export', 200],
  ],
  'srcm-v3': [['GET /srcm/v3/clusters', 200], ['GET /srcm/v3/clusters/{id}', 200]],
  'schema-registry-v1': [
    ['POST /subjects/{subject}/versions', 200],
    ['GET /subjects/{subject}/versions/{version}', 200],
    ['GET /schemas/ids/{id}', 200],
    ['POST /compatibility/subjects/{subject}/versions', 200],
    ['PUT /config/{subject}', 200],
    ['GET /subjects', 200],
  ],
};
/** The registry's API answers at its http_endpoint, beneath the Cirrus URL (issue 14). */
const specUrl = (api: ApiApp, spec: string) => (spec === 'schema-registry-v1' ? `${api.url}/schema-registry/${api.bootstrap.schema_registry_id}` : api.url);

describe(`spec fuzz (schemathesis ${SCHEMATHESIS_VERSION}, ${MAX_EXAMPLES} cases per operation and phase, seed ${SEED})`, () => {
  let bin: string | undefined;
  let api: ApiApp;
  let workDir: string;
  let env: Record<string, string>;
  const unfinished = new Set<string>(); // specs that have not passed: their logs and reports are kept

  before(async () => {
    api = await startApiApp();
    workDir = await tempHome('fuzz');
    env = await fixtures(api);
  });

  after(async () => {
    await api?.close();
    if (workDir && unfinished.size === 0) fs.rmSync(workDir, { recursive: true, force: true });
  });

  // A test of its own, so a machine without python3/venv shows one failure that says so (never a skip).
  it(`has schemathesis ${SCHEMATHESIS_VERSION} (installed into .cache/cirrus-fuzz/ on first use)`, { timeout: 10 * 60_000 }, () => {
    bin = ensureSchemathesis();
  });

  for (const spec of SPECS) {
    it(`${spec}: no 5xx, and status, content type and body as the spec (plus CONTRACT.md's deviations) says`, { timeout: SPEC_TIMEOUT_MS + 60_000 }, async () => {
      assert.ok(bin, 'schemathesis is not installed: see the failure above');
      const started = Date.now();
      const run = await runSchemathesis({ bin, spec: specPath(spec), url: specUrl(api, spec), workDir, env, maxExamples: MAX_EXAMPLES, seed: SEED, timeoutMs: SPEC_TIMEOUT_MS });
      const answers = [...run.statuses.values()].reduce((n, s) => n + [...s.values()].reduce((a, b) => a + b, 0), 0);
      console.log(`[fuzz] ${spec}: ${answers} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ${run.findings.length} failed checks (log ${run.log})`);
      const where = `schemathesis log: ${run.log}\nreport: ${run.report}`;
      unfinished.add(spec);
      assert.ok(run.findings.length === 0, `${spec}: ${run.findings.length} failed checks\n${describeFindings(run.findings)}\n${where}`);
      assert.equal(run.exitCode, 0, `${spec}: schemathesis ${run.timedOut ? `was stopped after ${SPEC_TIMEOUT_MS / 60_000} min` : `exited ${run.exitCode} without a failed check`}:\n${tail(run.log)}\n${where}`);
      const unreached = REACH[spec].filter(([operation, status]) => !run.statuses.get(operation)?.get(status));
      assert.deepEqual(unreached, [], `${spec}: the fuzz never got these answers, so it no longer reaches the handlers:\n${where}`);
      unfinished.delete(spec);
    });
  }
});

/** The objects the fixed ids of test/fuzz/schemathesis.toml name, and the variables that pass them. */
async function fixtures(api: ApiApp): Promise<Record<string, string>> {
  const b = api.bootstrap;
  const auth = basicAuth(b.cloud_api_key, b.cloud_api_secret);
  const post = async (route: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${api.url}${route}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.ok(res.ok, `fixture ${route}: ${res.status} ${await res.clone().text()}`);
    return await res.json() as Record<string, unknown>;
  };
  await post(`/connect/v1/environments/${b.environment_id}/clusters/${b.kafka_cluster_id}/connectors`, { name: FIXTURE_CONNECTOR, config: datagenConfig(b, FIXTURE_CONNECTOR) });
  const serviceAccount = await post('/iam/v2/service-accounts', { display_name: 'fuzz fixture', description: 'read and patched by the fuzz' });
  const environment = await post('/org/v2/environments', { display_name: 'fuzz fixture' });
  const plugins = await pluginFixtures(api, post);
  const registry = await registryFixtures(api);
  // Issue 12: an hour of points of one connector, so the metrics fuzz's queries find some.
  const minute = Math.floor(Date.now() / 60_000);
  await insertPoints(api.db, Array.from({ length: 60 }, (_, i) => ({ connectorId: 'lcc-fuzz', kafkaClusterId: b.kafka_cluster_id, metric: RECEIVED_RECORDS, minute: minute - i, value: i + 1 })));
  return {
    ...plugins,
    ...registry,
    CIRRUS_FUZZ_CLOUD_API_KEY: b.cloud_api_key,
    CIRRUS_FUZZ_CLOUD_API_SECRET: b.cloud_api_secret,
    CIRRUS_FUZZ_KAFKA_API_KEY: b.kafka_api_key,
    CIRRUS_FUZZ_KAFKA_API_SECRET: b.kafka_api_secret,
    CIRRUS_FUZZ_ENVIRONMENT_ID: b.environment_id,
    CIRRUS_FUZZ_KAFKA_CLUSTER_ID: b.kafka_cluster_id,
    CIRRUS_FUZZ_CONNECTOR: FIXTURE_CONNECTOR,
    CIRRUS_FUZZ_SERVICE_ACCOUNT_ID: String(serviceAccount.id),
    CIRRUS_FUZZ_SPARE_ENVIRONMENT_ID: String(environment.id),
  };
}

type Post = (route: string, body: unknown) => Promise<Record<string, unknown>>;

/**
 * A connect/v1 plugin, a ccpm/v1 plugin with one version (in the bootstrap environment), and
 * finished uploads of each API for the fuzz's own creates: a fuzzer cannot upload an archive, so
 * without them every plugin create stops at "no such upload" and its 201/202 body goes unchecked.
 */
async function pluginFixtures(api: ApiApp, post: Post): Promise<Record<string, string>> {
  const environment = api.bootstrap.environment_id;
  const ccpmGrant = { content_format: 'ZIP', cloud: 'AWS', environment: { id: environment } };
  const upload = (grant?: Record<string, unknown>) => uploadArchive(api, archiveFile(api.home, `fuzz-${randomUUID()}.zip`, 64), grant);
  const source = (uploadId: string) => ({ location: 'PRESIGNED_URL_LOCATION', upload_id: uploadId });
  const connectClass = { connector_class: 'com.example.FuzzSource', connector_type: 'SOURCE' };
  const connectPlugin = await post('/connect/v1/custom-connector-plugins', { display_name: 'fuzz fixture', ...connectClass, upload_source: source(await upload()) });
  const ccpmPlugin = await post('/ccpm/v1/plugins', { spec: { display_name: 'fuzz fixture', cloud: 'AWS', environment: { id: environment } } });
  const version = await post(`/ccpm/v1/plugins/${String(ccpmPlugin.id)}/versions`, { spec: {
    version: '1.0.0', connector_classes: [{ class_name: 'com.example.FuzzSource', type: 'SOURCE' }], upload_source: source(await upload(ccpmGrant)), environment: { id: environment },
  } });
  const uploads = async (grant?: Record<string, unknown>) => (await Promise.all(Array.from({ length: FIXTURE_UPLOADS }, () => upload(grant)))).join(',');
  return {
    CIRRUS_FUZZ_CUSTOM_PLUGIN_ID: String(connectPlugin.id),
    CIRRUS_FUZZ_CCPM_PLUGIN_ID: String(ccpmPlugin.id),
    CIRRUS_FUZZ_CCPM_VERSION_ID: String(version.id),
    CIRRUS_FUZZ_CONNECT_UPLOADS: await uploads(),
    CIRRUS_FUZZ_CCPM_UPLOADS: await uploads(ccpmGrant),
  };
}

/** A subject with one AVRO version in the bootstrap registry, and the registry key its fuzz calls with. */
async function registryFixtures(api: ApiApp): Promise<Record<string, string>> {
  const b = api.bootstrap;
  const res = await fetch(`${specUrl(api, 'schema-registry-v1')}/subjects/${FIXTURE_SUBJECT}/versions`, {
    method: 'POST', headers: { authorization: basicAuth(b.schema_registry_api_key, b.schema_registry_api_secret), 'content-type': 'application/json' },
    body: JSON.stringify({ schema: JSON.stringify({ type: 'record', name: 'Fuzz', fields: [{ name: 'id', type: 'long' }] }) }),
  });
  assert.equal(res.status, 200, `registry fixture: ${await res.clone().text()}`);
  return {
    CIRRUS_FUZZ_REGISTRY_ID: b.schema_registry_id,
    CIRRUS_FUZZ_REGISTRY_API_KEY: b.schema_registry_api_key,
    CIRRUS_FUZZ_REGISTRY_API_SECRET: b.schema_registry_api_secret,
    CIRRUS_FUZZ_REGISTRY_SUBJECT: FIXTURE_SUBJECT,
    CIRRUS_FUZZ_REGISTRY_SCHEMA_ID: String(((await res.json()) as { id: number }).id),
  };
}

function tail(file: string, lines = 40): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}
