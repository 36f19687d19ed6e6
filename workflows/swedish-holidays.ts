/**
 * Swedish closed days, as pure functions over integer civil dates (proleptic
 * Gregorian calendar, month 1–12).
 *
 * Workflow-safe: no I/O, no clock, no imports. Results are memoised per year,
 * which is deterministic because they depend on the year alone.
 *
 * Sources:
 * - lag (1989:253) om allmänna helgdagar: every Sunday plus the named days below.
 *   Amended by SFS 2004:1320: from 2005 nationaldagen (6 juni) replaced annandag
 *   pingst. Both sides of that change are modelled; the rules of earlier laws
 *   (before 1990) are not, those years simply get the 1990–2004 rules.
 * - lag (1930:173) om beräkning av lagstadgad tid: midsommarafton, julafton and
 *   nyårsafton count as allmän helgdag when computing statutory time limits.
 */

/** 'allmän helgdag' per lag (1989:253); 'likställd dag' is one of the three eves of lag (1930:173). */
export type SwedishClosedDayKind = 'allmän helgdag' | 'likställd dag';

export interface SwedishClosedDay {
  readonly month: number;
  readonly day: number;
  /** Swedish name, lower case as in the statute ('söndag' for an ordinary Sunday). */
  readonly name: string;
  readonly kind: SwedishClosedDayKind;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm; avoids Date.UTC's 0–99 year quirk). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number from {@link daysFromCivil}. */
export function isoWeekdayOfDays(days: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a civil date. */
export function isoWeekday(year: number, month: number, day: number): number {
  assertCivilDate(year, month, day);
  return isoWeekdayOfDays(daysFromCivil(year, month, day));
}

/** Easter Sunday (Gregorian) by the anonymous Meeus/Jones/Butcher algorithm. */
export function easterSunday(year: number): { month: number; day: number } {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { month: Math.floor(n / 31), day: (n % 31) + 1 };
}

// Per year, keyed by month * 100 + day. Bounded so a long-running worker cannot grow it without limit.
const holidayCache = new Map<number, ReadonlyMap<number, readonly SwedishClosedDay[]>>();
const HOLIDAY_CACHE_LIMIT = 512;

function namedDays(year: number): ReadonlyMap<number, readonly SwedishClosedDay[]> {
  const cached = holidayCache.get(year);
  if (cached) return cached;

  const list: SwedishClosedDay[] = [];
  const add = (days: number, name: string, kind: SwedishClosedDayKind = 'allmän helgdag'): void => {
    const { month, day } = civilFromDays(days);
    list.push(Object.freeze({ month, day, name, kind }));
  };
  const fixed = (month: number, day: number): number => daysFromCivil(year, month, day);
  // The first day in [month-day, month-day + 6] that falls on the given ISO weekday.
  const weekdayFrom = (month: number, day: number, weekday: number): number => {
    const from = fixed(month, day);
    return from + ((weekday - isoWeekdayOfDays(from) + 7) % 7);
  };
  const easterDate = easterSunday(year);
  const easter = fixed(easterDate.month, easterDate.day);

  add(fixed(1, 1), 'nyårsdagen');
  add(fixed(1, 6), 'trettondedag jul');
  add(easter - 2, 'långfredagen');
  add(easter, 'påskdagen');
  add(easter + 1, 'annandag påsk');
  add(fixed(5, 1), 'första maj');
  add(easter + 39, 'Kristi himmelsfärdsdag');
  add(easter + 49, 'pingstdagen');
  if (year <= 2004) add(easter + 50, 'annandag pingst');
  else add(fixed(6, 6), 'nationaldagen');
  add(weekdayFrom(6, 19, 5), 'midsommarafton', 'likställd dag');
  add(weekdayFrom(6, 20, 6), 'midsommardagen');
  add(weekdayFrom(10, 31, 6), 'alla helgons dag');
  add(fixed(12, 24), 'julafton', 'likställd dag');
  add(fixed(12, 25), 'juldagen');
  add(fixed(12, 26), 'annandag jul');
  add(fixed(12, 31), 'nyårsafton', 'likställd dag');

  // Stable sort: days that coincide (e.g. första maj and Kristi himmelsfärdsdag in 2008) keep the order above.
  list.sort((x, y) => x.month - y.month || x.day - y.day);
  const map = new Map<number, SwedishClosedDay[]>();
  for (const entry of list) {
    const key = entry.month * 100 + entry.day;
    const existing = map.get(key);
    if (existing) existing.push(entry);
    else map.set(key, [entry]);
  }
  if (holidayCache.size >= HOLIDAY_CACHE_LIMIT) holidayCache.clear();
  holidayCache.set(year, map);
  return map;
}

/**
 * The named closed days of a year: the allmänna helgdagar that have a name
 * (including those that always fall on a Sunday or Saturday: påskdagen,
 * pingstdagen, midsommardagen, alla helgons dag) plus the three eves of
 * lag (1930:173). Ordinary Sundays are not listed; see {@link swedishClosedDays}.
 * Sorted by date; two holidays on the same date (första maj and Kristi
 * himmelsfärdsdag in 2008) are both listed.
 */
export function swedishHolidays(year: number): SwedishClosedDay[] {
  assertYear(year);
  return [...namedDays(year).values()].flat();
}

/** Every closed day of a year: {@link swedishHolidays} plus every other Sunday (named 'söndag'). Sorted by date. */
export function swedishClosedDays(year: number): SwedishClosedDay[] {
  assertYear(year);
  const named = namedDays(year);
  const result: SwedishClosedDay[] = [];
  const last = daysFromCivil(year, 12, 31);
  for (let d = daysFromCivil(year, 1, 1); d <= last; d++) {
    const { month, day } = civilFromDays(d);
    const entries = named.get(month * 100 + day);
    if (entries) result.push(...entries);
    else if (isoWeekdayOfDays(d) === 7) result.push(Object.freeze({ month, day, name: 'söndag', kind: 'allmän helgdag' }));
  }
  return result;
}

/** Names of the named holidays or eves on this date; empty on other days, ordinary Sundays included. */
export function swedishHolidayNames(year: number, month: number, day: number): string[] {
  assertCivilDate(year, month, day);
  return (namedDays(year).get(month * 100 + day) ?? []).map((entry) => entry.name);
}

/** True on a named holiday or one of the three eves; false on ordinary Sundays. */
export function isSwedishHoliday(year: number, month: number, day: number): boolean {
  assertCivilDate(year, month, day);
  return namedDays(year).has(month * 100 + day);
}

/** True on every closed day: named holidays, the three eves, and every Sunday. */
export function isSwedishClosedDay(year: number, month: number, day: number): boolean {
  return isSwedishHoliday(year, month, day) || isoWeekdayOfDays(daysFromCivil(year, month, day)) === 7;
}

function assertYear(year: number): void {
  // The Meeus/Jones/Butcher algorithm is only defined for the Gregorian calendar.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year must be an integer in 1583–9999, got ${String(year)}`);
  }
}

function assertCivilDate(year: number, month: number, day: number): void {
  assertYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1) {
    throw new RangeError(`invalid date ${String(year)}-${String(month)}-${String(day)}`);
  }
  const roundTrip = civilFromDays(daysFromCivil(year, month, day));
  if (roundTrip.month !== month || roundTrip.day !== day) {
    throw new RangeError(`invalid date ${String(year)}-${String(month)}-${String(day)}`);
  }
}
