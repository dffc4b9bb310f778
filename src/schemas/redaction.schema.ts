import { z } from 'zod';

/** Kinds of personal data redacted before text leaves for a model provider. */
export const PII_KINDS = ['email', 'phone', 'card', 'iban', 'ssn', 'ip', 'secret'] as const;
export const PiiKindSchema = z.enum(PII_KINDS);
export type PiiKind = z.infer<typeof PiiKindSchema>;

/** How many distinct values of each kind were replaced by placeholders; never the values themselves. */
export const RedactionCountsSchema = z
  .object(
    Object.fromEntries(PII_KINDS.map((k) => [k, z.number().int().positive().optional()])) as Record<
      PiiKind,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .describe(
    'Personal data replaced by placeholders before the prompt left for the provider, counted per kind',
  );
export type RedactionCounts = z.infer<typeof RedactionCountsSchema>;
