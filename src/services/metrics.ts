// The Metrics API's reads (issue 12): a query, label values and the export, each over the
// points of the clusters the caller may see. A cluster beyond the caller's bindings simply has
// no points for it, so a query never tells whether another tenant's connector exists.
import { RateLimited } from '../core/errors.ts';
import type { ExportBudget } from '../core/metrics/export-budget.ts';
import { attributesAnswer, parseAttributes } from '../core/metrics/attributes.ts';
import { EXPORT_LOOKBACK_MINUTES, EXPORT_STATE_LOOKBACK_MINUTES, exportedMinute, parseExportRequest, renderExport } from '../core/metrics/export.ts';
import { isStatusMetric, metricNamed, type Label } from '../core/metrics/catalog.ts';
import type { Filter } from '../core/metrics/filter.ts';
import { parseQuery } from '../core/metrics/query.ts';
import { shapeAnswer, type QueryAnswer } from '../core/metrics/result.ts';
import { clustersOfOrganization } from '../store/clusters.ts';
import type { Store } from '../store/database.ts';
import { bucketSums, labelValues, pointsAt, type PointSelection } from '../store/metric-points.ts';
import { bucketStates, stateLabelValues, statesAt } from '../store/metric-states.ts';
import type { Caller } from './authenticator.ts';
import type { Authorizer } from './authorizer.ts';

export interface MetricsServiceDeps {
  db: Store;
  authorizer: Authorizer;
  now: () => Date;
  exportBudget: ExportBudget;
}

export class MetricsService {
  constructor(private readonly deps: MetricsServiceDeps) {}

  /** Clusters whose connectors' metrics the caller may read (Operator and up, as for status). */
  async visibleClusterIds(caller: Caller): Promise<string[]> {
    const all = await clustersOfOrganization(this.deps.db, caller.organizationId);
    const visible = await this.deps.authorizer.visible(caller, all, (c) => ({ kind: 'cluster', environmentId: c.environmentId, clusterId: c.id }));
    return visible.map((c) => c.id);
  }

  async query(caller: Caller, body: unknown, pageToken: unknown): Promise<QueryAnswer> {
    const plan = parseQuery(body, this.deps.now().getTime(), pageToken);
    const selection = { metric: plan.metric, ranges: plan.ranges, filter: plan.filter, clusterIds: await this.visibleClusterIds(caller) };
    const read = isStatusMetric(metricNamed(plan.metric)!) ? bucketStates : bucketSums;
    return shapeAnswer(plan, await read(this.deps.db, selection, plan.bucketMinutes));
  }

  async attributes(caller: Caller, body: unknown, pageToken: unknown) {
    const plan = parseAttributes(body, this.deps.now().getTime(), pageToken);
    const selection = { metric: plan.metric, ranges: plan.ranges, filter: plan.filter, clusterIds: await this.visibleClusterIds(caller) };
    return attributesAnswer(plan, await this.labelValues(selection, plan.label, { offset: plan.offset, limit: plan.limit + 1 }));
  }

  /** A label's values among the named metric's points, or among every metric's (both tables, merged). */
  private async labelValues(s: PointSelection, label: Label, page: { offset: number; limit: number }): Promise<string[]> {
    const metric = s.metric === undefined ? undefined : metricNamed(s.metric)!;
    if (metric) return (isStatusMetric(metric) ? stateLabelValues : labelValues)(this.deps.db, s, label, page);
    const upTo = { offset: 0, limit: page.offset + page.limit };
    const merged = new Set([...await labelValues(this.deps.db, s, label, upTo), ...await stateLabelValues(this.deps.db, s, label, upTo)]);
    return [...merged].sort().slice(page.offset, page.offset + page.limit);
  }

  /** Prometheus (or OpenMetrics) text of the exported minute for the named resources. */
  async export(caller: Caller, query: Record<string, unknown>, openMetrics: boolean): Promise<string> {
    const request = parseExportRequest(query);
    const nowMs = this.deps.now().getTime();
    const refused = this.deps.exportBudget.take(caller.principalId, [...request.connectorIds, ...request.kafkaIds, ...request.otherIds], nowMs);
    if (refused) throw new RateLimited(refused.retryAfterSeconds, `Exports of ${refused.resource} are limited to ${this.deps.exportBudget.perHour} per hour; try again in ${refused.retryAfterSeconds} s`);
    const minute = exportedMinute(nowMs);
    const named: Filter[] = [
      ...request.connectorIds.map((value): Filter => ({ op: 'EQ', field: 'resource.connector.id', value })),
      ...request.kafkaIds.map((value): Filter => ({ op: 'EQ', field: 'resource.kafka.id', value })),
    ];
    if (named.length === 0) return renderExport([], minute, openMetrics);
    const selection = { filter: { op: 'OR' as const, filters: named }, clusterIds: await this.visibleClusterIds(caller), metrics: request.metrics };
    const [counted, states] = await Promise.all([
      pointsAt(this.deps.db, selection, minute, EXPORT_LOOKBACK_MINUTES),
      statesAt(this.deps.db, selection, minute, EXPORT_STATE_LOOKBACK_MINUTES),
    ]);
    return renderExport([...states, ...counted], minute, openMetrics);
  }
}
