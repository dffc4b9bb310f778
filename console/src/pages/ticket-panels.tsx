import { Badge, PriorityBadge } from '../components/status.js';
import { label, ms, pct, usd, when } from '../format.js';
import type { Ticket } from '../types.js';

type Scores = { label: string; probability: number }[];

function ScoreBars({ scores, name }: { scores: Scores; name: string }) {
  if (scores.length === 0) return null;
  return (
    <ul class="scores" aria-label={`Top ${name} labels`}>
      {scores.slice(0, 4).map((s) => (
        <li>
          <span class="score-label">{label(s.label)}</span>
          <meter min={0} max={1} value={s.probability} aria-label={`${label(s.label)} probability`} />
          <span class="num">{pct(s.probability, 1)}</span>
        </li>
      ))}
    </ul>
  );
}

export function AnalysisPanel({ t }: { t: Ticket }) {
  const a = t.analysis;
  if (!a) return null;
  return (
    <section class="panel" aria-labelledby="analysis-title">
      <h2 id="analysis-title">Analysis</h2>
      <dl class="facts">
        <dt>Category</dt>
        <dd>
          {label(a.category)} <span class="muted">({pct(a.confidence, 1)} confident)</span>
        </dd>
        <dt>Priority</dt>
        <dd><PriorityBadge priority={a.priority} /></dd>
        <dt>Sentiment</dt>
        <dd>{label(a.sentiment)}</dd>
        {a.language && (
          <>
            <dt>Language</dt>
            <dd>
              {a.language.code} <span class="muted">({pct(a.language.confidence, 0)})</span>
            </dd>
          </>
        )}
        {a.intent && (
          <>
            <dt>Intent</dt>
            <dd>{label(a.intent)}</dd>
          </>
        )}
        <dt>Escalation</dt>
        <dd>
          {a.requires_human_escalation ? (
            <>
              <Badge kind="escalated">escalated</Badge> {a.escalation_reasons.join('; ')}
            </>
          ) : (
            'no'
          )}
        </dd>
        {a.error_codes.length > 0 && (
          <>
            <dt>Error codes</dt>
            <dd>{a.error_codes.join(', ')}</dd>
          </>
        )}
      </dl>
      <div class="score-cols">
        <div>
          <h3>Top categories</h3>
          <ScoreBars scores={a.category_scores} name="category" />
        </div>
        {a.intent_scores.length > 0 && (
          <div>
            <h3>Top intents</h3>
            <ScoreBars scores={a.intent_scores} name="intent" />
          </div>
        )}
      </div>
      {a.key_issues.length > 0 && (
        <>
          <h3>Key issues</h3>
          <ul>{a.key_issues.map((k) => <li>{k}</li>)}</ul>
        </>
      )}
    </section>
  );
}

/** What the draft stands on: the articles it cites (others retrieved are listed after) and live incidents. */
export function SourcesPanel({ t }: { t: Ticket }) {
  const cited = new Set(t.response?.cited_articles ?? []);
  const articles = [...(t.knowledge?.articles ?? [])].sort((x, y) => Number(cited.has(y.article_id)) - Number(cited.has(x.article_id)));
  const incidents = t.system_status?.incidents ?? [];
  return (
    <section class="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      <h3>Articles</h3>
      {articles.length === 0 ? (
        <p class="muted">No relevant article was found.</p>
      ) : (
        <ul class="articles">
          {articles.map((a) => (
            <li>
              <strong>{a.title}</strong> {cited.has(a.article_id) ? <Badge kind="cited">cited</Badge> : <span class="muted">retrieved</span>}
              <div class="sub">
                {a.article_id} · score {a.score.toFixed(3)}
              </div>
              <p class="excerpt">{a.excerpt}</p>
            </li>
          ))}
        </ul>
      )}
      <h3>Incidents</h3>
      {incidents.length === 0 ? (
        <p class="muted">
          No incidents {t.system_status ? `(status ${t.system_status.overall}, ${t.system_status.source})` : ''}.
        </p>
      ) : (
        <ul class="articles">
          {incidents.map((i) => (
            <li>
              <strong>{i.name}</strong> <Badge kind={i.related_to_ticket ? 'escalated' : 'neutral'}>{i.status}</Badge>
              <div class="sub">
                {i.impact} impact · since {when(i.started_at)} · {i.affected_components.join(', ')}
              </div>
              {i.latest_update && <p class="excerpt">{i.latest_update}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Each agent's run: when it started and ended within the pipeline, what it used and what it cost. */
export function TracePanel({ t }: { t: Ticket }) {
  const trace = t.trace ?? [];
  if (trace.length === 0) return null;
  const total = Math.max(1, ...trace.map((x) => x.end_offset_ms));
  return (
    <section class="panel" aria-labelledby="trace-title">
      <h2 id="trace-title">Agent trace</h2>
      <div class="table-wrap">
        <table class="trace">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Outcome</th>
              <th scope="col">Provider / model</th>
              <th scope="col" class="timeline-col">Timeline (0–{ms(total)})</th>
              <th scope="col" class="num">Duration</th>
              <th scope="col" class="num">Tokens in / out</th>
              <th scope="col" class="num">Cost</th>
            </tr>
          </thead>
          <tbody>
            {trace.map((x) => (
              <tr>
                <th scope="row">{x.agent}</th>
                <td><Badge kind={x.outcome === 'ok' ? 'approved' : x.outcome === 'failed' ? 'rejected' : 'pending_review'}>{x.outcome}</Badge></td>
                <td>
                  {x.provider} / {x.model}
                </td>
                <td class="timeline-col">
                  <div class="timeline" role="img" aria-label={`${x.agent} ran from ${ms(x.start_offset_ms)} to ${ms(x.end_offset_ms)}`}>
                    <span style={{ left: `${(x.start_offset_ms / total) * 100}%`, width: `${Math.max(0.5, ((x.end_offset_ms - x.start_offset_ms) / total) * 100)}%` }} />
                  </div>
                </td>
                <td class="num">{ms(x.duration_ms)}</td>
                <td class="num">
                  {x.tokens.input} / {x.tokens.output}
                </td>
                <td class="num">{usd(x.cost_usd)}</td>
              </tr>
            ))}
          </tbody>
          {t.metrics && (
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td colSpan={3}>{t.provider}{t.degraded ? ' (degraded)' : ''}{t.variant ? ` · variant ${t.variant}` : ''}</td>
                <td class="num">{ms(t.metrics.latency_ms.total)}</td>
                <td class="num">
                  {t.metrics.tokens.input} / {t.metrics.tokens.output}
                </td>
                <td class="num">{usd(t.metrics.cost_usd)}</td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </section>
  );
}

export function QualityLine({ t }: { t: Ticket }) {
  if (!t.quality) return null;
  return (
    <p class="quality">
      Quality score <strong>{pct(t.quality.score, 0)}</strong>
      {t.quality.failed.length > 0 ? <> · failed checks: {t.quality.failed.map(label).join(', ')}</> : ' · all checks passed'}
    </p>
  );
}
