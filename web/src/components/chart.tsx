// One time series drawn with uPlot, plus the same numbers as text for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { MetricPoint } from '../api/types.ts';

/** `seconds`: the range shown, ending now, so a few points sit where they belong in time. */
export function Chart({ title, points, id, seconds }: { title: string; points: MetricPoint[]; id: string; seconds: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = points.map((p) => Date.parse(p.timestamp) / 1000);
    const ys = points.map((p) => p.value);
    const width = Math.max(260, Math.min(560, el.clientWidth || 560));
    const plot = new uPlot({
      width, height: 180, legend: { show: false },
      scales: { x: { time: true, range: () => [Date.now() / 1000 - seconds, Date.now() / 1000] } },
      axes: [{}, { size: 70 }],
      series: [{}, { label: title, stroke: '#1f5fbf', width: 2, points: { show: true, size: 5 } }],
    }, [xs, ys], el);
    return () => plot.destroy();
  }, [points, title, seconds]);
  const total = points.reduce((sum, p) => sum + p.value, 0);
  return (
    <figure class="chart" id={id} data-points={points.length}>
      <figcaption>{title}: {points.length} points, total {total}</figcaption>
      <div ref={box} role="img" aria-label={`${title} over time, ${points.length} points, total ${total}`} />
    </figure>
  );
}
