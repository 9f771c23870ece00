// Connector plugins packaged as Confluent Hub-style ZIPs (`<owner>-<name>-<version>/manifest.json`
// and `lib/*.jar`), as a user uploads them: Debezium's PostgreSQL connector fetched from Maven
// Central (a third-party plugin Cirrus neither writes nor ships), and our test plugins
// (jvm/test-plugins). Each is built once into a cache folder and reused while its inputs are
// unchanged; the same inputs give the same bytes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePluginList, type PluginRow } from '../../src/core/plugin-inspection.ts';
import { ensureJvmRuntime } from '../../src/supervisor/jvm-runtime.ts';
import { runCommand } from './run.ts';
import { extractZip, writeZip, type ZipEntry } from './zip.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DEBEZIUM_POM = path.join(ROOT, 'test', 'fixtures', 'plugins', 'debezium-postgres', 'pom.xml');
const TEST_PLUGINS = path.join(ROOT, 'jvm', 'test-plugins');

export const DEBEZIUM_POSTGRES_CONNECTOR = 'io.debezium.connector.postgresql.PostgresConnector';
export const VERSION_SOURCE_CONNECTOR = 'dev.cirrus.testplugins.VersionSourceConnector';
export const CLASS_PROBE_CONNECTOR = 'dev.cirrus.testplugins.ClassProbeSourceConnector';
/** The commons-lang3 versions jvm/test-plugins/version-source bundles (neither is the worker's own). */
export const BUNDLED_LANG3_VERSIONS = ['3.14.0', '3.17.0'] as const;
export type BundledLang3Version = (typeof BUNDLED_LANG3_VERSIONS)[number];

/** Where built ZIPs are kept between runs ($CIRRUS_TEST_PLUGIN_CACHE, or .cache/test-plugins). */
export function pluginCacheDir(): string {
  return process.env.CIRRUS_TEST_PLUGIN_CACHE ?? path.join(ROOT, '.cache', 'test-plugins');
}

interface HubManifest {
  owner: string;
  name: string;
  version: string;
  title: string;
  description: string;
}

/** The plugin's top folder in its ZIP, `<owner>-<name>-<version>`, as Confluent Hub names it. */
export function hubFolder(m: Pick<HubManifest, 'owner' | 'name' | 'version'>): string {
  return `${m.owner}-${m.name}-${m.version}`;
}

function manifestJson(m: HubManifest): string {
  return `${JSON.stringify({
    name: m.name,
    version: m.version,
    title: m.title,
    description: m.description,
    owner: { username: m.owner, name: m.owner, type: 'organization' },
    component_types: ['source'],
    tags: ['test'],
    features: { supported_encodings: ['any'], single_message_transforms: true, confluent_control_center_integration: false, kafka_connect_api: true },
    license: [{ name: 'Apache License 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }],
  }, null, 2)}\n`;
}

/** A Hub-style ZIP of `jars` under `<folder>/lib/`, with the manifest beside it; sorted, so stable. */
export function writeHubZip(file: string, manifest: HubManifest, jars: string[]): string {
  const folder = hubFolder(manifest);
  const entries: ZipEntry[] = [
    { name: `${folder}/` },
    { name: `${folder}/manifest.json`, data: manifestJson(manifest) },
    { name: `${folder}/lib/` },
    ...[...jars].sort((a, b) => path.basename(a).localeCompare(path.basename(b)))
      .map((jar) => ({ name: `${folder}/lib/${path.basename(jar)}`, data: fs.readFileSync(jar) })),
  ];
  return writeZip(file, entries);
}

function say(line: string): void {
  console.log(`[test plugins] ${line}`);
}

function fingerprint(paths: string[]): string {
  const hash = createHash('sha256');
  const walk = (p: string): void => {
    if (fs.statSync(p).isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) if (entry !== 'target' && !entry.startsWith('.')) walk(path.join(p, entry));
    } else hash.update(path.relative(ROOT, p)).update(fs.readFileSync(p));
  };
  for (const p of paths) walk(p);
  return hash.digest('hex');
}

/**
 * The cached ZIP `name` if it was built from inputs with this fingerprint, else builds it. A
 * build writes the ZIP and then its stamp, so a build cut short is redone, never half used.
 */
async function cached(name: string, inputs: string, build: (zip: string) => Promise<void>): Promise<string> {
  const dir = pluginCacheDir();
  const zip = path.join(dir, name);
  const stamp = `${zip}.inputs`;
  if (fs.existsSync(zip) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === inputs) return zip;
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  say(`building ${name}...`);
  await build(zip);
  fs.writeFileSync(stamp, inputs);
  say(`built ${name} (${(fs.statSync(zip).size / 1048576).toFixed(1)} MiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return zip;
}

const maven = (args: string[]) => runCommand('mvn', ['-B', '-ntp', ...args], {
  onLine: (line) => { if (/Download(ed|ing)|BUILD|Tests run:.*Fail/.test(line)) say(`  [maven] ${line.replace(/\u001b\[[0-9;]*m/g, '')}`); },
});

const DEBEZIUM: HubManifest = {
  owner: 'debezium',
  name: 'debezium-connector-postgresql',
  version: '3.6.1',
  title: 'Debezium PostgreSQL CDC Source Connector',
  description: 'Debezium 3.6.1.Final PostgreSQL change data capture, from Maven Central (io.debezium:debezium-connector-postgres).',
};

let debezium: Promise<string> | undefined;

/**
 * Debezium's PostgreSQL source connector 3.6.1.Final and its runtime dependencies, resolved by
 * Maven from test/fixtures/plugins/debezium-postgres/pom.xml, as
 * `debezium-debezium-connector-postgresql-3.6.1.zip`. Returns the ZIP's path.
 */
export function debeziumPostgresZip(): Promise<string> {
  debezium ??= cached(`${hubFolder(DEBEZIUM)}.zip`, fingerprint([DEBEZIUM_POM]), async (zip) => {
    const lib = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-debezium-'));
    try {
      await maven(['-f', DEBEZIUM_POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${lib}`]);
      writeHubZip(zip, DEBEZIUM, fs.readdirSync(lib).filter((f) => f.endsWith('.jar')).map((f) => path.join(lib, f)));
    } finally {
      fs.rmSync(lib, { recursive: true, force: true });
    }
  });
  return debezium;
}

let testPluginJars: Promise<void> | undefined;

/** Builds jvm/test-plugins (its unit tests included) once per process, when a ZIP needs it. */
function buildTestPlugins(): Promise<void> {
  testPluginJars ??= maven(['-f', path.join(TEST_PLUGINS, 'pom.xml'), 'clean', 'package']).then(() => undefined);
  return testPluginJars;
}

const testPluginInputs = () => fingerprint([TEST_PLUGINS, path.join(ROOT, 'jvm', 'pom.xml')]);
const testJar = (module: string) => path.join(TEST_PLUGINS, module, 'target', `cirrus-test-${module}-0.1.0.jar`);

/**
 * VersionSourceConnector bundling commons-lang3 `version`: its records (and its plugin version)
 * say which commons-lang3 it loaded. Returns the ZIP's path.
 */
export async function versionPluginZip(version: BundledLang3Version): Promise<string> {
  if (!BUNDLED_LANG3_VERSIONS.includes(version)) throw new Error(`no version plugin with commons-lang3 ${version}: built are ${BUNDLED_LANG3_VERSIONS.join(', ')}`);
  const manifest: HubManifest = {
    owner: 'cirrus', name: `test-version-source-lang3-${version}`, version: '0.1.0',
    title: `Cirrus test: version source (commons-lang3 ${version})`,
    description: 'Writes which commons-lang3 its class loader found: proves plugin isolation.',
  };
  return cached(`${hubFolder(manifest)}.zip`, testPluginInputs(), async (zip) => {
    await buildTestPlugins();
    const lang3 = path.join(TEST_PLUGINS, 'version-source', 'target', 'bundled', version, `commons-lang3-${version}.jar`);
    writeHubZip(zip, manifest, [testJar('version-source'), lang3]);
  });
}

/** ClassProbeSourceConnector: its records say whether it can load Datagen (or `probe.classes`). */
export async function probePluginZip(): Promise<string> {
  const manifest: HubManifest = {
    owner: 'cirrus', name: 'test-class-probe', version: '0.1.0',
    title: 'Cirrus test: class probe',
    description: 'Writes whether its class loader can load given classes: proves a custom pool cannot see the managed pool.',
  };
  return cached(`${hubFolder(manifest)}.zip`, testPluginInputs(), async (zip) => {
    await buildTestPlugins();
    writeHubZip(zip, manifest, [testJar('class-probe')]);
  });
}

/** Unpacks a plugin ZIP into a plugin.path folder; returns the plugin's own folder in it. */
export function unpackPlugin(zip: string, pluginPath: string): string {
  const files = extractZip(zip, pluginPath);
  const top = path.relative(pluginPath, files[0] ?? pluginPath).split(path.sep)[0];
  if (!top) throw new Error(`${zip} holds no files`);
  return path.join(pluginPath, top);
}

/** One plugin Kafka Connect finds: the same row the control plane reads (core/plugin-inspection.ts). */
export type ListedPlugin = PluginRow;

/**
 * What Kafka Connect finds in plugin folders, without a worker: the runtime's
 * `ConnectPluginPath list --plugin-location` over each (one JVM for all of them).
 */
export async function listPlugins(locations: string[]): Promise<ListedPlugin[]> {
  const { classpath } = await ensureJvmRuntime(path.join(ROOT, 'jvm'), say);
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = ['-cp', classpath, 'org.apache.kafka.tools.ConnectPluginPath', 'list', ...locations.flatMap((l) => ['--plugin-location', l])];
  const { stdout } = await runCommand(java, args);
  return parsePluginList(stdout);
}
