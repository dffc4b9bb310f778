import { useState } from 'preact/hooks';
import { api, ApiError, describeError } from '../api.js';
import { ReviewBadge, TextBox } from '../components/status.js';
import { label, relative, when } from '../format.js';
import { CATEGORIES, PRIORITIES, SENTIMENTS } from '../taxonomy.js';
import type { ReviewAction, Ticket } from '../types.js';

const REVIEWER_STORAGE = 'support-agent.reviewer';

/** The draft reply with approve / edit / reject while it waits for review, and the decision after. */
export function DraftPanel({ t, onChange }: { t: Ticket; onChange: (t: Ticket) => void }) {
  const review = t.review;
  const draft = t.response?.response_text ?? '';
  const [text, setText] = useState(draft);
  const [reviewer, setReviewer] = useState(() => localStorage.getItem(REVIEWER_STORAGE) ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const pending = review?.state === 'pending_review';
  const edited = text !== draft;

  async function decide(action: ReviewAction) {
    if (!reviewer.trim()) {
      setMessage({ kind: 'error', text: 'Enter your name as reviewer first.' });
      document.getElementById('reviewer')?.focus();
      return;
    }
    if (action === 'reject' && !reason.trim()) {
      setMessage({ kind: 'error', text: 'Say why the draft is rejected.' });
      document.getElementById('review-reason')?.focus();
      return;
    }
    localStorage.setItem(REVIEWER_STORAGE, reviewer.trim());
    setBusy(true);
    setMessage(null);
    try {
      const updated = await api.review(t.ticket_id, {
        action,
        reviewer: reviewer.trim(),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(action === 'edit' ? { response_text: text } : {}),
      });
      setMessage({ kind: 'ok', text: `Saved: ${label(updated.review?.state ?? action)}.` });
      onChange(updated);
    } catch (err) {
      const already = err instanceof ApiError && err.status === 409;
      setMessage({ kind: 'error', text: already ? 'Someone already decided this ticket; showing the current state.' : describeError(err) });
      if (already) onChange(await api.ticket(t.ticket_id));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="draft-title">
      <div class="panel-head">
        <h2 id="draft-title">Draft reply</h2>
        <p class="review-state" role="status" aria-live="polite" data-testid="review-state">
          {review ? <>Review: <ReviewBadge state={review.state} /></> : 'No review state'}
        </p>
      </div>
      {review && review.reasons.length > 0 && <p class="muted">Held because: {review.reasons.map(label).join(', ')}</p>}
      {review?.due_at && pending && (
        <p class={Date.parse(review.due_at) < Date.now() ? 'note error' : 'muted'}>
          SLA ({review.tier}): due {when(review.due_at)} ({relative(review.due_at)})
        </p>
      )}
      {pending ? (
        <form class="review-form" onSubmit={(e) => e.preventDefault()}>
          <label for="draft-text">Reply to the customer (edit before approving if needed)</label>
          <textarea id="draft-text" rows={12} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <div class="row">
            <div class="field">
              <label for="reviewer">Reviewer</label>
              <input id="reviewer" autocomplete="name" value={reviewer} onInput={(e) => setReviewer(e.currentTarget.value)} />
            </div>
            <div class="field grow">
              <label for="review-reason">Reason (required to reject)</label>
              <input id="review-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            </div>
          </div>
          <div class="actions">
            {edited ? (
              <button type="button" class="primary" disabled={busy} onClick={() => decide('edit')}>
                Approve with my edits
              </button>
            ) : (
              <button type="button" class="primary" disabled={busy} onClick={() => decide('approve')}>
                Approve draft
              </button>
            )}
            {edited && (
              <button type="button" disabled={busy} onClick={() => setText(draft)}>
                Undo edits
              </button>
            )}
            <button type="button" class="danger" disabled={busy} onClick={() => decide('reject')}>
              Reject
            </button>
          </div>
        </form>
      ) : (
        <>
          <TextBox label={review?.state === 'rejected' ? 'Rejected draft' : 'Reply as approved'} text={draft} />
          {review?.original_response_text && review.original_response_text !== draft && (
            <details>
              <summary>Original draft (before the edit)</summary>
              <TextBox label="Original draft" text={review.original_response_text} />
            </details>
          )}
        </>
      )}
      {message && (
        <p class={`note ${message.kind === 'error' ? 'error' : 'ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {review && review.history.length > 0 && (
        <>
          <h3>Review history</h3>
          <ol class="history">
            {review.history.map((h) => (
              <li>
                <time dateTime={h.at}>{when(h.at)}</time> · {label(h.action)}
                {h.reviewer ? ` by ${h.reviewer}` : ''}
                {h.reason ? ` — ${h.reason}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** Thumbs up/down on the analysis, with corrected labels that feed retraining. */
export function FeedbackPanel({ t }: { t: Ticket }) {
  const [rating, setRating] = useState<'up' | 'down' | ''>('');
  const [reason, setReason] = useState('');
  const [corrected, setCorrected] = useState({ category: '', priority: '', sentiment: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = [
    ['category', CATEGORIES, t.analysis?.category],
    ['priority', PRIORITIES, t.analysis?.priority],
    ['sentiment', SENTIMENTS, t.analysis?.sentiment],
  ] as const;

  async function send(e: Event) {
    e.preventDefault();
    if (!rating) {
      setMessage({ kind: 'error', text: 'Choose helpful or not helpful.' });
      return;
    }
    const fix = Object.fromEntries(Object.entries(corrected).filter(([, v]) => v !== ''));
    setBusy(true);
    try {
      await api.feedback(t.ticket_id, {
        rating,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(Object.keys(fix).length ? { corrected: fix } : {}),
      });
      setMessage({ kind: 'ok', text: 'Thanks, feedback recorded.' });
    } catch (err) {
      setMessage({ kind: 'error', text: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="feedback-title">
      <h2 id="feedback-title">Feedback on the analysis</h2>
      <form onSubmit={send}>
        <fieldset class="rating">
          <legend>Was this answer right?</legend>
          <label>
            <input type="radio" name="rating" value="up" checked={rating === 'up'} onChange={() => setRating('up')} /> Yes, helpful
          </label>
          <label>
            <input type="radio" name="rating" value="down" checked={rating === 'down'} onChange={() => setRating('down')} /> No, not helpful
          </label>
        </fieldset>
        <div class="row">
          {fields.map(([name, options, current]) => (
            <div class="field">
              <label for={`fix-${name}`}>Correct {name}</label>
              <select
                id={`fix-${name}`}
                value={corrected[name]}
                onChange={(e) => setCorrected({ ...corrected, [name]: e.currentTarget.value })}
              >
                <option value="">keep {label(current)}</option>
                {options.filter((o) => o !== current).map((o) => (
                  <option value={o}>{label(o)}</option>
                ))}
              </select>
            </div>
          ))}
        </div>
        <label for="feedback-reason">Comment (optional)</label>
        <input id="feedback-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        <div class="actions">
          <button type="submit" disabled={busy}>Send feedback</button>
        </div>
        {message && (
          <p class={`note ${message.kind === 'error' ? 'error' : 'ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
