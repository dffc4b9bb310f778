import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { TokenUsage } from '../schemas/result.schema.js';

export const ModelPriceSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cache_read: z.number().nonnegative(),
  cache_write: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

export const PriceTableSchema = z.object({ models: z.record(z.string(), ModelPriceSchema) });

/** Prices per model, per million tokens (data/pricing.json). */
export class PriceTable {
  private readonly warned = new Set<string>();

  constructor(
    private readonly prices: Record<string, ModelPrice>,
    private readonly onUnknown: (model: string) => void = () => {},
  ) {}

  static fromFile(path: string, onUnknown?: (model: string) => void): PriceTable {
    return new PriceTable(PriceTableSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).models, onUnknown);
  }

  price(model: string): ModelPrice | undefined {
    // Dated snapshots (claude-haiku-4-5-20251001) are priced as their alias.
    return this.prices[model] ?? this.prices[model.replace(/-\d{8}$/, '')];
  }

  /** USD for one response's usage; input excludes cache reads and writes, which have their own prices. */
  cost(model: string, usage: TokenUsage): number {
    const p = this.price(model);
    if (!p) {
      if (!this.warned.has(model)) {
        this.warned.add(model);
        this.onUnknown(model);
      }
      return 0;
    }
    const usd = (usage.input * p.input + usage.output * p.output + usage.cache_read * p.cache_read + usage.cache_write * p.cache_write) / 1e6;
    return Math.round(usd * 1e9) / 1e9;
  }
}

