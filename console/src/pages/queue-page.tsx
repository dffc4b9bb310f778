import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { ErrorNote, Loading, PriorityBadge, ReviewBadge, Badge } from '../components/status.js';
import { label, pct, relative, when } from '../format.js';
import { ticketHref } from '../router.js';
import { REVIEW_STATES, type ReviewState } from '../types.js';
import { useLoad } from '../use-load.js';

const PAGE = 25;

/** Tickets held for a person, most urgent first, with each one's SLA due time. */
export function QueuePage() {
  const [state, setState] = useState<ReviewState>('pending_review');
  const [sort, setSort] = useState<'priority' | 'age'>('priority');
  const [offset, setOffset] = useState(0);
  const queue = useLoad(() => api.queue({ state, sort, limit: PAGE, offset }), [state, sort, offset]);
  useEffect(() => {
    document.title = 'Review queue · Support console';
  }, []);

  return (
    <>
      <h1>Review queue</h1>
      <div class="toolbar">
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <label for="state-filter">State</label>
          <select id="state-filter" value={state} onChange={(e) => { setState(e.currentTarget.value as ReviewState); setOffset(0); }}>
            {REVIEW_STATES.map((s) => (
              <option value={s}>{label(s)}</option>
            ))}
          </select>
          <label for="sort-order">Sort by</label>
          <select id="sort-order" value={sort} onChange={(e) => { setSort(e.currentTarget.value as 'priority' | 'age'); setOffset(0); }}>
            <option value="priority">Priority, then age</option>
            <option value="age">Age (oldest first)</option>
          </select>
          <button type="button" onClick={queue.reload}>Refresh</button>
        </form>
        <OpenTicket />
      </div>
      {queue.error !== undefined && queue.error instanceof ApiError && queue.error.status === 404 ? (
        <p class="note error" role="alert">This server has no review queue (GET /reviews answered 404). Open a ticket by its id instead.</p>
      ) : queue.error !== undefined ? (
        <ErrorNote error={queue.error} what="the queue" />
      ) : !queue.data ? (
        <Loading what="the queue" />
      ) : (
        <>
          <p class="note" role="status" aria-live="polite">
            {queue.data.total === 0
              ? `No tickets are ${label(state)}.`
              : `${queue.data.total} ticket${queue.data.total === 1 ? '' : 's'} ${label(state)}; showing ${offset + 1}–${offset + queue.data.items.length}.`}
          </p>
          {queue.data.items.length > 0 && (
            <div class="table-wrap">
              <table class="queue">
                <caption class="sr-only">Tickets in state {label(state)}, sorted by {sort}</caption>
                <thead>
                  <tr>
                    <th scope="col">Ticket</th>
                    <th scope="col">Priority</th>
                    <th scope="col">Category</th>
                    <th scope="col">Sentiment</th>
                    <th scope="col">Lang</th>
                    <th scope="col" class="num">Confidence</th>
                    <th scope="col" class="num">Quality</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Why held</th>
                    <th scope="col">SLA due</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.data.items.map((it) => (
                    <tr class={it.overdue ? 'overdue' : undefined}>
                      <td>
                        <a href={ticketHref(it.ticket_id)}>{it.subject}</a>
                        <div class="sub">
                          {it.ticket_id} · {when(it.created_at)} {it.state !== state && <ReviewBadge state={it.state} />}
                        </div>
                      </td>
                      <td><PriorityBadge priority={it.priority} /></td>
                      <td>{label(it.category)}</td>
                      <td>{label(it.sentiment)}</td>
                      <td>{it.language ?? '–'}</td>
                      <td class="num">{pct(it.confidence)}</td>
                      <td class="num">{pct(it.quality_score)}</td>
                      <td class="nowrap">
                        {it.customer_id ?? '–'}
                        <div class="sub">{it.tier}</div>
                      </td>
                      <td class="reasons">{it.reasons.map(label).join(', ') || '–'}</td>
                      <td>
                        {it.due_at ? (
                          <>
                            <time dateTime={it.due_at}>{when(it.due_at)}</time>
                            <div class="sub">
                              {it.overdue ? <Badge kind="overdue">overdue {relative(it.due_at).replace(' ago', '')}</Badge> : relative(it.due_at)}
                            </div>
                          </>
                        ) : (
                          '–'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav class="pager" aria-label="Queue pages">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous page</button>
            <button type="button" disabled={offset + PAGE >= queue.data.total} onClick={() => setOffset(offset + PAGE)}>Next page</button>
          </nav>
        </>
      )}
    </>
  );
}

function OpenTicket() {
  const [id, setId] = useState('');
  return (
    <form
      class="open-ticket"
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim()) location.hash = ticketHref(id.trim());
      }}
    >
      <label for="open-id">Ticket id</label>
      <input id="open-id" value={id} onInput={(e) => setId(e.currentTarget.value)} placeholder="e.g. TKT-1001" />
      <button type="submit">Open</button>
    </form>
  );
}
