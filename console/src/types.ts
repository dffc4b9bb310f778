// Types come from the API's zod schemas (type-only imports: nothing of zod reaches the bundle).
import type { TicketResult } from '../../src/schemas/result.schema.js';
import type { StatsSeries, SeriesPoint } from '../../src/schemas/stats-series.schema.js';
import type { Stats, VariantStats } from '../../src/schemas/stats.schema.js';

export type { SeriesPoint, Stats, StatsSeries, TicketResult, VariantStats };

export const REVIEW_STATES = ['pending_review', 'approved', 'edited', 'rejected', 'auto_approved'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface ReviewEvent {
  action: string;
  at: string;
  reviewer?: string;
  reason?: string;
  response_text?: string;
}

export interface Review {
  state: ReviewState;
  reasons: string[];
  tier: string;
  due_at: string | null;
  decided_at?: string;
  reviewer?: string;
  reason?: string;
  original_response_text?: string;
  history: ReviewEvent[];
}

/** GET /tickets/:id with the review block the review API adds. */
export type Ticket = TicketResult & { review?: Review };

export interface QueueItem {
  ticket_id: string;
  subject: string;
  customer_id?: string | null;
  tier: string;
  category?: string | null;
  priority?: string | null;
  sentiment?: string | null;
  language?: string | null;
  confidence?: number | null;
  quality_score?: number | null;
  state: ReviewState;
  reasons: string[];
  created_at: string;
  due_at: string | null;
  overdue: boolean;
}

export interface Queue {
  items: QueueItem[];
  total: number;
}

export type ReviewAction = 'approve' | 'edit' | 'reject';

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}
