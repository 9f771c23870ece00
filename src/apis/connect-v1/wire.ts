// Outbound mappers (C4, C14): the one place connect/v1 bodies are shaped and configs masked.
import { sensitiveKeys, findManagedPlugin, type ManagedPlugin } from '../../core/catalog/index.ts';
import { MASK, serverKeys, type ConnectorConfig } from '../../core/connector-config.ts';
import { displayedValue, type ValidationReport } from '../../core/config-validation.ts';
import type { TaskView } from '../../core/connector-state.ts';
import { classifyFailure, type FailureClass } from '../../core/operate/failure-class.ts';
import type { ExpandPart } from '../../core/connector-expand.ts';
import type { ConnectorRecord } from '../../services/connectors.ts';
import type { Topology } from '../../services/topology.ts';

export interface WireStatus {
  name: string;
  type: 'source' | 'sink';
  connector: { state: string; worker_id: string; trace: string; error_code?: FailureClass; auto_restart?: WireAutoRestart };
  tasks: { id: number; state: string; worker_id: string; msg: string; error_code?: FailureClass }[];
}

/** Our extension of the status (the spec's objects take extra fields): automatic restarts. */
interface WireAutoRestart {
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
}

function tasksOf(record: ConnectorRecord): TaskView[] {
  return record.status?.tasks ?? [];
}

/**
 * The stored config masked, with the server's keys: what maskConfig and withServerKeys give,
 * built as one object (issue 13: copying it three times was a fifth of a 1,000-connector list).
 * Nothing is decrypted: the stored config holds masks where its secrets were.
 */
export function toWireConfig(record: ConnectorRecord, topology: Topology): ConnectorConfig {
  const plugin = findManagedPlugin(record.connector.plugin);
  const sensitive = plugin ? sensitiveKeys(plugin) : NONE;
  // The spec requires both keys in every config (generated clients check required fields); a
  // service-account connector has none, so they read as masked, which Terraform ignores.
  const out: ConnectorConfig = { 'kafka.api.key': MASK, 'kafka.api.secret': MASK };
  const config = record.connector.config;
  for (const key of Object.keys(config)) out[key] = sensitive.has(key) ? MASK : config[key]!;
  return Object.assign(out, serverKeys(topology.facts(record.cluster)));
}

const NONE: ReadonlySet<string> = new Set();

export function toWireConnector(record: ConnectorRecord, topology: Topology) {
  return {
    name: record.connector.name,
    type: record.connector.type,
    config: toWireConfig(record, topology),
    tasks: tasksOf(record).map((t) => ({ connector: record.connector.name, task: t.id })),
  };
}

export function toWireStatus(record: ConnectorRecord): WireStatus {
  const name = record.connector.name;
  return {
    name,
    type: record.connector.type,
    connector: { state: record.status?.state ?? 'PROVISIONING', worker_id: name, trace: record.status?.trace ?? '', ...failureOf(record) },
    tasks: tasksOf(record).map((t) => ({ id: t.id, state: t.state, worker_id: name, msg: t.msg, ...(t.errorCode ? { error_code: t.errorCode } : {}) })),
  };
}

/** Each record's status as JSON text: gone with the record (the next store write). */
const statusJson = new WeakMap<ConnectorRecord, string>();

/**
 * GET …/status's body as JSON text, serialized once per store write rather than per request
 * (issue 13: the most read answer of all, mostly the same again), as the expanded list is.
 */
export function toWireStatusJson(record: ConnectorRecord): string {
  let json = statusJson.get(record);
  if (json === undefined) statusJson.set(record, (json = JSON.stringify(toWireStatus(record))));
  return json;
}

/**
 * A failing connector's class (Confluent's USER_ACTIONABLE_ERROR or SYSTEM_ERROR) and, once any
 * was planned or made, its automatic restarts.
 */
function failureOf(record: ConnectorRecord): Pick<WireStatus['connector'], 'error_code' | 'auto_restart'> {
  const status = record.status;
  if (!status) return {};
  const failing = status.state === 'FAILED' || status.state === 'DEGRADED';
  const errorCode = status.restart.failureClass ?? (failing ? classifyFailure(status.trace) : undefined);
  const { attempts, nextAt, lastAt } = status.restart;
  return {
    ...(failing && errorCode ? { error_code: errorCode } : {}),
    ...(attempts > 0 || nextAt ? { auto_restart: { attempts, next_attempt_at: nextAt, last_attempt_at: lastAt } } : {}),
  };
}

/** Task configs: one per task the engine runs (or tasks.max while provisioning), masked. */
export function toWireTasks(record: ConnectorRecord, topology: Topology) {
  const config = toWireConfig(record, topology);
  const observed = tasksOf(record).map((t) => t.id);
  const ids = observed.length > 0 ? observed : [...Array(Number(config['tasks.max'] ?? '1')).keys()];
  return ids.map((task) => ({ id: { connector: record.connector.name, task }, config }));
}

export function toWireExpansion(record: ConnectorRecord, parts: Set<ExpandPart>, topology: Topology) {
  const out: Record<string, unknown> = {};
  if (parts.has('id')) out.id = { id: record.connector.id, id_type: 'ID' };
  if (parts.has('info')) out.info = toWireConnector(record, topology);
  if (parts.has('status')) out.status = toWireStatus(record);
  return out;
}

/** Each record's expansions as JSON text, by parts asked: gone with the record (the next store write). */
const expansionsJson = new WeakMap<ConnectorRecord, Map<string, string>>();

/**
 * The expanded list's body, `{ name: expansion, … }`, as JSON text. Records are read once per store
 * write (services/connectors.ts), so each connector's part is serialized once per write, not per
 * request (issue 13: 1,000 connectors).
 */
export function toWireExpansionsJson(records: readonly ConnectorRecord[], parts: Set<ExpandPart>, topology: Topology): string {
  const partsKey = [...parts].sort().join(',');
  const entries = records.map((record) => {
    let byParts = expansionsJson.get(record);
    if (!byParts) expansionsJson.set(record, (byParts = new Map()));
    let json = byParts.get(partsKey);
    if (json === undefined) byParts.set(partsKey, (json = JSON.stringify(toWireExpansion(record, parts, topology))));
    return `${JSON.stringify(record.connector.name)}:${json}`;
  });
  return `{${entries.join(',')}}`;
}

export function toWirePlugin(plugin: ManagedPlugin) {
  return { class: plugin.alias, type: plugin.type, version: plugin.version };
}

export function toWireValidation(report: ValidationReport) {
  return {
    name: report.plugin.engineClass,
    groups: report.plugin.groups,
    error_count: report.errorCount,
    configs: report.keys.map((key) => ({
      definition: {
        name: key.definition.name,
        type: key.definition.type,
        required: key.required,
        default_value: key.definition.defaultValue,
        importance: key.definition.importance,
        documentation: key.definition.documentation,
        group: key.definition.group,
        width: key.definition.width,
        display_name: key.definition.displayName,
        dependents: key.definition.dependents ?? [],
        order: key.order,
        alias: '',
      },
      value: {
        name: key.definition.name,
        value: displayedValue(key, MASK),
        recommended_values: key.definition.choices ?? [],
        errors: key.errors,
        visible: key.visible,
      },
      metadata: {},
    })),
  };
}
