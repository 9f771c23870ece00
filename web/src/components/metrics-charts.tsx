// Records, bytes and DLQ records per bucket over 1 h / 24 h / 7 d, from POST /v2/metrics/cloud/query.
// Each range uses the finest granularity the Metrics API allows for it (CONTRACT §3.1).
import { useState } from 'preact/hooks';
import { useLoad } from '../hooks.ts';
import { Chart } from './chart.tsx';
import type { Scope } from './shell.tsx';

const RANGES = [
  { label: '1 h', interval: 'PT1H', granularity: 'PT1M', seconds: 3600 },
  { label: '24 h', interval: 'P1D', granularity: 'PT15M', seconds: 86_400 },
  { label: '7 d', interval: 'P7D', granularity: 'PT1H', seconds: 604_800 },
] as const;

const M = 'io.confluent.kafka.connect/';

export function MetricsCharts({ scope, connectorId, type }: { scope: Scope; connectorId: string; type: 'source' | 'sink' }) {
  const [range, setRange] = useState(0);
  const r = RANGES[range]!;
  // A source sends what it makes; a sink receives what it reads.
  const records = type === 'source' ? 'sent_records' : 'received_records';
  const bytes = type === 'source' ? 'sent_bytes' : 'received_bytes';
  const query = (metric: string) => scope.api.metric(connectorId, `${M}${metric}`, r.interval, r.granularity);
  const deps = [connectorId, range];
  const data = useLoad(() => Promise.all([query(records), query(bytes), query('dead_letter_queue_records')]), deps, 60_000);
  return (
    <section class="metrics" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics</h2>
      <fieldset class="ranges">
        <legend>Range</legend>
        {RANGES.map((x, i) => (
          <label key={x.label}><input type="radio" name="range" checked={i === range} onChange={() => setRange(i)} /> {x.label}</label>
        ))}
      </fieldset>
      {data.error && <p class="error" role="alert">{data.error}</p>}
      {data.data && (
        <div class="charts">
          <Chart title={`Records (${records})`} points={data.data[0]} id="chart-records" seconds={r.seconds} />
          <Chart title={`Bytes (${bytes})`} points={data.data[1]} id="chart-bytes" seconds={r.seconds} />
          <Chart title="Dead letter queue records" points={data.data[2]} id="chart-dlq" seconds={r.seconds} />
        </div>
      )}
    </section>
  );
}
