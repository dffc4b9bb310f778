import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../src/knowledge/bm25.index.js';
import { analyzeTerms } from '../../../src/knowledge/text.js';

describe('analyzeTerms', () => {
  it('drops stop words, stems, and keeps codes and versions intact', () => {
    expect(analyzeTerms('The exports are failing with E2003 on 4.8.0')).toEqual(['export', 'fail', 'e2003', '4.8.0']);
    expect(analyzeTerms('dark-mode')).toEqual(['dark', 'mode']);
  });
});

describe('Bm25Index', () => {
  const idx = new Bm25Index();
  idx.upsert('a', 'Exporting a workspace to PDF fails with error E2003');
  idx.upsert('b', 'Two-factor authentication codes are not arriving by SMS');
  idx.upsert('c', 'Change your billing plan and invoice address');

  it('ranks the document sharing the rarest terms first', () => {
    expect(idx.search('pdf export error', 3)[0]?.docId).toBe('a');
    expect(idx.search('sms codes', 3)[0]?.docId).toBe('b');
  });

  it('matches the textbook BM25 score for a single-term query', () => {
    // N=3, df=1 → idf = ln(1 + (3 - 1 + 0.5) / 1.5); tf=1, |d|/avgdl from the analysed lengths.
    const hit = idx.search('invoice', 1)[0]!;
    const lengths = ['Exporting a workspace to PDF fails with error E2003', 'Two-factor authentication codes are not arriving by SMS', 'Change your billing plan and invoice address'].map((t) => analyzeTerms(t).length);
    const avg = lengths.reduce((s, l) => s + l, 0) / 3;
    const idf = Math.log(1 + 2.5 / 1.5);
    const expected = (idf * 2.2) / (1 + 1.2 * (1 - 0.75 + (0.75 * lengths[2]!) / avg));
    expect(hit.score).toBeCloseTo(expected, 10);
  });

  it('updates and removes documents', () => {
    const local = new Bm25Index();
    local.upsert('x', 'slack integration disconnected');
    expect(local.search('slack', 1)).toHaveLength(1);
    local.upsert('x', 'jira integration disconnected');
    expect(local.search('slack', 1)).toHaveLength(0);
    expect(local.remove('x')).toBe(true);
    expect(local.search('jira', 1)).toHaveLength(0);
    expect(local.size).toBe(0);
  });
});
