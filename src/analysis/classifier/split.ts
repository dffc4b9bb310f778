import { seededRandom, shuffleInPlace } from '../../shared/seeded-random.js';

/** Groups item indices by label, in first-seen label order, each group shuffled by the seed. */
function byLabel(labels: string[], seed: number): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const g = groups.get(l);
    if (g) g.push(i);
    else groups.set(l, [i]);
  });
  const random = seededRandom(seed);
  for (const g of groups.values()) shuffleInPlace(g, random);
  return groups;
}

/**
 * Stratified split: each label contributes round(fraction × its count) items to the test side (at least one
 * when it has two or more), so both sides keep the label proportions. Returns sorted index lists.
 */
export function stratifiedSplit(
  labels: string[],
  testFraction: number,
  seed: number,
): { train: number[]; test: number[] } {
  if (!(testFraction > 0 && testFraction < 1))
    throw new Error(`test fraction must be between 0 and 1, got ${testFraction}`);
  const train: number[] = [];
  const test: number[] = [];
  for (const group of byLabel(labels, seed).values()) {
    const n = group.length < 2 ? 0 : Math.max(1, Math.round(group.length * testFraction));
    test.push(...group.slice(0, n));
    train.push(...group.slice(n));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** At most k items of each label, chosen by the seed: the few-shot training sets. */
export function sampleKShot(labels: string[], k: number, seed: number): number[] {
  const out: number[] = [];
  for (const group of byLabel(labels, seed).values()) out.push(...group.slice(0, k));
  return out.sort((a, b) => a - b);
}

export const pick = <T>(xs: T[], idx: number[]): T[] => idx.map((i) => xs[i]!);
