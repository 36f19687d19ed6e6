// Dates as Swedish handlers read them: Stockholm time, sv-SE format.
export const STOCKHOLM_DATE_TIME: Intl.DateTimeFormatOptions = {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'short',
};

const dateTime = new Intl.DateTimeFormat('sv-SE', STOCKHOLM_DATE_TIME);
const relative = new Intl.RelativeTimeFormat('sv', { numeric: 'auto' });

export function formatStockholm(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date);
}

/** How long ago, in the largest whole unit: "för 3 dagar sedan", "för 2 timmar sedan", "nyss". */
export function formatAge(value: string | Date | null | undefined, now = Date.now()): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Number.isNaN(seconds)) return '';
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 365 * 24 * 3600],
    ['month', 30 * 24 * 3600],
    ['week', 7 * 24 * 3600],
    ['day', 24 * 3600],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'nyss';
}
