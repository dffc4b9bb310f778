import { useEffect, useRef } from 'preact/hooks';
import uPlot, { type AlignedData, type Options, type Series } from 'uplot';

/** Okabe–Ito: tells series apart for most kinds of colour blindness. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export interface Line {
  label: string;
  values: (number | null)[];
  color: string;
  dash?: boolean;
}

/** One uPlot time-series chart that fills its container's width. */
/** y from zero (counts, latency, cost: never below 0, and a visible axis when all values are 0), 0–100% for
 * shares, or fitted to the data. */
export type YRange = 'zero' | 'share' | 'auto';

export function Chart({ title, description, x, lines, unit, range = 'zero' }: { title: string; description: string; x: number[]; lines: Line[]; unit?: (v: number) => string; range?: YRange }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const series: Series[] = [
      {},
      ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2, points: { show: x.length < 60 }, ...(l.dash ? { dash: [6, 4] } : {}), spanGaps: false, ...(unit ? { value: (_u: uPlot, v: number | null) => (v === null ? '–' : unit(v)) } : {}) })),
    ];
    const opts: Options = {
      width: Math.max(280, el.clientWidth),
      height: 190,
      series,
      scales: {
        x: { time: true },
        ...(range === 'share' ? { y: { range: [0, 1] as [number, number] } } : {}),
        ...(range === 'zero' ? { y: { range: (_u: uPlot, _min: number, max: number): [number, number] => [0, max > 0 ? max * 1.1 : 1] } } : {}),
      },
      axes: [{ stroke: '#3d4451' }, { stroke: '#3d4451', size: 64, ...(unit ? { values: (_u: uPlot, vals: number[]) => vals.map(unit) } : {}) }],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
    };
    const data: AlignedData = [x, ...lines.map((l) => l.values)];
    const plot = new uPlot(opts, data, el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 190 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [x, lines, unit, range]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${description}`} />
    </figure>
  );
}
