import { randomBytes } from 'node:crypto';
import { AppError, NotFoundError } from '../errors.js';
import type { TicketResult } from '../schemas/result.schema.js';
import type {
  Feedback,
  FeedbackBody,
  Review,
  ReviewDecisionBody,
  ReviewEvent,
  ReviewQueueItem,
  ReviewQueueQuery,
  ReviewState,
} from '../schemas/review.schema.js';
import type { TicketStore } from '../tickets/ticket-store.js';
import type { StaffNotifier } from '../webhooks/staff-notifier.js';

export interface ReviewServiceDeps {
  store: TicketStore;
  notifier?: Pick<StaffNotifier, 'notify'>;
  now?: () => Date;
}

const STATE_OF: Record<ReviewDecisionBody['action'], ReviewState> = { approve: 'approved', edit: 'edited', reject: 'rejected' };

export class ReviewConflictError extends AppError {
  constructor(ticketId: string, why: string) {
    super('review_conflict', 409, `ticket "${ticketId}" cannot be reviewed: ${why}`);
  }
}

/** Time-ordered feedback ids, so "latest" is also the greatest id. */
export function newFeedbackId(now = Date.now()): string {
  return `FB-${now.toString(36).toUpperCase()}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** The review queue as a reviewer sees it: the ticket, the analysis, the policy's reasons and the SLA. */
export function queueItem(record: TicketResult, now: Date): ReviewQueueItem {
  const review = record.review!;
  return {
    ticket_id: record.ticket_id,
    subject: record.ticket.subject,
    customer_id: record.ticket.customer_id ?? null,
    tier: review.tier,
    category: record.analysis?.category ?? null,
    priority: record.analysis?.priority ?? null,
    sentiment: record.analysis?.sentiment ?? null,
    language: record.analysis?.language?.code ?? null,
    confidence: record.analysis?.confidence ?? null,
    quality_score: record.quality?.score ?? null,
    state: review.state,
    reasons: review.reasons,
    created_at: record.created_at,
    due_at: review.due_at,
    overdue: review.due_at !== null && Date.parse(review.due_at) < now.getTime(),
  };
}

/** The use cases behind /reviews and /tickets/:id/{review,feedback}. */
export class ReviewService {
  private readonly now: () => Date;

  constructor(private readonly deps: ReviewServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async queue(query: ReviewQueueQuery): Promise<{ items: ReviewQueueItem[]; total: number }> {
    const page = await this.deps.store.listReviews(query);
    const now = this.now();
    return { items: page.items.filter((r) => r.review).map((r) => queueItem(r, now)), total: page.total };
  }

  /** Records a decision on a held draft. 404 for an unknown ticket, 409 unless it is completed and pending_review. */
  async decide(ticketId: string, body: ReviewDecisionBody): Promise<TicketResult> {
    const record = await this.deps.store.get(ticketId);
    if (!record) throw new NotFoundError('ticket', ticketId);
    if (record.status !== 'completed') throw new ReviewConflictError(ticketId, `it is ${record.status}, not completed`);
    if (!record.review || record.review.state !== 'pending_review' || !record.response)
      throw new ReviewConflictError(ticketId, `its review state is ${record.review?.state ?? 'unset'}, not pending_review`);
    const at = this.now().toISOString();
    const reviewer = body.reviewer.trim();
    const event: ReviewEvent = {
      action: body.action,
      at,
      reviewer,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.action === 'edit' ? { response_text: body.response_text! } : {}),
    };
    const review: Review = {
      ...record.review,
      state: STATE_OF[body.action],
      decided_at: at,
      reviewer,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.action === 'edit' ? { original_response_text: record.response.response_text } : {}),
      history: [...record.review.history, event],
    };
    const outcome = await this.deps.store.decideReview(ticketId, {
      review,
      response_text: body.action === 'edit' ? body.response_text! : record.response.response_text,
      event,
    });
    if (outcome.kind === 'missing') throw new NotFoundError('ticket', ticketId);
    if (outcome.kind === 'conflict') throw new ReviewConflictError(ticketId, `its review state is now ${outcome.state ?? 'unset'} (decided by someone else)`);
    this.deps.notifier?.notify('ticket.reviewed', ticketId, {
      action: body.action,
      state: review.state,
      reviewer,
      ...(body.reason ? { reason: body.reason } : {}),
      due_at: review.due_at,
    });
    return outcome.record;
  }

  async feedback(ticketId: string, body: FeedbackBody): Promise<Feedback> {
    const record = await this.deps.store.get(ticketId);
    if (!record) throw new NotFoundError('ticket', ticketId);
    const corrected = body.corrected && Object.values(body.corrected).some((v) => v !== undefined) ? body.corrected : null;
    const now = this.now();
    const feedback: Feedback = {
      feedback_id: newFeedbackId(now.getTime()),
      ticket_id: ticketId,
      rating: body.rating,
      reason: body.reason ?? null,
      corrected,
      created_at: now.toISOString(),
    };
    await this.deps.store.addFeedback(feedback);
    return feedback;
  }
}
