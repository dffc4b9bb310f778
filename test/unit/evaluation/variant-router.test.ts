import { describe, expect, it } from 'vitest';
import { hashUnit, VariantRouter } from '../../../src/evaluation/variants/variant-router.js';
import { loadVariants, VariantsFileSchema } from '../../../src/evaluation/variants/variant.schema.js';

const file = (split: Record<string, number>, experiment = 'exp-1') =>
  VariantsFileSchema.parse({ experiment, default: 'a', split, variants: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
const ids = Array.from({ length: 10_000 }, (_, i) => `TKT-${i}`);

function shares(router: VariantRouter): Record<string, number> {
  const n: Record<string, number> = {};
  for (const id of ids) {
    const v = router.assign(id).name;
    n[v] = (n[v] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, v / ids.length]));
}

describe('hash split of ticket ids', () => {
  // Over 10,000 ids a share p has a standard error of sqrt(p(1-p)/10000) ≤ 0.005; ±0.02 is four of them.
  it.each([
    [{ a: 50, b: 50 }, { a: 0.5, b: 0.5 }],
    [{ a: 90, b: 10 }, { a: 0.9, b: 0.1 }],
    [{ a: 1, b: 2, c: 1 }, { a: 0.25, b: 0.5, c: 0.25 }],
  ])('weights %j give shares %j within ±0.02', (split, want) => {
    const got = shares(new VariantRouter(file(split)));
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const [k, p] of Object.entries(want)) expect(Math.abs(got[k]! - p), k).toBeLessThan(0.02);
  });

  it('gives a ticket the same variant every time, in a new router, whatever the order of the split keys', () => {
    const one = new VariantRouter(file({ a: 30, b: 70 }));
    const two = new VariantRouter(file({ b: 70, a: 30 }));
    for (const id of ids.slice(0, 2000)) {
      expect(one.assign(id).name).toBe(one.assign(id).name);
      expect(two.assign(id).name).toBe(one.assign(id).name);
    }
  });

  it('reshuffles with a new experiment name, and sends everything to the default without a split', () => {
    const first = new VariantRouter(file({ a: 1, b: 1 }, 'exp-1'));
    const second = new VariantRouter(file({ a: 1, b: 1 }, 'exp-2'));
    const moved = ids.filter((id) => first.assign(id).name !== second.assign(id).name).length / ids.length;
    expect(moved).toBeGreaterThan(0.4);
    expect(moved).toBeLessThan(0.6);
    expect(shares(new VariantRouter(file({})))).toEqual({ a: 1 });
  });

  it('hashUnit is uniform on [0, 1): each tenth gets 10% ± 1%', () => {
    const deciles = new Array<number>(10).fill(0);
    for (const id of ids) deciles[Math.floor(hashUnit(id) * 10)]!++;
    for (const d of deciles) expect(Math.abs(d / ids.length - 0.1)).toBeLessThan(0.01);
  });
});

describe('variants file', () => {
  it('loads the shipped file', () => {
    const v = loadVariants('data/eval/variants.json');
    expect(v.default).toBe('baseline');
    expect(v.variants.map((x) => x.name)).toContain('concise');
  });

  it('rejects unknown names, duplicates and all-zero weights, naming each problem', () => {
    const bad = VariantsFileSchema.safeParse({ default: 'x', split: { y: 0 }, variants: [{ name: 'a' }, { name: 'a' }] });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([
      'variant "a" is defined twice',
      'default "x" is not a defined variant',
      'split names "y", which is not a defined variant',
      'split weights are all zero',
    ]));
  });

  it('reports a missing file with its path', () => {
    expect(() => loadVariants('no/such/variants.json')).toThrow(/variants file no\/such\/variants\.json/);
  });
});
