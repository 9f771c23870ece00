import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { assertMatchesSpec, loadSpec, specPath, type SpecName } from '../harness/openapi.ts';

const SPECS: SpecName[] = ['connect-v1', 'iam-v2', 'org-v2', 'cmk-v2', 'ccpm-v1', 'connect-custom-plugin-v1', 'metrics-v2'];
const CONNECTORS = '/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors';
const CONNECTOR = `${CONNECTORS}/{connector_name}`;
const STATUS = `${CONNECTOR}/status`;
const EXPAND = `${CONNECTORS}?expand=info,status,id`;

function connectorBody(): { name: string; type: string; config: Record<string, unknown>; tasks: unknown[] } {
  return {
    name: 'my-datagen',
    type: 'source',
    config: {
      'cloud.environment': 'prod',
      'cloud.provider': 'aws',
      'connector.class': 'DatagenSource',
      'kafka.api.key': 'KEY',
      'kafka.api.secret': '****************',
      'kafka.endpoint': 'SASL_SSL://pkc-00000.us-east-1.aws.confluent.cloud:9092',
      'kafka.region': 'us-east-1',
      name: 'my-datagen',
      'kafka.topic': 'orders',
    },
    tasks: [{ connector: 'my-datagen', task: 0 }],
  };
}

function exampleOf(doc: unknown, keys: string[]): unknown {
  let node: unknown = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).paths : undefined;
  for (const key of keys) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>).example : undefined;
}

describe('openapi harness: loading', () => {
  for (const name of SPECS) {
    it(`${name}: loads, lists operations and compiles every JSON response schema`, () => {
      const spec = loadSpec(name);
      assert.equal(loadSpec(name), spec, 'cached per name');
      const ops = spec.operations();
      assert.ok(ops.length > 0, 'has operations');
      for (const op of ops) assert.match(op.method, /^[a-z]+$/);
      const keys = spec.responseKeys();
      assert.ok(keys.length > 0, 'has JSON responses');
      const failures: string[] = [];
      for (const { method, path, status } of keys) {
        try {
          spec.compileResponse(method, path, status);
        } catch (err) {
          failures.push(`${method} ${path} ${status}: ${(err as Error).message}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  it("every spec's own response examples validate (guards against false positives)", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const name of SPECS) {
      const doc: unknown = parse(readFileSync(specPath(name), 'utf8'));
      const spec = loadSpec(name);
      for (const { method, path, status } of spec.responseKeys()) {
        const example = exampleOf(doc, [path, method, 'responses', status, 'content', 'application/json']);
        if (example === undefined || !/^\d+$/.test(status)) continue;
        checked++;
        const errors = spec.validateResponse(method, path, Number(status), example);
        if (errors.length > 0) failures.push(`${name} ${method} ${path} ${status}: ${errors.join('; ')}`);
      }
    }
    assert.ok(checked > 200, `checked ${checked} examples`);
    assert.deepEqual(failures, []);
  });

  it('connect-v1 keeps the ?expand= path key distinct from the plain list path', () => {
    const ops = loadSpec('connect-v1').operations();
    const gets = ops.filter((o) => o.method === 'get' && (o.path === CONNECTORS || o.path === EXPAND));
    assert.equal(gets.length, 2);
    assert.notEqual(gets[0]?.operationId, gets[1]?.operationId);
  });
});

describe('openapi harness: connect/v1 validation', () => {
  const spec = loadSpec('connect-v1');

  it('accepts a valid Connector for GET connector 200', () => {
    assert.deepEqual(spec.validateResponse('get', CONNECTOR, 200, connectorBody()), []);
    assert.deepEqual(spec.validateSchema('connect.v1.Connector', connectorBody()), []);
    assertMatchesSpec(spec, 'get', CONNECTOR, 200, connectorBody());
  });

  it('rejects a non-string config value with a readable message', () => {
    const body = connectorBody();
    body.config['tasks.max'] = 1;
    const errors = spec.validateResponse('get', CONNECTOR, 200, body);
    assert.ok(errors.some((e) => e.includes('body/config/tasks.max must be string')), errors.join('\n'));
    assert.throws(() => assertMatchesSpec(spec, 'get', CONNECTOR, 200, body), (err: Error) => {
      assert.match(err.message, /tasks\.max must be string/);
      assert.match(err.message, /"my-datagen"/, 'message includes the body');
      return true;
    });
  });

  it('rejects a missing required config key', () => {
    const body = connectorBody();
    delete body.config['kafka.region'];
    const errors = spec.validateSchema('connect.v1.Connector', body);
    assert.ok(errors.some((e) => e.includes("must have required property 'kafka.region'")), errors.join('\n'));
  });

  it('rejects a connector status without worker_id', () => {
    const body = {
      name: 'my-datagen',
      type: 'source',
      connector: { state: 'RUNNING', trace: '' },
      tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w-1' }],
    };
    const errors = spec.validateResponse('get', STATUS, 200, body);
    assert.ok(errors.some((e) => e.includes("body/connector must have required property 'worker_id'")), errors.join('\n'));
    const ok = { ...body, connector: { state: 'RUNNING', worker_id: 'w-1', trace: '' } };
    assert.deepEqual(spec.validateResponse('get', STATUS, 200, ok), []);
  });

  it('accepts the union error body for the status route 404', () => {
    const body = { error: { code: 404, message: 'resource not found' }, code: 404, error_code: 404, message: 'resource not found' };
    assert.deepEqual(spec.validateResponse('get', STATUS, 404, body), []);
    assert.ok(spec.validateResponse('get', STATUS, 404, { error: { code: '404' } }).length > 0, 'code must be integer');
  });

  it('accepts {"error":null} for DELETE connector 200 (nullable) but not a non-object error', () => {
    assert.deepEqual(spec.validateResponse('delete', CONNECTOR, 200, { error: null }), []);
    assert.ok(spec.validateResponse('delete', CONNECTOR, 200, { error: 'nope' }).length > 0);
  });

  it('validates the ?expand= list as a map of expansions', () => {
    assert.deepEqual(spec.validateResponse('get', EXPAND, 200, {}), []);
    assert.ok(spec.validateResponse('get', EXPAND, 200, []).length > 0);
  });

  it('throws for an undeclared status with no default, a status without JSON content, or an unknown operation', () => {
    assert.throws(() => spec.validateResponse('get', STATUS, 418, {}), /declares no 418 response and no default/);
    assert.throws(() => spec.validateResponse('get', STATUS, 429, {}), /no JSON schema/);
    assert.throws(() => spec.validateResponse('patch', STATUS, 200, {}), /no operation PATCH/);
    assert.throws(() => spec.validateSchema('connect.v1.Nope', {}), /no component schema/);
  });
});

describe('openapi harness: other specs', () => {
  it('nullable string formats accept null (org-v2 list metadata)', () => {
    const spec = loadSpec('org-v2');
    const list = spec.operations().find((o) => o.operationId === 'listOrgV2Environments');
    assert.ok(list, 'listOrgV2Environments exists');
    const body = { api_version: 'org/v2', kind: 'EnvironmentList', metadata: { first: null, next: null }, data: [] };
    assert.deepEqual(spec.validateResponse('get', list.path, 200, body), []);
    const bad = { ...body, metadata: { next: 'not a uri' } };
    assert.ok(spec.validateResponse('get', list.path, 200, bad).some((e) => e.includes('format')));
  });

  it("org-v2 display_name pattern (escaped \" under Ajv's u flag) still rejects a double quote", () => {
    const spec = loadSpec('org-v2');
    const org = { display_name: 'Acme Corp' };
    assert.deepEqual(spec.validateSchema('org.v2.Organization', org), []);
    const errors = spec.validateSchema('org.v2.Organization', { display_name: 'Acme "Corp"' });
    assert.ok(errors.some((e) => e.includes('body/display_name must match pattern')), errors.join('\n'));
  });
});
