import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Chart, PALETTE, type Line } from '../components/chart.js';
import { ErrorNote, Loading } from '../components/status.js';
import { label, ms, pct, usd } from '../format.js';
import type { SeriesPoint, Stats, StatsSeries } from '../types.js';
import { useLoad } from '../use-load.js';

const WINDOWS = [
  { value: '24h', text: 'Last 24 hours', bucket: 'hour' },
  { value: '7d', text: 'Last 7 days', bucket: 'hour' },
  { value: '30d', text: 'Last 30 days', bucket: 'day' },
  { value: '90d', text: 'Last 90 days', bucket: 'day' },
] as const;

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const share = (v: number) => `${Math.round(v * 100)}%`;
const latency = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)}s` : `${Math.round(v)}ms`);
const dollars = (v: number) => (v === 0 ? '$0' : v < 0.01 ? `$${v.toFixed(4)}` : v < 10 ? `$${v.toFixed(2)}` : `$${Math.round(v)}`);

export function StatsPage() {
  const [win, setWin] = useState<(typeof WINDOWS)[number]['value']>('24h');
  const bucket = WINDOWS.find((w) => w.value === win)!.bucket;
  const data = useLoad(() => Promise.all([api.series({ since: win, bucket }), api.stats({ since: win })]), [win]);
  useEffect(() => {
    document.title = 'Stats · Support console';
  }, []);
  return (
    <>
      <h1>Stats</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label for="window">Window</label>
        <select id="window" value={win} onChange={(e) => setWin(e.currentTarget.value as typeof win)}>
          {WINDOWS.map((w) => (
            <option value={w.value}>{w.text} (by {w.bucket})</option>
          ))}
        </select>
        <button type="button" onClick={data.reload}>Refresh</button>
      </form>
      {data.error !== undefined ? (
        <ErrorNote error={data.error} what="the stats" />
      ) : !data.data ? (
        <Loading what="the stats" />
      ) : (
        <StatsView series={data.data[0]} stats={data.data[1]} />
      )}
    </>
  );
}

function perVariant(series: StatsSeries, pick: (p: SeriesPoint) => number | null, dash = false, suffix = ''): Line[] {
  return series.variants.map((v, i) => ({ label: `${v.variant}${suffix}`, values: v.points.map(pick), color: PALETTE[i % PALETTE.length]!, dash }));
}

function StatsView({ series, stats }: { series: StatsSeries; stats: Stats }) {
  const charts = useMemo(() => {
    const x = series.points.map((p) => Date.parse(p.start) / 1000);
    const multi = series.variants.length > 1;
    return {
      x,
      volume: [
        { label: 'all', values: series.points.map((p) => p.count), color: '#3d4451' },
        ...(multi ? perVariant(series, (p) => p.count) : []),
      ],
      mix: series.categories.map((c, i) => ({ label: label(c), values: series.points.map((p) => p.category_mix[c] ?? 0), color: PALETTE[i % PALETTE.length]! })),
      escalation: perVariant(series, (p) => p.escalation_rate),
      quality: perVariant(series, (p) => p.quality_mean),
      latency: [...perVariant(series, (p) => p.latency_ms?.p50 ?? null, false, ' p50'), ...perVariant(series, (p) => p.latency_ms?.p95 ?? null, true, ' p95')],
      cost: perVariant(series, (p) => p.cost_per_ticket_usd),
    };
  }, [series]);
  const total = series.points.reduce((s, p) => s + p.count, 0);
  const every = `per ${series.bucket}, ${series.variants.length} variant${series.variants.length === 1 ? '' : 's'}`;
  return (
    <>
      <p class="note" role="status">
        {total} tickets finished, {stats.failed} failed, {new Date(series.since).toLocaleString()} – {new Date(series.until).toLocaleString()}.
        {series.truncated && ' The window holds more results than one call reads; narrow it.'}
      </p>
      <VariantTable stats={stats} />
      <ReviewSummary stats={stats} />
      <div class="charts">
        <Chart title="Ticket volume" description={`tickets finished ${every}`} x={charts.x} lines={charts.volume} unit={num} />
        <Chart title="Category mix" description={`tickets per category per ${series.bucket}`} x={charts.x} lines={charts.mix} unit={num} />
        <Chart title="Escalation rate" description={`share escalated to a person ${every}`} x={charts.x} lines={charts.escalation} unit={share} range="share" />
        <Chart title="Quality score (mean)" description={`mean automatic quality score ${every}`} x={charts.x} lines={charts.quality} unit={share} range="auto" />
        <Chart title="Latency p50 (solid) and p95 (dashed)" description={`pipeline latency percentiles ${every}`} x={charts.x} lines={charts.latency} unit={latency} />
        <Chart title="Cost per ticket" description={`model cost per ticket in US dollars ${every}`} x={charts.x} lines={charts.cost} unit={dollars} />
      </div>
    </>
  );
}

/** A/B variants side by side over the whole window. */
function VariantTable({ stats }: { stats: Stats }) {
  if (stats.variants.length === 0) return <p class="muted">No finished tickets in this window.</p>;
  return (
    <div class="table-wrap">
      <table class="variants">
        <caption>A/B variants side by side</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col" class="num">Tickets</th>
            <th scope="col" class="num">Escalated</th>
            <th scope="col" class="num">Quality (mean)</th>
            <th scope="col" class="num">Latency p50</th>
            <th scope="col" class="num">Latency p95</th>
            <th scope="col" class="num">Tokens / ticket</th>
            <th scope="col" class="num">Cost / ticket</th>
            <th scope="col">Top categories</th>
          </tr>
        </thead>
        <tbody>
          {stats.variants.map((v, i) => (
            <tr>
              <th scope="row">
                <span class="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" /> {v.variant}
              </th>
              <td class="num">{v.count}</td>
              <td class="num">{pct(v.escalation_rate, 1)}</td>
              <td class="num">{pct(v.quality.mean, 1)}</td>
              <td class="num">{ms(v.latency_ms.p50)}</td>
              <td class="num">{ms(v.latency_ms.p95)}</td>
              <td class="num">{v.tokens.per_ticket}</td>
              <td class="num">{usd(v.cost_usd.per_ticket)}</td>
              <td>
                {Object.entries(v.category_mix)
                  .sort((a, b) => b[1] - a[1])
                  .slice(0, 3)
                  .map(([c, n]) => `${label(c)} ${n}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How drafts fared with reviewers, and what feedback said, over the window. */
function ReviewSummary({ stats }: { stats: Stats }) {
  const r = stats.review;
  const f = stats.feedback;
  return (
    <dl class="summary" aria-label="Review and feedback in this window">
      <div><dt>Auto-approved</dt><dd>{r.auto_approved}</dd></div>
      <div><dt>Waiting for review</dt><dd>{r.pending_review}</dd></div>
      <div><dt>Approved</dt><dd>{r.approved}</dd></div>
      <div><dt>Edited</dt><dd>{r.edited}</dd></div>
      <div><dt>Rejected</dt><dd>{r.rejected}</dd></div>
      <div><dt>Feedback up / down</dt><dd>{f.up} / {f.down}</dd></div>
      <div><dt>Corrections (category, priority, sentiment)</dt><dd>{f.corrections.category}, {f.corrections.priority}, {f.corrections.sentiment}</dd></div>
    </dl>
  );
}
