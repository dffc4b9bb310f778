import { createHash } from 'node:crypto';
import { NotFoundError } from '../../errors.js';
import type { Variant, VariantsFile } from './variant.schema.js';

/** A uniform number in [0, 1) from a key: 52 bits of SHA-256, so it is stable across runs, hosts and versions. */
export function hashUnit(key: string): number {
  const digest = createHash('sha256').update(key).digest();
  return (digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4)) / 2 ** 52;
}

/**
 * Assigns tickets to variants by a stable hash of the ticket id, salted with the experiment name, in
 * proportion to the configured weights. The same ticket always lands on the same variant.
 */
export class VariantRouter {
  private readonly byName: Map<string, Variant>;
  /** Variants with a positive weight, sorted by name so editing the file's key order changes nothing. */
  private readonly buckets: { variant: Variant; upTo: number }[];

  constructor(readonly config: VariantsFile) {
    this.byName = new Map(config.variants.map((v) => [v.name, v]));
    const weighted = Object.entries(config.split)
      .filter(([, w]) => w > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const total = weighted.reduce((s, [, w]) => s + w, 0);
    let cumulative = 0;
    this.buckets = weighted.map(([name, w]) => {
      cumulative += w / total;
      return { variant: this.get(name), upTo: cumulative };
    });
  }

  get defaultVariant(): Variant {
    return this.get(this.config.default);
  }

  get variants(): Variant[] {
    return [...this.byName.values()];
  }

  get(name: string): Variant {
    const v = this.byName.get(name);
    if (!v) throw new NotFoundError('variant', name);
    return v;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The variant for a ticket: the default when no split is configured. */
  assign(ticketId: string): Variant {
    if (this.buckets.length === 0) return this.defaultVariant;
    const u = hashUnit(`${this.config.experiment}:${ticketId}`);
    return (this.buckets.find((b) => u < b.upTo) ?? this.buckets.at(-1)!).variant;
  }
}
