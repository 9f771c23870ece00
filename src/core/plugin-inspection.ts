// The connector classes a plugin registration declares, and the check of those declarations
// against what Kafka's own plugin scanner found in the archive
// (`org.apache.kafka.tools.ConnectPluginPath list`, whose table is parsed here).
import { InvalidConfig, InvalidRequest } from './errors.ts';
import type { ConnectorClassRef, ConnectorClassType } from './plugin.ts';

/** A class a registration declares: the plugin's own ConnectorClassRef. */
export type DeclaredConnector = ConnectorClassRef;

/** One row of the tool's table: a plugin class found in the inspected location. */
export interface PluginRow {
  className: string;
  aliases: string[];
  version: string;
  /** Kafka's PluginType in lower case: source, sink, converter, transformation, predicate, … */
  type: string;
  loadable: boolean;
  /** Listed in META-INF/services, so a worker with `plugin.discovery=service_load` finds it. */
  hasManifest: boolean;
  location: string;
}

export interface VerifiedConnector {
  className: string;
  type: ConnectorClassType;
  version: string;
  hasManifest: boolean;
}

/** connect/v1 declares one class; a ccpm plugin version up to ten. */
export const MAX_DECLARED_CONNECTORS = 10;
const JAVA_CLASS_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;
const MAX_CLASS_NAME_LENGTH = 255;

export function checkDeclaredConnectors(declared: DeclaredConnector[]): void {
  if (declared.length === 0) throw new InvalidRequest('A plugin must declare at least one connector class');
  if (declared.length > MAX_DECLARED_CONNECTORS) {
    throw new InvalidRequest(`A plugin declares at most ${MAX_DECLARED_CONNECTORS} connector classes, got ${declared.length}`);
  }
  const seen = new Set<string>();
  for (const { className, type } of declared) {
    if (className.length > MAX_CLASS_NAME_LENGTH || !JAVA_CLASS_NAME.test(className)) {
      throw new InvalidRequest(`${JSON.stringify(className.slice(0, MAX_CLASS_NAME_LENGTH))} is not a Java class name`);
    }
    if (type !== 'SOURCE' && type !== 'SINK') throw new InvalidRequest(`The connector type of ${className} must be SOURCE or SINK`);
    if (seen.has(className)) throw new InvalidRequest(`The connector class ${className} is declared twice`);
    seen.add(className);
  }
}

/** The tool's columns, in its order (ConnectPluginPath.LIST_TABLE_COLUMNS, Kafka 3.6 to 4.1). */
export const PLUGIN_LIST_COLUMNS = [
  'pluginName', 'firstAlias', 'secondAlias', 'pluginVersion', 'pluginType', 'isLoadable', 'hasManifest', 'pluginLocation',
] as const;

/**
 * Parses `ConnectPluginPath list`: a tab-separated header, one row per plugin of the given
 * locations, an empty line, then totals. The plugin's own code runs while it is scanned and may
 * print to stdout too, so only lines shaped like rows count. An output without the header or the
 * totals means another tool than the pinned one, which is our fault, not the archive's: an Error.
 */
export function parsePluginList(output: string): PluginRow[] {
  const lines = output.split(/\r?\n/);
  const header = lines.indexOf(PLUGIN_LIST_COLUMNS.join('\t'));
  if (header < 0) throw new Error('ConnectPluginPath printed no plugin table');
  const totals = lines.findIndex((line, i) => i > header && line.startsWith('Total plugins:'));
  if (totals < 0) throw new Error('ConnectPluginPath printed no end to its plugin table');
  return lines.slice(header + 1, totals).flatMap((line) => {
    const row = parseRow(line);
    return row ? [row] : [];
  });
}

function parseRow(line: string): PluginRow | undefined {
  const cells = line.split('\t');
  if (cells.length < PLUGIN_LIST_COLUMNS.length) return undefined;
  const [className, first, second, version, type, loadable, manifest] = cells as [string, string, string, string, string, string, string];
  if (!/^(true|false)$/.test(loadable) || !/^(true|false)$/.test(manifest)) return undefined;
  const aliases = [first, second].filter((alias) => alias !== 'N/A');
  return {
    className, aliases: [...new Set(aliases)], version, type,
    loadable: loadable === 'true', hasManifest: manifest === 'true',
    // A location is a path and could hold a tab; it is the last column, so it takes the rest.
    location: cells.slice(PLUGIN_LIST_COLUMNS.length - 1).join('\t'),
  };
}

/**
 * Each declared class must be in the archive, loadable, and a connector of the declared type.
 * Rows from the framework classpath are not the archive's: a plugin cannot be satisfied by a
 * class Cirrus ships (issue 9, "Isolation"). Every problem is reported at once.
 */
export function verifyDeclaredConnectors(declared: DeclaredConnector[], rows: PluginRow[]): VerifiedConnector[] {
  const own = rows.filter((row) => row.location !== 'classpath');
  const problems: Record<string, string[]> = {};
  const verified: VerifiedConnector[] = [];
  for (const { className, type } of declared) {
    const found = own.filter((row) => row.className === className);
    const match = found.find((row) => row.loadable && row.type === type.toLowerCase());
    if (match) verified.push({ className, type, version: match.version, hasManifest: match.hasManifest });
    else problems[className] = [connectorProblem(className, type, found)];
  }
  const messages = Object.values(problems).flat();
  if (messages.length > 0) throw new InvalidConfig(`The plugin archive does not match its declaration: ${messages.join('; ')}`, problems);
  return verified;
}

/**
 * Whether every plugin the archive holds names itself in a ServiceLoader manifest: then its pool
 * may discover plugins by `service_load` instead of scanning every class by reflection (seconds
 * faster and hundreds of MiB smaller per pool; bench/RESULTS.md). Kafka's own `hybrid_warn`
 * scan draws the same conclusion when it warns "consider reconfiguring".
 */
export function declaresEveryPlugin(rows: PluginRow[]): boolean {
  const own = rows.filter((row) => row.location !== 'classpath');
  return own.length > 0 && own.every((row) => row.hasManifest);
}

function connectorProblem(className: string, type: ConnectorClassType, found: PluginRow[]): string {
  const wanted = `a ${type.toLowerCase()} connector`;
  if (found.length === 0) return `${className} is not in the archive as a plugin class`;
  const loadable = found.filter((row) => row.loadable);
  if (loadable.length === 0) return `${className} is listed in the archive but cannot be loaded (a missing class or dependency?)`;
  return `${className} is ${loadable.map((row) => article(row.type)).join(' and ')}, not ${wanted}`;
}

function article(pluginType: string): string {
  const words = pluginType.replace(/_/g, ' ');
  const noun = pluginType === 'source' || pluginType === 'sink' ? `${words} connector` : words;
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}
