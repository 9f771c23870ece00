// The export endpoint's own limit (CONTRACT §3.3): each principal may export each resource a
// number of times per hour (Confluent: 80), because a scraper polling faster gets nothing new
// (the exported minute moves once a minute). Counted in fixed hour windows: the map holds only
// the current window's keys, so a caller naming ever new ids cannot grow it past one hour's worth.

export interface ExportRefusal {
  /** Seconds until the window ends and the budget is whole again. */
  retryAfterSeconds: number;
  resource: string;
}

export class ExportBudget {
  private window = -1;
  private readonly used = new Map<string, number>();

  /** `perHour` 0: no limit. */
  constructor(readonly perHour: number, private readonly windowMs = 3_600_000) {}

  /** Takes one export of each named resource, or none when any of them is spent. */
  take(principal: string, resources: readonly string[], nowMs: number): ExportRefusal | undefined {
    if (this.perHour <= 0) return undefined;
    const window = Math.floor(nowMs / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.used.clear();
    }
    const keys = [...new Set(resources)].map((r) => ({ resource: r, key: `${principal}\u0000${r}` }));
    const spent = keys.find((k) => (this.used.get(k.key) ?? 0) >= this.perHour);
    if (spent) return { retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * this.windowMs - nowMs) / 1000)), resource: spent.resource };
    for (const k of keys) this.used.set(k.key, (this.used.get(k.key) ?? 0) + 1);
    return undefined;
  }
}
