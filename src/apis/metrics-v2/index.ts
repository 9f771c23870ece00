// The metrics/v2 family (issue 12), mounted at /v2/metrics: its own error envelope; one file per
// operation (C1).
import { apiFamily, METRICS, type FamilyGuards } from '../family.ts';
import listAttributes from './attributes.ts';
import type { MetricsV2Deps } from './context.ts';
import listMetricDescriptors from './descriptors/metrics.ts';
import listResourceDescriptors from './descriptors/resources.ts';
import exportMetrics from './export.ts';
import queryMetrics from './query.ts';

export function metricsV2(guards: FamilyGuards, deps: MetricsV2Deps) {
  return apiFamily(METRICS, guards, deps, [queryMetrics, listMetricDescriptors, listResourceDescriptors, listAttributes, exportMetrics]);
}
