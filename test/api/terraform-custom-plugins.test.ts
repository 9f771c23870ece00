// Issue 9's proof item: the Terraform provider's flows for custom plugins, replayed request by
// request (bodies as its Go SDK marshals them, uploads as its uploadFile sends them) against
// Cirrus with real uploads and a faked archive inspector. Each read is mapped to state as the
// provider maps it and compared with the configuration: equal means `terraform plan` is clean.
// Read (behaviour, not code), confluentinc/terraform-provider-confluent @ e58ae689 (v2.83.4):
//   internal/provider/resource_custom_connector_plugin.go  confluent_custom_connector_plugin
//   internal/provider/resource_custom_connector_version.go confluent_custom_connector_plugin_version
//   internal/provider/resource_plugin.go                   confluent_plugin (the ccpm/v1 plugin)
//   internal/provider/utils.go                             uploadFile, isNonKafkaRestApiResourceNotFound
//   internal/provider/provider.go, internal/testdata/custom_connector_plugin{,_version}/, internal/testdata/plugin/
// and the SDK versions its go.mod pins, confluentinc/ccloud-sdk-go-v2 connect-custom-plugin/v0.0.2
// and ccpm/v0.0.1: v1/model_*.go (MarshalJSON: what is sent empty), v1/api_*.go (paths, queries).
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApiApp, type ApiApp } from '../harness/api-app.ts';
import type { FakeArchiveInspector } from '../harness/fake-plugins.ts';
import { eventually } from '../harness/wait.ts';
import { writeZip } from '../harness/zip.ts';
import { providerUpload, sdkCall, sdkDecodable, sdkEnvironment, type PresignedUrl, type SdkAnswer } from '../harness/terraform-client.ts';

/** A `confluent_custom_connector_plugin` block (unset optionals left out). */
interface ConnectPluginConfig {
  display_name: string;
  description?: string;
  documentation_link?: string;
  connector_class: string;
  connector_type: 'SOURCE' | 'SINK';
  sensitive_config_properties?: string[];
  filename: string;
  cloud?: 'AWS' | 'GCP' | 'AZURE';
}

/** A `confluent_custom_connector_plugin_version` block. */
interface VersionConfig {
  version: string;
  cloud: 'AWS' | 'GCP' | 'AZURE';
  environment: string;
  plugin_id: string;
  connector_class: { connector_class_name: string; connector_type: string }[];
  sensitive_config_properties?: string[];
  documentation_link?: string;
  filename: string;
}

const DATAGEN = 'io.confluent.kafka.connect.datagen.DatagenConnector';
const DOCS = 'https://www.confluent.io/hub/confluentinc/kafka-connect-datagen';
/** TypeSet attributes: order never shows in a plan. */
const asSet = (items: unknown) => [...((items ?? []) as string[])].sort();
const extension = (file: string) => path.extname(file).slice(1).toLowerCase();

describe('Terraform provider flows for custom plugins (issue 9)', () => {
  let api: ApiApp;
  let dir: string;
  const env = () => api.bootstrap.environment_id;
  const ok = (answer: SdkAnswer, status: number) => {
    assert.equal(answer.status, status, answer.text);
    assert.deepEqual(sdkDecodable(answer), [], answer.text);
  };
  /** The archive itself reached the inspector: not the multipart envelope it travelled in. */
  const assertKept = (file: string) => {
    const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    assert.ok((api.inspector as FakeArchiveInspector).inspected.some((i) => i.sha256 === sha256), `${path.basename(file)} kept as uploaded`);
  };
  /** A plugin archive of its own bytes (the store keeps archives by sha256). */
  const archive = (name: string) => writeZip(path.join(dir, name), [{ name: 'lib/plugin.jar', data: randomUUID() }, { name: 'manifest.json', data: '{}' }]);

  before(async () => {
    api = await startApiApp();
    dir = fs.mkdtempSync(path.join(api.home, 'tf-'));
  });
  after(async () => api.close());

  /** uploadCustomConnectorPlugin: presign (the SDK defaults cloud to AWS), then uploadFile with the configured cloud. */
  async function connectUpload(filename: string, cloud = ''): Promise<string> {
    const presign = await sdkCall(api, 'POST', '/connect/v1/presigned-upload-url', { cloud: cloud || 'AWS', content_format: extension(filename) });
    ok(presign, 200);
    const grant = presign.json as unknown as PresignedUrl;
    assert.equal(presign.json.kind, 'PresignedUrl');
    const status = await providerUpload(grant, filename, cloud);
    assert.ok(status >= 200 && status < 300, `upload answered ${status}`);
    return grant.upload_id;
  }

  /** customConnectorPluginCreate: upload, then POST with every attribute set, unset ones as "" and []. */
  async function createConnectPlugin(config: ConnectPluginConfig): Promise<string> {
    const uploadId = await connectUpload(config.filename, config.cloud);
    const created = await sdkCall(api, 'POST', '/connect/v1/custom-connector-plugins', {
      cloud: config.cloud ?? 'AWS', display_name: config.display_name, description: config.description ?? '',
      documentation_link: config.documentation_link ?? '', connector_class: config.connector_class, connector_type: config.connector_type,
      sensitive_config_properties: config.sensitive_config_properties ?? [], upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: uploadId },
    });
    ok(created, 201);
    assertKept(config.filename);
    return created.json.id as string;
  }

  /** customConnectorPluginRead + setCustomConnectorPluginAttributes, compared with the config: a clean plan. */
  async function assertConnectPlanClean(id: string, config: ConnectPluginConfig): Promise<void> {
    const read = await sdkCall(api, 'GET', `/connect/v1/custom-connector-plugins/${id}`);
    ok(read, 200);
    const r = read.json;
    assert.equal(r.id, id);
    const state = {
      display_name: r.display_name ?? '', description: r.description ?? '', cloud: r.cloud ?? '', documentation_link: r.documentation_link ?? '',
      connector_class: r.connector_class ?? '', connector_type: r.connector_type ?? '', sensitive_config_properties: asSet(r.sensitive_config_properties),
    };
    // cloud is Optional + Computed: unset, the state takes what the server says, which must be the AWS the SDK sent.
    assert.deepEqual(state, {
      display_name: config.display_name, description: config.description ?? '', cloud: config.cloud ?? 'AWS', documentation_link: config.documentation_link ?? '',
      connector_class: config.connector_class, connector_type: config.connector_type, sensitive_config_properties: asSet(config.sensitive_config_properties),
    });
  }

  it('confluent_custom_connector_plugin, cloud unset: presign, form POST, create 201, plan clean, update, import, replace, destroy, then 404', async () => {
    const config: ConnectPluginConfig = {
      display_name: 'datagen-plugin-name', description: 'datagen-plugin-description', documentation_link: DOCS,
      connector_class: DATAGEN, connector_type: 'SOURCE', sensitive_config_properties: ['passwords', 'keys'], filename: archive('confluentinc-kafka-connect-datagen-0.6.6.zip'),
    };
    const id = await createConnectPlugin(config);
    assert.match(id, /^ccp-[a-z0-9]{6}$/);
    await assertConnectPlanClean(id, config);

    // customConnectorPluginUpdate: only changed attributes, in a PATCH; then a read.
    const updated = { ...config, display_name: 'datagen-plugin-name-upd', description: 'datagen-plugin-description-upd', sensitive_config_properties: ['passwords', 'keys', 'auth_token'] };
    ok(await sdkCall(api, 'PATCH', `/connect/v1/custom-connector-plugins/${id}`, {
      description: updated.description, display_name: updated.display_name, sensitive_config_properties: updated.sensitive_config_properties,
    }), 200);
    await assertConnectPlanClean(id, updated);
    // Optional attributes removed from the config: the provider sends them empty.
    const cleared = { ...updated, description: undefined, documentation_link: undefined, sensitive_config_properties: undefined };
    ok(await sdkCall(api, 'PATCH', `/connect/v1/custom-connector-plugins/${id}`, { description: '', documentation_link: '', sensitive_config_properties: [] }), 200);
    await assertConnectPlanClean(id, cleared);
    // terraform import confluent_custom_connector_plugin.x <id>: the same read, by id alone.
    await assertConnectPlanClean(id, cleared);

    // A new filename forces a replacement: destroy (204, no body), then create under the same name.
    const deleted = await sdkCall(api, 'DELETE', `/connect/v1/custom-connector-plugins/${id}`);
    ok(deleted, 204);
    const gone = await sdkCall(api, 'GET', `/connect/v1/custom-connector-plugins/${id}`);
    assert.equal(gone.status, 404, 'isNonKafkaRestApiResourceNotFound: the plugin leaves the state');
    assert.equal((gone.json.errors as { status: string }[])[0]!.status, '404');
    const replaced = { ...cleared, filename: archive('datagen-0.6.7.zip') };
    const id2 = await createConnectPlugin(replaced);
    await assertConnectPlanClean(id2, replaced);
    ok(await sdkCall(api, 'DELETE', `/connect/v1/custom-connector-plugins/${id2}`), 204);
  });

  for (const [cloud, filename] of [['GCP', 'datagen.jar'], ['AZURE', 'datagen.zip']] as const) {
    it(`confluent_custom_connector_plugin, cloud = "${cloud}" (.${extension(filename)}): the PUT of a multipart body uploads, plan clean, destroy`, async () => {
      const config: ConnectPluginConfig = {
        display_name: `datagen-plugin-name-${cloud.toLowerCase()}`, description: 'datagen-plugin-description', documentation_link: DOCS,
        connector_class: DATAGEN, connector_type: 'SINK', sensitive_config_properties: ['keys', 'passwords'], filename: archive(filename), cloud,
      };
      const id = await createConnectPlugin(config);
      await assertConnectPlanClean(id, config);
      const read = await sdkCall(api, 'GET', `/connect/v1/custom-connector-plugins/${id}`);
      assert.equal(read.json.content_format, extension(filename).toUpperCase());
      ok(await sdkCall(api, 'DELETE', `/connect/v1/custom-connector-plugins/${id}`), 204);
      assert.equal((await sdkCall(api, 'GET', `/connect/v1/custom-connector-plugins/${id}`)).status, 404);
    });
  }

  /** pluginCreate: POST /ccpm/v1/plugins with the environment reference as the SDK marshals it. */
  async function createCcpmPlugin(displayName: string, cloud: string, description = ''): Promise<string> {
    const created = await sdkCall(api, 'POST', '/ccpm/v1/plugins', { spec: { cloud, description, display_name: displayName, environment: sdkEnvironment(env()) } });
    ok(created, 202);
    return created.json.id as string;
  }

  /** pluginRead + setPluginAttributes: display_name, description, cloud, environment, api_version, kind, runtime_language (computed). */
  async function assertPluginPlanClean(id: string, config: { display_name: string; description?: string; cloud: string }): Promise<void> {
    const read = await sdkCall(api, 'GET', `/ccpm/v1/plugins/${id}?environment=${env()}`);
    ok(read, 200);
    const spec = read.json.spec as Record<string, unknown>;
    const environment = spec.environment as { id: string };
    assert.deepEqual(
      { id: read.json.id, display_name: spec.display_name ?? '', description: spec.description ?? '', cloud: spec.cloud ?? '', environment: environment.id },
      { id, display_name: config.display_name, description: config.description ?? '', cloud: config.cloud, environment: env() },
    );
    assert.deepEqual([read.json.api_version, read.json.kind], ['ccpm/v1', 'CustomConnectPlugin']);
    assert.equal(typeof spec.runtime_language, 'string');
  }

  /** customConnectorPluginVersionCreate: presign (ccpm, 201), uploadFile, POST the version (no environment query). */
  async function createVersion(config: VersionConfig): Promise<SdkAnswer> {
    const presign = await sdkCall(api, 'POST', '/ccpm/v1/presigned-upload-url', { cloud: config.cloud, content_format: extension(config.filename), environment: sdkEnvironment(config.environment) });
    ok(presign, 201);
    const grant = presign.json as unknown as PresignedUrl;
    const status = await providerUpload(grant, config.filename, config.cloud);
    assert.ok(status >= 200 && status < 300, `upload answered ${status}`);
    return sdkCall(api, 'POST', `/ccpm/v1/plugins/${config.plugin_id}/versions`, { spec: {
      connector_classes: config.connector_class.map((c) => ({ class_name: c.connector_class_name, type: c.connector_type })),
      documentation_link: config.documentation_link ?? '', environment: sdkEnvironment(config.environment),
      sensitive_config_properties: config.sensitive_config_properties ?? [], upload_source: { location: 'PRESIGNED_URL_LOCATION', upload_id: grant.upload_id },
      version: config.version,
    } });
  }

  /** readCustomConnectorPluginVersionAndSetAttributes (also the import of `<env>/<plugin>/<version>`), compared with the config. */
  async function assertVersionPlanClean(id: string, config: VersionConfig): Promise<SdkAnswer> {
    const read = await sdkCall(api, 'GET', `/ccpm/v1/plugins/${config.plugin_id}/versions/${id}?environment=${config.environment}`);
    ok(read, 200);
    const spec = read.json.spec as Record<string, unknown>;
    const classes = ((spec.connector_classes ?? []) as { class_name?: string; type?: string }[]).map((c) => `${c.class_name ?? ''}:${c.type ?? ''}`).sort();
    assert.deepEqual({
      id: read.json.id, version: spec.version ?? '', environment: (spec.environment as { id: string }).id, documentation_link: spec.documentation_link ?? '',
      connector_class: classes, sensitive_config_properties: asSet(spec.sensitive_config_properties),
    }, {
      id, version: config.version, environment: config.environment, documentation_link: config.documentation_link ?? '',
      connector_class: config.connector_class.map((c) => `${c.connector_class_name}:${c.connector_type}`).sort(), sensitive_config_properties: asSet(config.sensitive_config_properties),
    });
    assert.deepEqual([read.json.api_version, read.json.kind], ['ccpm/v1', 'CustomConnectPluginVersion']);
    return read;
  }

  it('confluent_plugin + confluent_custom_connector_plugin_version (AWS): create 202s, plans clean, imports, PATCH, destroy in order, then 404s', async () => {
    const pluginId = await createCcpmPlugin('datagen', 'AWS');
    await assertPluginPlanClean(pluginId, { display_name: 'datagen', cloud: 'AWS' });
    const config: VersionConfig = {
      version: 'v0.0.1', cloud: 'AWS', environment: env(), plugin_id: pluginId, documentation_link: 'https://github.com/confluentinc/kafka-connect-datagen',
      connector_class: [{ connector_class_name: DATAGEN, connector_type: 'SOURCE' }], sensitive_config_properties: ['passwords', 'keys', 'tokens'],
      filename: archive('confluentinc-kafka-connect-datagen-0.6.6.zip'),
    };
    const created = await createVersion(config);
    ok(created, 202);
    const id = created.json.id as string;
    await assertVersionPlanClean(id, config);
    // The provider does not wait for status.phase; a connector that names the plugin needs READY.
    await eventually('the version is READY', async () => ((await assertVersionPlanClean(id, config)).json.status as { phase: string }).phase === 'READY');
    assertKept(config.filename);

    // terraform import confluent_plugin.x <env>/<plugin>: the same read.
    await assertPluginPlanClean(pluginId, { display_name: 'datagen', cloud: 'AWS' });
    // pluginUpdate: the changed fields and, always, the environment, in spec; no query.
    ok(await sdkCall(api, 'PATCH', `/ccpm/v1/plugins/${pluginId}`, { spec: { description: 'Datagen, self-hosted', display_name: 'datagen-upd', environment: sdkEnvironment(env()) } }), 200);
    await assertPluginPlanClean(pluginId, { display_name: 'datagen-upd', description: 'Datagen, self-hosted', cloud: 'AWS' });

    // Destroy: the version first (it references the plugin), then the plugin; each read after is a 404.
    ok(await sdkCall(api, 'DELETE', `/ccpm/v1/plugins/${pluginId}/versions/${id}?environment=${env()}`), 204);
    assert.equal((await sdkCall(api, 'GET', `/ccpm/v1/plugins/${pluginId}/versions/${id}?environment=${env()}`)).status, 404);
    ok(await sdkCall(api, 'DELETE', `/ccpm/v1/plugins/${pluginId}?environment=${env()}`), 204);
    assert.equal((await sdkCall(api, 'GET', `/ccpm/v1/plugins/${pluginId}?environment=${env()}`)).status, 404);
    // pluginDelete treats a 404 as already gone.
    assert.equal((await sdkCall(api, 'DELETE', `/ccpm/v1/plugins/${pluginId}?environment=${env()}`)).status, 404);
  });

  it('confluent_custom_connector_plugin_version with connector_type = "source": a 400 naming the field, not a version that plans a replacement forever', async () => {
    const pluginId = await createCcpmPlugin('datagen lowercase', 'AWS');
    const config: VersionConfig = {
      version: 'v0.0.1', cloud: 'AWS', environment: env(), plugin_id: pluginId, filename: archive('datagen-lower.zip'),
      connector_class: [{ connector_class_name: DATAGEN, connector_type: 'source' }],
    };
    const refused = await createVersion(config);
    assert.equal(refused.status, 400, refused.text);
    assert.deepEqual((refused.json.errors as { source?: unknown }[])[0]!.source, { pointer: '/spec/connector_classes/0/type' });
    const versions = await sdkCall(api, 'GET', `/ccpm/v1/plugins/${pluginId}/versions?environment=${env()}`);
    assert.deepEqual(versions.json.data, []);
    ok(await sdkCall(api, 'DELETE', `/ccpm/v1/plugins/${pluginId}?environment=${env()}`), 204);
  });

  for (const [cloud, filename] of [['GCP', 'datagen.zip'], ['AZURE', 'datagen.jar']] as const) {
    it(`confluent_custom_connector_plugin_version, cloud = "${cloud}" (.${extension(filename)}): PUT upload, no optionals, plan clean, READY`, async () => {
      const pluginId = await createCcpmPlugin(`datagen ${cloud}`, cloud, 'on another cloud');
      await assertPluginPlanClean(pluginId, { display_name: `datagen ${cloud}`, description: 'on another cloud', cloud });
      const config: VersionConfig = {
        version: 'v1.2.3', cloud, environment: env(), plugin_id: pluginId, filename: archive(filename),
        connector_class: [{ connector_class_name: DATAGEN, connector_type: 'SOURCE' }, { connector_class_name: 'com.example.EchoSink', connector_type: 'SINK' }],
      };
      const created = await createVersion(config);
      ok(created, 202);
      const id = created.json.id as string;
      await eventually('the version is READY', async () => ((await assertVersionPlanClean(id, config)).json.status as { phase: string }).phase === 'READY');
      assertKept(config.filename);
      assert.equal((created.json.spec as { content_format: string }).content_format, extension(filename).toUpperCase());
      ok(await sdkCall(api, 'DELETE', `/ccpm/v1/plugins/${pluginId}/versions/${id}?environment=${env()}`), 204);
      ok(await sdkCall(api, 'DELETE', `/ccpm/v1/plugins/${pluginId}?environment=${env()}`), 204);
    });
  }
});
