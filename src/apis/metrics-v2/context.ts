// What the metrics/v2 handlers get.
import type { MetricsService } from '../../services/metrics.ts';

export interface MetricsV2Deps {
  metrics: MetricsService;
}

/** Only the `cloud` dataset exists (CONTRACT §3); other names fall to the family's 404. */
export const DATASET = '/cloud';

/** `page_token` as a query parameter: one opaque value. */
export const pageTokenQuery = {
  type: 'object',
  properties: { page_token: { type: 'string', maxLength: 255 } },
} as const;
