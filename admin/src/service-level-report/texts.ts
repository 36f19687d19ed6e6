// How the report's numbers read: business hours with a decimal comma, shares in per cent, months in Swedish.
const decimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "3,5 h", or "–" when nothing was measured. */
export const hours = (minutes: number | null) => (minutes === null ? '–' : `${decimal.format(minutes / 60)} h`);

/** "87,5 %", or "–". */
export const percent = (share: number | null) => (share === null ? '–' : `${decimal.format(share * 100)} %`);

/** "nov. 2026" → "november 2026": the month in words, as Swedish writes it. */
export const monthName = (month: string) =>
  new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`));

/** "nov" for the chart's axis. */
export const shortMonth = (month: string) =>
  new Intl.DateTimeFormat('sv-SE', { month: 'short', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`)).replace('.', '');

/** The month of `at` in Stockholm, "2026-11". */
export function stockholmMonth(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** The month `delta` months from `month`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
