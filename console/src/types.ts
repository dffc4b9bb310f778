// Types come from the API's zod schemas (type-only imports: nothing of zod reaches the bundle).
import type { TicketResult } from '../../src/schemas/result.schema.js';
import type { Review, ReviewEvent, ReviewQueueItem } from '../../src/schemas/review.schema.js';
import type { StatsSeries, SeriesPoint } from '../../src/schemas/stats-series.schema.js';
import type { Stats, VariantStats } from '../../src/schemas/stats.schema.js';

export type { SeriesPoint, Stats, StatsSeries, TicketResult, VariantStats };

// Pending first: the queue's default filter.
export const REVIEW_STATES = ['pending_review', 'approved', 'edited', 'rejected', 'auto_approved'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** GET /tickets/:id, with its review block. */
export type Ticket = TicketResult;
export type Queue = ReviewQueue;
export type QueueItem = ReviewQueueItem;
export type { Review, ReviewEvent };

export type ReviewAction = 'approve' | 'edit' | 'reject';

type ReviewQueue = { items: ReviewQueueItem[]; total: number };

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}
