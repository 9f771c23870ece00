// Issue 9: POST /connect/v1/presigned-upload-url (200) and POST /ccpm/v1/presigned-upload-url
// (201 + Location) over a socket: bodies against the two published specs, errors in the v2
// envelope, and who may ask (OrganizationAdmin, EnvironmentAdmin, CloudClusterAdmin).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basicAuth, startApiApp, type ApiApp } from '../harness/api-app.ts';
import { assertMatchesSpec, loadSpec } from '../harness/openapi.ts';
import { adminAuth, keyWithRole, v2Call } from '../harness/principals.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FORM_FIELDS = ['bucket', 'key', 'policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-security-token', 'x-amz-signature'];

describe('presigned upload URLs (issue 9)', () => {
  let api: ApiApp;
  let admin: string;
  let org: string;
  let env: string;
  let lkc: string;
  const connect = (body: unknown, auth = admin) => v2Call(api, auth, 'POST', '/connect/v1/presigned-upload-url', body);
  const ccpm = (body: unknown, auth = admin) => v2Call(api, auth, 'POST', '/ccpm/v1/presigned-upload-url', body);
  const custom = loadSpec('connect-custom-plugin-v1');
  const ccpmSpec = loadSpec('ccpm-v1');

  before(async () => {
    api = await startApiApp();
    admin = adminAuth(api);
    org = api.bootstrap.organization_id;
    env = api.bootstrap.environment_id;
    lkc = api.bootstrap.kafka_cluster_id;
  });
  after(async () => api.close());

  it('connect/v1: 200 PresignedUrl as the spec says, content_format in any case, cloud AWS by default', async () => {
    const answer = await connect({ content_format: 'zip' });
    assert.equal(answer.status, 200, answer.text);
    assertMatchesSpec(custom, 'post', '/connect/v1/presigned-upload-url', 200, answer.json);
    const body = answer.json as { api_version: string; kind: string; content_format: string; cloud: string; upload_id: string; upload_url: string; upload_form_data: Record<string, string> };
    assert.equal(body.api_version, 'connect/v1');
    assert.equal(body.kind, 'PresignedUrl');
    assert.equal(body.content_format, 'ZIP');
    assert.equal(body.cloud, 'AWS');
    assert.match(body.upload_id, UUID_V4);
    assert.ok(body.upload_url.startsWith(`${api.url}/cirrus/uploads/`), body.upload_url);
    assert.deepEqual(Object.keys(body.upload_form_data).sort(), FORM_FIELDS);
    for (const value of Object.values(body.upload_form_data)) assert.equal(typeof value, 'string');
    assert.equal(body.upload_form_data['x-amz-algorithm'], 'AWS4-HMAC-SHA256');
    assert.ok(body.upload_form_data.key!.includes(body.upload_id));
    const policy = JSON.parse(Buffer.from(body.upload_form_data.policy!, 'base64').toString()) as { expiration: string };
    const hour = new Date(policy.expiration).getTime() - Date.now();
    assert.ok(hour > 59 * 60_000 && hour <= 60 * 60_000, `the grant lasts an hour (${hour} ms)`);
    assert.ok(answer.headers.get('x-request-id'));
  });

  it('connect/v1: JAR, a cloud in any case, and the GCP/Azure upload_url that a bare PUT can use', async () => {
    const answer = await connect({ content_format: 'Jar', cloud: 'gcp' });
    const body = answer.json as { content_format: string; cloud: string; upload_url: string; upload_form_data: Record<string, string> };
    assert.equal(answer.status, 200, answer.text);
    assert.equal(body.content_format, 'JAR');
    assert.equal(body.cloud, 'GCP');
    assert.ok(body.upload_form_data.key!.endsWith('/plugin.jar'));
    assert.equal(new URL(body.upload_url).searchParams.get('x-amz-signature'), body.upload_form_data['x-amz-signature']);
  });

  it('connect/v1: bad input is a 400 in the v2 envelope, naming the field', async () => {
    for (const [body, pointer] of [[{}, undefined], [{ content_format: 'TAR' }, '/content_format'], [{ content_format: 'ZIP', cloud: 'IBM' }, '/cloud'], [{ content_format: 7 }, undefined]] as const) {
      const answer = await connect(body);
      assert.equal(answer.status, 400, answer.text);
      assertMatchesSpec(custom, 'post', '/connect/v1/presigned-upload-url', 400, answer.json);
      const error = (answer.json as { errors: { status: string; source?: { pointer?: string } }[] }).errors[0]!;
      assert.equal(error.status, '400');
      if (pointer) assert.equal(error.source?.pointer, pointer);
    }
    const notJson = await fetch(`${api.url}/connect/v1/presigned-upload-url`, { method: 'POST', headers: { authorization: admin }, body: 'content_format=ZIP' });
    assert.equal(notJson.status, 400);
  });

  it('connect/v1: cloud API keys only (401 with the v2 body and a challenge)', async () => {
    for (const auth of ['', basicAuth(api.bootstrap.kafka_api_key, api.bootstrap.kafka_api_secret), 'Bearer token']) {
      const answer = await connect({ content_format: 'ZIP' }, auth);
      assert.equal(answer.status, 401, auth);
      assertMatchesSpec(custom, 'post', '/connect/v1/presigned-upload-url', 401, answer.json);
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Basic /);
    }
  });

  it('connect/v1: OrganizationAdmin, EnvironmentAdmin and CloudClusterAdmin may; ConnectManager and Operator get 403', async () => {
    const roles: [string, string, number][] = [
      ['EnvironmentAdmin', `crn://confluent.cloud/organization=${org}/environment=${env}`, 200],
      ['CloudClusterAdmin', `crn://confluent.cloud/organization=${org}/environment=${env}/cloud-cluster=${lkc}`, 200],
      ['ConnectManager', `crn://confluent.cloud/organization=${org}/environment=${env}/cloud-cluster=${lkc}`, 403],
      ['Operator', `crn://confluent.cloud/organization=${org}/environment=${env}/cloud-cluster=${lkc}`, 403],
    ];
    for (const [role, crn, status] of roles) {
      const { auth } = await keyWithRole(api, role, crn);
      const answer = await connect({ content_format: 'ZIP' }, auth);
      assert.equal(answer.status, status, `${role}: ${answer.text}`);
      if (status === 403) {
        assertMatchesSpec(custom, 'post', '/connect/v1/presigned-upload-url', 403, answer.json);
        assert.equal((answer.json as { errors: { code: string }[] }).errors[0]!.code, 'user_unauthorized');
      }
    }
  });

  it('ccpm/v1: 201 + Location, the environment as a reference, as the spec says', async () => {
    const answer = await ccpm({ content_format: 'zip', cloud: 'aws', environment: { id: env, related: '', resource_name: '' } });
    assert.equal(answer.status, 201, answer.text);
    assertMatchesSpec(ccpmSpec, 'post', '/ccpm/v1/presigned-upload-url', 201, answer.json);
    const body = answer.json as { api_version: string; upload_id: string; environment: { id: string; related: string; resource_name: string }; upload_form_data: Record<string, string> };
    assert.equal(body.api_version, 'ccpm/v1');
    assert.match(body.upload_id, UUID_V4);
    assert.equal(body.environment.id, env);
    assert.equal(body.environment.resource_name, `crn://confluent.cloud/organization=${org}/environment=${env}`);
    assert.equal(answer.headers.get('location'), `${api.url}/ccpm/v1/presigned-upload-url/${body.upload_id}`);
    assert.deepEqual(Object.keys(body.upload_form_data).sort(), FORM_FIELDS);
  });

  it('ccpm/v1: all three fields are required; an unknown environment is a 400 (the route declares no 404)', async () => {
    for (const body of [{ cloud: 'AWS', environment: { id: env } }, { content_format: 'ZIP', environment: { id: env } }, { content_format: 'ZIP', cloud: 'AWS' }, { content_format: 'ZIP', cloud: '', environment: { id: env } }]) {
      const answer = await ccpm(body);
      assert.equal(answer.status, 400, `${JSON.stringify(body)}: ${answer.text}`);
      assertMatchesSpec(ccpmSpec, 'post', '/ccpm/v1/presigned-upload-url', 400, answer.json);
    }
    const unknown = await ccpm({ content_format: 'ZIP', cloud: 'AWS', environment: { id: 'env-nope00' } });
    assert.equal(unknown.status, 400, unknown.text);
    assertMatchesSpec(ccpmSpec, 'post', '/ccpm/v1/presigned-upload-url', 400, unknown.json);
    assert.deepEqual((unknown.json as { errors: { source: unknown }[] }).errors[0]!.source, { pointer: '/environment/id' });
  });

  it('ccpm/v1: environment-scoped: a role inside it may, one elsewhere sees nothing, ConnectManager gets 403', async () => {
    const other = (await v2Call(api, admin, 'POST', '/org/v2/environments', { display_name: 'other' })).json as { id: string };
    const inEnv = `crn://confluent.cloud/organization=${org}/environment=${env}`;
    const cases: [string, string, string, number][] = [
      ['EnvironmentAdmin', inEnv, env, 201],
      ['CloudClusterAdmin', `${inEnv}/cloud-cluster=${lkc}`, env, 201],
      ['ConnectManager', `${inEnv}/cloud-cluster=${lkc}`, env, 403],
      ['EnvironmentAdmin', inEnv, other.id, 404],
    ];
    for (const [role, crn, target, status] of cases) {
      const { auth } = await keyWithRole(api, role, crn);
      const answer = await ccpm({ content_format: 'JAR', cloud: 'AZURE', environment: { id: target } }, auth);
      assert.equal(answer.status, status, `${role} on ${target}: ${answer.text}`);
    }
  });

  it('both routes commit an operation record with the upload', async () => {
    const rows = await api.db.selectFrom('operations').select(['operation']).where('operation', 'like', '%presigned_upload_url%').execute();
    assert.ok(rows.some((r) => r.operation === 'connect.presigned_upload_url.create'));
    assert.ok(rows.some((r) => r.operation === 'ccpm.presigned_upload_url.create'));
  });
});
