import { useEffect } from 'preact/hooks';
import { api } from '../api.js';
import { Badge, ErrorNote, Loading, TextBox } from '../components/status.js';
import { when } from '../format.js';
import { useLoad } from '../use-load.js';
import { DraftPanel, FeedbackPanel } from './review-panel.js';
import { AnalysisPanel, QualityLine, SourcesPanel, TracePanel } from './ticket-panels.js';

export function TicketPage({ id }: { id: string }) {
  const ticket = useLoad(() => api.ticket(id), [id]);
  useEffect(() => {
    document.title = `Ticket ${id} · Support console`;
  }, [id]);
  if (ticket.error !== undefined) {
    return (
      <>
        <h1>Ticket {id}</h1>
        <ErrorNote error={ticket.error} what="the ticket" />
        <p><a href="#/queue">Back to the queue</a></p>
      </>
    );
  }
  const t = ticket.data;
  if (!t) return <Loading what={`ticket ${id}`} />;
  return (
    <>
      <p class="crumbs"><a href="#/queue">← Review queue</a></p>
      <h1>
        {t.ticket.subject} <span class="muted id">{t.ticket_id}</span>
      </h1>
      <p class="meta">
        <Badge kind={t.status === 'completed' ? 'neutral' : 'pending_review'}>{t.status}</Badge> · customer {t.ticket.customer_id ?? 'unknown'}
        {t.ticket.channel ? ` · ${t.ticket.channel}` : ''} · received {when(t.created_at)}
      </p>
      {t.status !== 'completed' && (
        <p class="note">
          {t.status === 'failed' ? `Processing failed: ${t.error ?? 'unknown error'}` : 'Still being processed.'}{' '}
          <button type="button" onClick={ticket.reload}>Reload</button>
        </p>
      )}
      {/* Two rows: the message beside its analysis, then the draft beside the articles and incidents it stands on. */}
      <div class="grid">
        <section class="panel" aria-labelledby="ticket-title">
          <h2 id="ticket-title">Customer's message</h2>
          <TextBox label="Customer's message" text={t.ticket.body} extraClass="customer" />
        </section>
        <AnalysisPanel t={t} />
        <div>
          {t.response && <DraftPanel t={t} onChange={ticket.set} />}
          {t.response && <QualityLine t={t} />}
          {t.analysis && <FeedbackPanel t={t} />}
        </div>
        <SourcesPanel t={t} />
      </div>
      <TracePanel t={t} />
    </>
  );
}
