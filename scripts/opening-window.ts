// A business window for tests and benches that wait for an opening: it opens at `opensAt` and stays open `hours`,
// at whatever hour the tests run. The calendar has no windows across midnight, so the window is set
// in a fixed-offset zone where `opensAt` falls early in the morning (in Stockholm, a run at 23:15
// would get a 45-minute window that ends at midnight).
import type { BusinessCalendarConfig } from '../workflows/business-hours.js';

export function windowFrom(opensAt: Date, hours: number): BusinessCalendarConfig {
  const ahead = (((6 - opensAt.getUTCHours()) % 24) + 24) % 24; // hours ahead of UTC for local 06:xx
  const offset = ahead > 14 ? ahead - 24 : ahead; // Etc/GMT zones span UTC−12 … UTC+14
  const timeZone = offset === 0 ? 'Etc/UTC' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`; // POSIX signs
  const local = (at: Date) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);
  return {
    open: local(opensAt),
    close: local(new Date(opensAt.getTime() + hours * 3600_000)),
    days: [1, 2, 3, 4, 5, 6, 7],
    closedDates: [],
    observeHolidays: false,
    timeZone,
  };
}
