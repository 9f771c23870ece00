// The export endpoint's text (CONTRACT §3.3): one sample per series, Prometheus-safe names,
// `resource.`/`metric.` dropped from label names, counters typed gauge (they are per-minute
// deltas, not monotonic), stamped with the exported minute.
import { InvalidRequest } from '../errors.ts';
import { metricNamed } from './catalog.ts';

/** How far behind now the export reads, as Confluent's does: complete minutes only. */
export const EXPORT_DELAY_MINUTES = 5;
/** A series with a point within this many minutes is exported (0 if it has none at the minute). */
export const EXPORT_LOOKBACK_MINUTES = 60;

/** A state is exported when seen within this many minutes up to the exported one (a scrape can miss a minute). */
export const EXPORT_STATE_LOOKBACK_MINUTES = 3;

export interface ExportSample {
  connectorId: string;
  kafkaClusterId: string;
  metric: string;
  value: number;
  /** Labels beyond the resource's, already without their `metric.` prefix. */
  labels?: Record<string, string>;
}

export interface ExportRequest {
  connectorIds: string[];
  kafkaIds: string[];
  /** ksqlDB and Schema Registry ids: named, but no connector metric is about them. */
  otherIds: string[];
  metrics: string[];
}

/** Resources one export may name (each counts against its own hourly budget). */
export const EXPORT_MAX_RESOURCES = 100;

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Query parameters, each repeatable; at least one resource must be named. */
export function parseExportRequest(query: Record<string, unknown>): ExportRequest {
  const request = {
    connectorIds: list(query['resource.connector.id']), kafkaIds: list(query['resource.kafka.id']),
    otherIds: [...list(query['resource.ksql.id']), ...list(query['resource.schema_registry.id'])], metrics: list(query.metric),
  };
  const named = request.connectorIds.length + request.kafkaIds.length + request.otherIds.length;
  if (named === 0) throw new InvalidRequest('Name at least one resource to export: resource.connector.id or resource.kafka.id', undefined, 'resource.connector.id');
  if (named > EXPORT_MAX_RESOURCES) throw new InvalidRequest(`An export may name at most ${EXPORT_MAX_RESOURCES} resources`, undefined, 'resource.connector.id');
  const unknown = request.metrics.find((m) => !metricNamed(m));
  if (unknown !== undefined) throw new InvalidRequest(`Unknown metric ${JSON.stringify(unknown)}`, undefined, 'metric');
  return request;
}

/** The minute an export made at `nowMs` reports. */
export function exportedMinute(nowMs: number): number {
  return Math.floor(nowMs / 60_000) - EXPORT_DELAY_MINUTES;
}

export function prometheusName(metric: string): string {
  return metric.replace(/^io\./, '').replace(/[^A-Za-z0-9_]/g, '_');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * Prometheus text 0.0.4 (timestamps in milliseconds, as Prometheus reads them) or OpenMetrics
 * 1.0 (seconds, ends with `# EOF`).
 */
export function renderExport(samples: readonly ExportSample[], minute: number, openMetrics: boolean): string {
  const lines: string[] = [];
  const byMetric = new Map<string, ExportSample[]>();
  for (const s of samples) byMetric.set(s.metric, [...(byMetric.get(s.metric) ?? []), s]);
  const stamp = openMetrics ? `${minute * 60}.000` : String(minute * 60_000);
  for (const [metric, series] of [...byMetric.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const name = prometheusName(metric);
    lines.push(`# HELP ${name} ${metricNamed(metric)?.description ?? metric}`, `# TYPE ${name} gauge`);
    for (const s of series) {
      const extra = Object.entries(s.labels ?? {}).map(([k, v]) => `,${k}="${escapeLabel(v)}"`).join('');
      lines.push(`${name}{connector_id="${escapeLabel(s.connectorId)}",kafka_id="${escapeLabel(s.kafkaClusterId)}"${extra}} ${s.value.toFixed(1)} ${stamp}`);
    }
  }
  if (openMetrics) lines.push('# EOF');
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
