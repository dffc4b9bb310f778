import type { ProfileStore } from '../customers/profile-store.js';
import type { PipelineOutput } from '../schemas/result.schema.js';
import type { Review } from '../schemas/review.schema.js';
import type { TicketInput } from '../schemas/ticket.schema.js';
import { escalationNotice, withEscalationNotice } from './escalation-notice.js';
import { decide, type ReviewPolicy } from './review-policy.js';
import { dueAt, type SlaConfig } from './sla.js';

export interface ReviewStageDeps {
  policy: ReviewPolicy;
  sla: SlaConfig;
  profiles: Pick<ProfileStore, 'get'>;
  now?: () => Date;
}

/**
 * The last step before a result is stored, whichever provider wrote the reply: an escalated reply gets the
 * "a person will follow up by …" notice (from the tier's SLA), and the review policy decides whether the draft
 * goes out or waits. It runs after the quality checks, so they grade the draft as the model wrote it.
 */
export class ReviewStage {
  private readonly now: () => Date;

  constructor(private readonly deps: ReviewStageDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async apply(ticket: TicketInput, createdAt: string, output: PipelineOutput): Promise<PipelineOutput> {
    const { analysis } = output;
    const profile = ticket.customer_id ? await this.deps.profiles.get(ticket.customer_id) : undefined;
    const tier = profile?.tier ?? 'unknown';
    const due = dueAt(this.deps.sla, tier, analysis.priority, createdAt);
    const response = analysis.requires_human_escalation
      ? {
          ...output.response,
          response_text: withEscalationNotice(
            output.response.response_text,
            escalationNotice({ dueAt: due, language: analysis.language?.code }),
          ),
        }
      : output.response;
    const decision = decide(this.deps.policy, {
      analysis,
      qualityScore: output.quality?.score,
      subject: ticket.subject,
      body: ticket.body,
    });
    const review: Review = {
      state: decision.state,
      reasons: decision.reasons,
      tier,
      due_at: due,
      history: [
        decision.state === 'auto_approved'
          ? { action: 'auto_approve', at: this.now().toISOString() }
          : { action: 'hold', at: this.now().toISOString(), reason: decision.reasons.join('; ') },
      ],
    };
    return { ...output, response, review };
  }
}
