import { describe, expect, it } from 'vitest';
import { DatasetError, parseCsv, readLabelledCsv } from '../../../../src/analysis/classifier/csv.reader.js';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas, newlines, CRLF and a BOM', () => {
    const rows = parseCsv('\ufefftext,category\r\n"a, ""quoted"" one",billing\n"two\nlines",technical\n');
    expect(rows).toEqual([
      ['text', 'category'],
      ['a, "quoted" one', 'billing'],
      ['two\nlines', 'technical'],
    ]);
  });

  it('rejects an unclosed quote', () => {
    expect(() => parseCsv('text,category\n"never closed,billing\n')).toThrow(/unclosed/);
  });
});

describe('readLabelledCsv', () => {
  it('reads text and label from named columns and keeps the other fields', () => {
    const rows = readLabelledCsv('id,body,intent\n1,where is my card,card_arrival\n', {
      textCol: 'body',
      labelCol: 'intent',
    });
    expect(rows).toEqual([
      {
        text: 'where is my card',
        label: 'card_arrival',
        fields: { id: '1', body: 'where is my card', intent: 'card_arrival' },
      },
    ]);
  });

  it('names a missing column and lists the columns there are', () => {
    const read = () =>
      readLabelledCsv('text,label\nhello,x\n', { labelCol: 'category', source: 'tickets.csv' });
    expect(read).toThrow(DatasetError);
    expect(read).toThrow('tickets.csv has no column "category" (columns: text, label)');
  });

  it('names the row of an empty label or an empty text', () => {
    expect(() => readLabelledCsv('text,category\nfine,billing\nno label here,\n')).toThrow(
      'CSV row 3: empty label in "category"',
    );
    expect(() => readLabelledCsv('text,category\n  ,billing\n')).toThrow('CSV row 2: empty "text"');
  });

  it('rejects an empty file and a header without rows', () => {
    expect(() => readLabelledCsv('')).toThrow(/empty/);
    expect(() => readLabelledCsv('text,category\n')).toThrow(/no rows/);
  });
});
