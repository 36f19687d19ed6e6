/**
 * Business calendar (opening hours) of the portal.
 *
 * Runs inside Temporal workflow code, so it is pure and deterministic: no clock,
 * no I/O, no third-party packages. Time-zone conversion uses only
 * Intl.DateTimeFormat with an explicit timeZone.
 *
 * Model: every local date D that is open has one window [open(D), close(D)),
 * where open(D) is the first instant whose local wall time is at or after
 * D + `open`, likewise close(D). So `close` itself is closed and `open` itself
 * is open. Across a DST change this gives sensible windows without special
 * cases: a wall time inside a spring-forward gap maps to the end of the gap, and
 * in a fall-back overlap the earlier occurrence counts (a window 02:00–04:00 on
 * that night is three hours long).
 *
 * Precision is the millisecond; minutes are returned as fractional numbers.
 */
import { civilFromDays, daysFromCivil, isSwedishHoliday, isoWeekdayOfDays } from './swedish-holidays.js';

export interface BusinessCalendarConfig {
  /** 'HH:MM' or 'HH:MM:SS', local time in `timeZone`; 00:00–23:59:59. */
  open: string;
  /** Same format; must be after `open` on the same day. '24:00' (or '24:00:00') means end of day. */
  close: string;
  /** ISO weekdays that are open, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Extra closed local dates, 'YYYY-MM-DD'. */
  closedDates: string[];
  /**
   * true = closed on Swedish named holidays and the eves of lag (1930:173)
   * (see swedish-holidays.ts). Ordinary Sundays follow `days`, so a calendar
   * that lists 7 is open on Sundays but still closed on påskdagen and pingstdagen.
   * false = ignore holidays (tests).
   */
  observeHolidays: boolean;
  /** IANA time zone; default 'Europe/Stockholm'. */
  timeZone?: string;
}

export interface BusinessCalendar {
  /** True when `at` is inside an open window. */
  isBusinessTime(at: Date): boolean;
  /** `at` itself (the same Date object) when open, else the start of the next open window. */
  nextBusinessTime(at: Date): Date;
  /**
   * The earliest instant by which `minutes` business minutes have elapsed from `at`.
   * `minutes` must be finite and >= 0 and may be fractional (rounded to whole
   * milliseconds). 0 returns nextBusinessTime(at). A sum that exactly uses up a
   * window returns that window's closing instant, not the next opening.
   */
  addBusinessMinutes(at: Date, minutes: number): Date;
  /**
   * The latest instant t <= `at` with businessMinutesBetween(t, at) === `minutes`: the mirror of
   * addBusinessMinutes, for a deadline already passed. `minutes` finite and >= 0; 0 returns `at`. A sum
   * that exactly uses up a window returns that window's opening instant, not the previous closing.
   */
  subtractBusinessMinutes(at: Date, minutes: number): Date;
  /** Open minutes in [from, to), fractional when seconds are involved; -businessMinutesBetween(to, from) when to < from. */
  businessMinutesBetween(from: Date, to: Date): number;
  /** End of the open window containing `at`, or of the next one. */
  nextClosingTime(at: Date): Date;
}

export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendarConfig = Object.freeze({
  open: '09:00',
  close: '16:00',
  days: Object.freeze([1, 2, 3, 4, 5]) as number[],
  closedDates: Object.freeze([]) as unknown as string[],
  observeHolidays: true,
  timeZone: 'Europe/Stockholm',
});

const MS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;
/** How far nextBusinessTime & co. look ahead before declaring the calendar never open. */
const MAX_SEARCH_DAYS = 366 * 2;
const WINDOW_CACHE_LIMIT = 4096;
// One formatter per zone: constructing Intl.DateTimeFormat is far costlier than using it.
const zones = new Map<string, Zone>();

interface Window {
  readonly start: number;
  readonly end: number;
}

export function businessCalendar(config: BusinessCalendarConfig): BusinessCalendar {
  const cfg = validateConfig(config);
  const zone = zoneFor(cfg.timeZone);
  // Windows depend only on the config and the date, so caching them is deterministic.
  const windowCache = new Map<number, Window | null>();

  function windowOf(dayNumber: number): Window | null {
    const cached = windowCache.get(dayNumber);
    if (cached !== undefined) return cached;
    let result: Window | null = null;
    if (isOpenDate(dayNumber)) {
      const start = zone.firstInstantAtOrAfter(dayNumber, cfg.openSeconds);
      const end = zone.firstInstantAtOrAfter(dayNumber, cfg.closeSeconds);
      // Empty only if the whole window falls into a DST gap.
      if (end > start) result = { start, end };
    }
    if (windowCache.size >= WINDOW_CACHE_LIMIT) windowCache.clear();
    windowCache.set(dayNumber, result);
    return result;
  }

  function isOpenDate(dayNumber: number): boolean {
    if (!cfg.days.has(isoWeekdayOfDays(dayNumber))) return false;
    if (cfg.closedDates.has(dayNumber)) return false;
    if (cfg.observeHolidays) {
      const { year, month, day } = civilFromDays(dayNumber);
      if (isSwedishHoliday(year, month, day)) return false;
    }
    return true;
  }

  /** The first window that ends after `t`: the one containing `t`, or the next one. */
  function windowEndingAfter(t: number): Window {
    // Start a day early: in exotic zones a window may end after local midnight of the next date.
    const first = zone.localDayNumber(t) - 1;
    for (let d = first; d <= first + MAX_SEARCH_DAYS + 1; d++) {
      const w = windowOf(d);
      if (w && w.end > t) return w;
    }
    throw new Error(`business calendar has no open time within ${MAX_SEARCH_DAYS} days after ${new Date(t).toISOString()}`);
  }

  function isBusinessTime(at: Date): boolean {
    const t = instant(at, 'at');
    const today = zone.localDayNumber(t);
    for (let d = today - 1; d <= today + 1; d++) {
      const w = windowOf(d);
      if (w && w.start <= t && t < w.end) return true;
    }
    return false;
  }

  function nextBusinessTime(at: Date): Date {
    const t = instant(at, 'at');
    const w = windowEndingAfter(t);
    return w.start <= t ? at : new Date(w.start);
  }

  function nextClosingTime(at: Date): Date {
    return new Date(windowEndingAfter(instant(at, 'at')).end);
  }

  function addBusinessMinutes(at: Date, minutes: number): Date {
    const t = instant(at, 'at');
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`addBusinessMinutes: minutes must be a finite number >= 0, got ${String(minutes)}`);
    }
    let remaining = Math.round(minutes * 60_000);
    if (remaining === 0) return nextBusinessTime(at);
    let cursor = t;
    let day = zone.localDayNumber(t) - 1;
    let closedRun = 0;
    for (;;) {
      const w = windowOf(day);
      if (w && w.end > cursor) {
        closedRun = 0;
        const from = Math.max(w.start, cursor);
        const available = w.end - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
        cursor = w.end;
      } else if (++closedRun > MAX_SEARCH_DAYS + 1) {
        throw new Error(`business calendar has no open time within ${MAX_SEARCH_DAYS} days after ${new Date(cursor).toISOString()}`);
      }
      day++;
    }
  }

  function subtractBusinessMinutes(at: Date, minutes: number): Date {
    const t = instant(at, 'at');
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`subtractBusinessMinutes: minutes must be a finite number >= 0, got ${String(minutes)}`);
    }
    let remaining = Math.round(minutes * 60_000);
    if (remaining === 0) return at;
    let cursor = t;
    let day = zone.localDayNumber(t) + 1;
    let closedRun = 0;
    for (;;) {
      const w = windowOf(day);
      if (w && w.start < cursor) {
        closedRun = 0;
        const to = Math.min(w.end, cursor);
        const available = to - w.start;
        if (remaining <= available) return new Date(to - remaining);
        remaining -= available;
        cursor = w.start;
      } else if (++closedRun > MAX_SEARCH_DAYS + 1) {
        throw new Error(`business calendar has no open time within ${MAX_SEARCH_DAYS} days before ${new Date(cursor).toISOString()}`);
      }
      day--;
    }
  }

  function businessMinutesBetween(from: Date, to: Date): number {
    const a = instant(from, 'from');
    const b = instant(to, 'to');
    if (b < a) {
      const reversed = openMillisBetween(b, a);
      return reversed === 0 ? 0 : -reversed / 60_000;
    }
    return openMillisBetween(a, b) / 60_000;
  }

  function openMillisBetween(a: number, b: number): number {
    if (a === b) return 0;
    let total = 0;
    const last = zone.localDayNumber(b) + 1;
    for (let d = zone.localDayNumber(a) - 1; d <= last; d++) {
      const w = windowOf(d);
      if (!w) continue;
      const overlap = Math.min(w.end, b) - Math.max(w.start, a);
      if (overlap > 0) total += overlap;
    }
    return total;
  }

  return { isBusinessTime, nextBusinessTime, addBusinessMinutes, subtractBusinessMinutes, businessMinutesBetween, nextClosingTime };
}

let defaultInstance: BusinessCalendar | undefined;
// Lazy so importing this module costs nothing and never throws.
function defaultCalendar(): BusinessCalendar {
  defaultInstance ??= businessCalendar(DEFAULT_BUSINESS_CALENDAR);
  return defaultInstance;
}

/** Default calendar: Monday–Friday 09:00–16:00 Europe/Stockholm, closed on Swedish holidays. */
export function isBusinessTime(at: Date): boolean {
  return defaultCalendar().isBusinessTime(at);
}

/** Default calendar; returns `at` itself when open. */
export function nextBusinessTime(at: Date): Date {
  return defaultCalendar().nextBusinessTime(at);
}

/** Default calendar; `minutes` finite, >= 0, may be fractional (see BusinessCalendar.addBusinessMinutes). */
export function addBusinessMinutes(at: Date, minutes: number): Date {
  return defaultCalendar().addBusinessMinutes(at, minutes);
}

/** Default calendar; negative when to < from. */
export function businessMinutesBetween(from: Date, to: Date): number {
  return defaultCalendar().businessMinutesBetween(from, to);
}

// ---------------------------------------------------------------------------
// Config validation

interface ValidConfig {
  openSeconds: number;
  closeSeconds: number;
  days: ReadonlySet<number>;
  closedDates: ReadonlySet<number>;
  observeHolidays: boolean;
  timeZone: string;
}

function validateConfig(config: BusinessCalendarConfig): ValidConfig {
  if (typeof config !== 'object' || config === null) {
    throw new Error('business calendar config must be an object');
  }
  const openSeconds = parseTimeOfDay(config.open, 'open', false);
  const closeSeconds = parseTimeOfDay(config.close, 'close', true);
  if (closeSeconds <= openSeconds) {
    throw new Error(`business calendar config: close (${config.close}) must be after open (${config.open}) on the same day`);
  }

  if (!Array.isArray(config.days)) {
    throw new Error('business calendar config: days must be an array of ISO weekdays 1–7');
  }
  for (const d of config.days) {
    if (!Number.isInteger(d) || d < 1 || d > 7) {
      throw new Error(`business calendar config: days must contain ISO weekdays 1 (Monday) … 7 (Sunday), got ${String(d)}`);
    }
  }

  if (!Array.isArray(config.closedDates)) {
    throw new Error("business calendar config: closedDates must be an array of 'YYYY-MM-DD' strings");
  }
  const closedDates = new Set<number>();
  for (const s of config.closedDates) closedDates.add(parseIsoDate(s));

  if (typeof config.observeHolidays !== 'boolean') {
    throw new Error(`business calendar config: observeHolidays must be a boolean, got ${String(config.observeHolidays)}`);
  }

  const timeZone = config.timeZone ?? 'Europe/Stockholm';
  if (typeof timeZone !== 'string' || timeZone === '') {
    throw new Error('business calendar config: timeZone must be a non-empty IANA time zone name');
  }
  try {
    zoneFor(timeZone);
  } catch (cause) {
    throw new Error(`business calendar config: unknown timeZone '${timeZone}'`, { cause });
  }

  return { openSeconds, closeSeconds, days: new Set(config.days), closedDates, observeHolidays: config.observeHolidays, timeZone };
}

function parseTimeOfDay(value: unknown, field: string, allowEndOfDay: boolean): number {
  const match = typeof value === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value) : null;
  if (match) {
    const h = Number(match[1]);
    const m = Number(match[2]);
    const s = match[3] === undefined ? 0 : Number(match[3]);
    if (h < 24 && m < 60 && s < 60) return h * 3600 + m * 60 + s;
    if (allowEndOfDay && h === 24 && m === 0 && s === 0) return SECONDS_PER_DAY;
  }
  throw new Error(
    `business calendar config: ${field} must be 'HH:MM' or 'HH:MM:SS' (00:00–23:59:59${allowEndOfDay ? ', or 24:00' : ''}), got ${JSON.stringify(value)}`,
  );
}

function parseIsoDate(value: unknown): number {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const dayNumber = daysFromCivil(year, month, day);
    const back = civilFromDays(dayNumber);
    if (month >= 1 && month <= 12 && back.year === year && back.month === month && back.day === day) return dayNumber;
  }
  throw new Error(`business calendar config: closedDates entries must be valid dates 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
}

function instant(value: Date, name: string): number {
  // Tag check rather than instanceof: workflow sandboxes may hand us a Date from another realm.
  const t = Object.prototype.toString.call(value) === '[object Date]' ? value.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new TypeError(`${name} must be a valid Date, got ${String(value)}`);
  return t;
}

// ---------------------------------------------------------------------------
// Time-zone arithmetic via Intl only

interface Zone {
  /** Local civil date of an instant, as days since 1970-01-01. */
  localDayNumber(t: number): number;
  /** First instant whose local wall time is at or after (dayNumber, secondsOfDay). */
  firstInstantAtOrAfter(dayNumber: number, secondsOfDay: number): number;
}

function zoneFor(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = makeZone(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

function makeZone(timeZone: string): Zone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  /** Local wall time of `t` (floored to the second), expressed as if it were a UTC timestamp. */
  function wallMillis(t: number): number {
    const seconds = Math.floor(t / 1000) * 1000;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of format.formatToParts(seconds)) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value) % 24; break; // some ICU versions print midnight as 24
        case 'minute': minute = Number(part.value); break;
        case 'second': second = Number(part.value); break;
        default: break;
      }
    }
    return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  }

  const offsetAt = (t: number): number => wallMillis(t) - Math.floor(t / 1000) * 1000;

  function firstInstantAtOrAfter(dayNumber: number, secondsOfDay: number): number {
    const wall = dayNumber * MS_PER_DAY + secondsOfDay * 1000;
    // Offsets on either side of any transition that could affect this wall time.
    const before = offsetAt(wall - MS_PER_DAY);
    const after = offsetAt(wall + MS_PER_DAY);
    let best = Number.POSITIVE_INFINITY;
    for (const offset of before === after ? [before] : [before, after]) {
      const candidate = wall - offset;
      if (offsetAt(candidate) === offset) best = Math.min(best, candidate);
    }
    if (best !== Number.POSITIVE_INFINITY) return best;
    if (after <= before) return wall - before; // not a gap; unreachable for real zone data
    // Wall time inside a spring-forward gap: binary search (whole seconds) for the transition.
    let lo = wall - after; // wall clock still before `wall`
    let hi = wall - before; // wall clock already past `wall`
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (wallMillis(mid) >= wall) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  return {
    localDayNumber: (t) => Math.floor(wallMillis(t) / MS_PER_DAY),
    firstInstantAtOrAfter,
  };
}
