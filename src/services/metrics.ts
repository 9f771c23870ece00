// The Metrics API's reads (issue 12): a query, label values and the export, each over the
// points of the clusters the caller may see. A cluster beyond the caller's bindings simply has
// no points for it, so a query never tells whether another tenant's connector exists.
import { attributesAnswer, parseAttributes } from '../core/metrics/attributes.ts';
import { EXPORT_LOOKBACK_MINUTES, exportedMinute, parseExportRequest, renderExport } from '../core/metrics/export.ts';
import type { Filter } from '../core/metrics/filter.ts';
import { parseQuery } from '../core/metrics/query.ts';
import { shapeAnswer, type QueryAnswer } from '../core/metrics/result.ts';
import { clustersOfOrganization } from '../store/clusters.ts';
import type { Store } from '../store/database.ts';
import { bucketSums, labelValues, pointsAt } from '../store/metric-points.ts';
import type { Caller } from './authenticator.ts';
import type { Authorizer } from './authorizer.ts';

export interface MetricsServiceDeps {
  db: Store;
  authorizer: Authorizer;
  now: () => Date;
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
    return shapeAnswer(plan, await bucketSums(this.deps.db, selection, plan.bucketMinutes));
  }

  async attributes(caller: Caller, body: unknown, pageToken: unknown) {
    const plan = parseAttributes(body, this.deps.now().getTime(), pageToken);
    const selection = { metric: plan.metric, ranges: plan.ranges, filter: plan.filter, clusterIds: await this.visibleClusterIds(caller) };
    const values = await labelValues(this.deps.db, selection, plan.label, { offset: plan.offset, limit: plan.limit + 1 });
    return attributesAnswer(plan, values);
  }

  /** Prometheus (or OpenMetrics) text of the exported minute for the named resources. */
  async export(caller: Caller, query: Record<string, unknown>, openMetrics: boolean): Promise<string> {
    const request = parseExportRequest(query);
    const minute = exportedMinute(this.deps.now().getTime());
    const named: Filter[] = [
      ...request.connectorIds.map((value): Filter => ({ op: 'EQ', field: 'resource.connector.id', value })),
      ...request.kafkaIds.map((value): Filter => ({ op: 'EQ', field: 'resource.kafka.id', value })),
    ];
    if (named.length === 0) return renderExport([], minute, openMetrics);
    const selection = { filter: { op: 'OR' as const, filters: named }, clusterIds: await this.visibleClusterIds(caller), metrics: request.metrics };
    return renderExport(await pointsAt(this.deps.db, selection, minute, EXPORT_LOOKBACK_MINUTES), minute, openMetrics);
  }
}
