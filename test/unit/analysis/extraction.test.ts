import { describe, expect, it } from 'vitest';
import { extractEntities, luhnValid } from '../../../src/analysis/extraction.js';

describe('extractEntities', () => {
  it('finds error codes, including spelled-out ones', () => {
    const e = extractEntities('Sync fails with E1004 and sometimes E401; the log says ERR_SYNC_TIMEOUT and "error code 2003".');
    expect(e.errorCodes).toEqual(['E1004', 'E401', 'ERR_SYNC_TIMEOUT', 'E2003']);
  });

  it('finds transaction and order ids', () => {
    const e = extractEntities('I was charged twice (TXN-88231 and TXN-88232), invoice INV-2026-0415, order #A12345.');
    expect(e.transactionIds).toEqual(expect.arrayContaining(['TXN-88231', 'TXN-88232', 'INV-2026-0415']));
    expect(e.orderIds).toEqual(['A12345']);
  });

  it('finds versions but not amounts or dates', () => {
    const e = extractEntities('Since updating to v4.8 (desktop 4.8.1) it takes 1.5 hours; on 24.11.2026 it broke.');
    expect(e.versions).toEqual(['4.8', '4.8.1']);
  });

  it('finds emails, phone numbers and Luhn-valid card numbers only', () => {
    const e = extractEntities('Reach me at jane.doe@example.com or +44 20 7946 0958. Card 4111 1111 1111 1111, not 4111 1111 1111 1112.');
    expect(e.emails).toEqual(['jane.doe@example.com']);
    expect(e.phones).toEqual(['+44 20 7946 0958']);
    expect(e.cardNumbers).toEqual(['4111 1111 1111 1111']);
  });

  it('Luhn check', () => {
    expect(luhnValid('4539578763621486')).toBe(true);
    expect(luhnValid('4539578763621487')).toBe(false);
    expect(luhnValid('1234')).toBe(false);
  });
});

describe('product names', () => {
  it('finds products by name or alias, in order of mention', async () => {
    const { ProductMatcher, loadProductCatalog } = await import('../../../src/analysis/product-catalog.js');
    const m = new ProductMatcher(loadProductCatalog('data/catalog/products.json'));
    expect(m.find('The Slack notifications broke after the desktop app update; the API is fine.')).toEqual([
      'Nimbus for Slack',
      'Nimbus Desktop',
      'Nimbus API',
    ]);
  });
});
