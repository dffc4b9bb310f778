export const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`);
export const usd = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `$${x < 0.01 && x > 0 ? x.toFixed(5) : x.toFixed(4)}`);
export const ms = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
export const label = (s: string | null | undefined) => (s ? s.replace(/_/g, ' ') : '–');

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const when = (iso: string | null | undefined) => (iso ? dateFmt.format(new Date(iso)) : '–');

/** "in 3 h" / "5 min ago", for SLA due times. */
export function relative(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const text = abs < 3600_000 ? `${Math.round(abs / 60_000)} min` : abs < 172_800_000 ? `${Math.round(abs / 3600_000)} h` : `${Math.round(abs / 86_400_000)} d`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}
