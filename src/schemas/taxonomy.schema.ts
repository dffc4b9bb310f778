import { z } from 'zod';

/** The reference taxonomy. Later the label sets become configuration; these are the defaults. */
export const CATEGORIES = ['technical', 'billing', 'feature_request', 'complaint', 'other'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative', 'angry'] as const;
export const TIERS = ['free', 'professional', 'business', 'enterprise'] as const;
export const TECHNICAL_LEVELS = ['novice', 'intermediate', 'expert'] as const;

export const CategorySchema = z.enum(CATEGORIES);
export const PrioritySchema = z.enum(PRIORITIES);
export const SentimentSchema = z.enum(SENTIMENTS);
export const TierSchema = z.enum(TIERS);
export const TechnicalLevelSchema = z.enum(TECHNICAL_LEVELS);

export type Category = z.infer<typeof CategorySchema>;
export type Priority = z.infer<typeof PrioritySchema>;
export type Sentiment = z.infer<typeof SentimentSchema>;
export type Tier = z.infer<typeof TierSchema>;
export type TechnicalLevel = z.infer<typeof TechnicalLevelSchema>;

export const AGENT_NAMES = ['analyzer', 'knowledge', 'status', 'synthesis'] as const;
export const AgentNameSchema = z.enum(AGENT_NAMES);
export type AgentName = z.infer<typeof AgentNameSchema>;
