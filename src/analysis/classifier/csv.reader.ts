import { readFileSync } from 'node:fs';

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. Returns rows of fields. */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new DatasetError('CSV ends inside a quoted field (an unclosed ")');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

export interface LabelledRow {
  text: string;
  label: string;
  /** Every column of the row by header name, for callers that read more than one label. */
  fields: Record<string, string>;
}

export interface ReadLabelledOptions {
  textCol?: string;
  labelCol?: string;
  /** Name shown in errors; defaults to "CSV". */
  source?: string;
}

/** Rows with a text and a label, validated: a missing column or an empty text or label is a clear error. */
export function readLabelledCsv(content: string, opts: ReadLabelledOptions = {}): LabelledRow[] {
  const textCol = opts.textCol ?? 'text';
  const labelCol = opts.labelCol ?? 'category';
  const source = opts.source ?? 'CSV';
  const [header, ...rows] = parseCsv(content);
  if (!header)
    throw new DatasetError(`${source} is empty: expected a header row with "${textCol}" and "${labelCol}"`);
  const names = header.map((h) => h.trim());
  const textIdx = names.indexOf(textCol);
  const labelIdx = names.indexOf(labelCol);
  const missing = [textIdx < 0 ? textCol : '', labelIdx < 0 ? labelCol : ''].filter(Boolean);
  if (missing.length > 0) {
    throw new DatasetError(
      `${source} has no column ${missing.map((m) => `"${m}"`).join(' or ')} (columns: ${names.join(', ')})`,
    );
  }
  if (rows.length === 0) throw new DatasetError(`${source} has a header but no rows`);
  return rows.map((r, i) => {
    const line = i + 2;
    const text = (r[textIdx] ?? '').trim();
    const label = (r[labelIdx] ?? '').trim();
    if (!text) throw new DatasetError(`${source} row ${line}: empty "${textCol}"`);
    if (!label) throw new DatasetError(`${source} row ${line}: empty label in "${labelCol}"`);
    const fields = Object.fromEntries(names.map((n, j) => [n, (r[j] ?? '').trim()]));
    return { text, label, fields };
  });
}

export function readLabelledCsvFile(
  path: string,
  opts: Omit<ReadLabelledOptions, 'source'> = {},
): LabelledRow[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DatasetError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return readLabelledCsv(content, { ...opts, source: path });
}

/** Quotes a field when it needs it, for writing CSV back out. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
