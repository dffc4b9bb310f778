import { readFileSync } from 'node:fs';
import type { z } from 'zod';

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

/** Reads and validates a JSON config file with a readable error naming the file and the bad fields. */
export function loadJsonConfig<T>(path: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigFileError(`${what} ${path} could not be read as JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigFileError(`${what} ${path} is invalid: ${issues}`);
  }
  return parsed.data;
}
