import { describe, expect, it } from 'vitest';
import * as consoleTaxonomy from '../../../console/src/taxonomy.js';
import { REVIEW_STATES as CONSOLE_REVIEW_STATES } from '../../../console/src/types.js';
import { REVIEW_STATES } from '../../../src/schemas/review.schema.js';
import { CATEGORIES, PRIORITIES, SENTIMENTS } from '../../../src/schemas/taxonomy.schema.js';

describe('console label sets', () => {
  it('match the API taxonomy, so the feedback form offers exactly the labels the API accepts', () => {
    expect(consoleTaxonomy.CATEGORIES).toEqual(CATEGORIES);
    expect(consoleTaxonomy.PRIORITIES).toEqual(PRIORITIES);
    expect(consoleTaxonomy.SENTIMENTS).toEqual(SENTIMENTS);
  });

  it('offer every review state the queue can be filtered by', () => {
    expect([...CONSOLE_REVIEW_STATES].sort()).toEqual([...REVIEW_STATES].sort());
  });
});
