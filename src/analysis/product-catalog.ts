import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const ProductSchema = z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).default([]) });
export type Product = z.infer<typeof ProductSchema>;

export function loadProductCatalog(path: string): Product[] {
  return z.array(ProductSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds products by name or alias, on word boundaries, in order of first mention. */
export class ProductMatcher {
  private readonly patterns: { name: string; re: RegExp }[];

  constructor(products: Product[]) {
    this.patterns = products.map((p) => ({
      name: p.name,
      re: new RegExp(`\\b(?:${[p.name, ...p.aliases].map(escapeRe).join('|')})\\b`, 'i'),
    }));
  }

  find(text: string): string[] {
    const found: { name: string; at: number }[] = [];
    for (const { name, re } of this.patterns) {
      const m = re.exec(text);
      if (m) found.push({ name, at: m.index });
    }
    return found.sort((a, b) => a.at - b.at).map((f) => f.name);
  }

  get names(): string[] {
    return this.patterns.map((p) => p.name);
  }
}
