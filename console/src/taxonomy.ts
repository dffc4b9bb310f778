// The label sets of src/schemas/taxonomy.schema.ts, copied so the bundle does not pull in zod
// (test/unit/console/taxonomy.test.ts keeps the two equal).
export const CATEGORIES = ['technical', 'billing', 'feature_request', 'complaint', 'other'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative', 'angry'] as const;
