import { z } from 'zod';

const cache = new WeakMap<z.ZodType, Record<string, unknown>>();

/**
 * The JSON Schema a model is asked to fill, generated from the agent's zod schema (zod v4's own converter).
 * Input mode, so fields with defaults are optional for the model; the zod parse fills them.
 */
export function toToolSchema(schema: z.ZodType): Record<string, unknown> {
  const hit = cache.get(schema);
  if (hit) return hit;
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  if (json.type !== 'object') throw new Error('tool schemas must describe an object');
  cache.set(schema, json);
  return json;
}

/** Validates model output; on failure returns a short, model-readable list of what is wrong. */
export function validateOutput<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; data: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const error = parsed.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, error };
}
