import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { PipelineOutput } from '../../schemas/result.schema.js';
import type { PromptLayerClient } from './promptlayer.client.js';

/**
 * Sends each ticket's quality scores and A/B variant to PromptLayer, on the request ids the provider layer
 * recorded on the trace (`trace[].promptlayer_request_id`). Tickets answered offline have none: nothing is sent.
 */
export class PromptLayerReporter {
  constructor(
    private readonly client: PromptLayerClient,
    private readonly log: Logger,
  ) {}

  /** Resolves when everything is sent; never rejects (a PromptLayer outage must not touch tickets). */
  async report(ticketId: string, output: PipelineOutput): Promise<{ sent: number; failed: number }> {
    const calls: Promise<void>[] = [];
    for (const span of output.trace) {
      const id = span.promptlayer_request_id;
      if (!id) continue;
      const metadata: Record<string, string> = { ticket_id: ticketId, agent: span.agent, variant: output.variant ?? 'none' };
      if (output.quality) {
        metadata.quality_version = output.quality.version;
        metadata.quality_failed = output.quality.failed.join(',') || 'none';
      }
      calls.push(this.client.trackMetadata(id, metadata));
      if (output.quality) {
        calls.push(this.client.trackScore(id, output.quality.score * 100, 'quality'));
        for (const c of output.quality.checks) calls.push(this.client.trackScore(id, c.score * 100, `quality_${c.name}`));
        if (output.quality.judge) calls.push(this.client.trackScore(id, output.quality.judge.score * 100, 'judge'));
      }
    }
    const results = await Promise.allSettled(calls);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) {
      this.log.warn({ ticketId, failed: failed.length, reason: errorMessage((failed[0] as PromiseRejectedResult).reason) }, 'PromptLayer scores not sent');
    }
    return { sent: results.length - failed.length, failed: failed.length };
  }
}
