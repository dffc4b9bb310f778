import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const VariantNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, ".", "_" and "-", at most 63 characters');

/** One named configuration of the pipeline that an A/B test can compare with another. */
export const VariantSchema = z.object({
  name: VariantNameSchema,
  description: z.string().optional(),
  /** Unset: whatever provider the service is configured with. */
  provider: z.enum(['local', 'anthropic', 'openai']).optional(),
  /** The provider's model id; the local provider reports its own method names instead. */
  model: z.string().min(1).optional(),
  /** Which prompt (and, offline, which reply template) synthesis uses: see prompt-versions.ts. */
  prompt_version: z.string().min(1).default('v1'),
  /** Unset: each agent's configured temperature. */
  temperature: z.number().min(0).max(2).optional(),
  retrieval: z
    .object({
      /** A registered retrieval mode: "default" (the configured index), "bm25" (plain BM25, no exact-match boosts). */
      mode: z.string().min(1).default('default'),
      /** Articles retrieved before the relevance cut. */
      k: z.number().int().min(1).max(20).default(3),
      /** Relevance cut; unset uses the index's own threshold. */
      min_score: z.number().nonnegative().optional(),
    })
    .prefault({}),
});
export type Variant = z.infer<typeof VariantSchema>;

/** The variants file: every variant, the default, and the live traffic split. */
export const VariantsFileSchema = z
  .object({
    /** Salt of the hash split: a new experiment name reshuffles which tickets go where. */
    experiment: z.string().min(1).default('default'),
    /** The variant used when the split is empty, and by commands that name none. */
    default: VariantNameSchema,
    /** Live traffic weights by variant name (any positive scale); empty sends everything to the default. */
    split: z.record(VariantNameSchema, z.number().nonnegative()).default({}),
    variants: z.array(VariantSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const names = new Set<string>();
    for (const v of file.variants) {
      if (names.has(v.name)) ctx.addIssue({ code: 'custom', path: ['variants'], message: `variant "${v.name}" is defined twice` });
      names.add(v.name);
    }
    if (!names.has(file.default)) ctx.addIssue({ code: 'custom', path: ['default'], message: `default "${file.default}" is not a defined variant` });
    for (const name of Object.keys(file.split)) {
      if (!names.has(name)) ctx.addIssue({ code: 'custom', path: ['split', name], message: `split names "${name}", which is not a defined variant` });
    }
    const weights = Object.values(file.split);
    if (weights.length > 0 && weights.every((w) => w === 0)) ctx.addIssue({ code: 'custom', path: ['split'], message: 'split weights are all zero' });
  });
export type VariantsFile = z.infer<typeof VariantsFileSchema>;

/** The built-in configuration when no file is given: one offline variant taking all traffic. */
export const DEFAULT_VARIANTS: VariantsFile = VariantsFileSchema.parse({
  default: 'baseline',
  variants: [{ name: 'baseline', description: 'offline pipeline as shipped' }],
});

export class VariantsFileError extends Error {
  override name = 'VariantsFileError';
}

/** Reads and validates a variants file; the error names the file and each bad field. */
export function loadVariants(path: string): VariantsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new VariantsFileError(`variants file ${path}: ${(err as Error).message}`);
  }
  const parsed = VariantsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new VariantsFileError(`variants file ${path} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}
