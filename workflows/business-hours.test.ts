import { describe, it, expect } from 'vitest';
import Holidays from 'date-holidays';
import {
  DEFAULT_BUSINESS_CALENDAR,
  addBusinessMinutes,
  businessCalendar,
  businessMinutesBetween,
  isBusinessTime,
  nextBusinessTime,
  type BusinessCalendarConfig,
} from './business-hours.js';
import {
  civilFromDays,
  daysFromCivil,
  easterSunday,
  isSwedishClosedDay,
  isSwedishHoliday,
  isoWeekday,
  swedishClosedDays,
  swedishHolidayNames,
  swedishHolidays,
} from './swedish-holidays.js';

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();
const pad = (n: number): string => String(n).padStart(2, '0');
const dateKey = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** Deterministic PRNG (mulberry32) so property tests are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// ---------------------------------------------------------------------------
// Oracle: date-holidays. For SE it returns types public, bank, optional and
// observance. 'public' are the allmänna helgdagar, 'bank' are exactly the three
// eves of lag (1930:173) (midsommarafton, julafton, nyårsafton). 'optional'
// (trettondagsafton, valborgsmässoafton, allhelgonaafton, half days) and
// 'observance' (påskafton, Mors dag, …) are working days.
const ORACLE_FIRST_YEAR = 1990;
const ORACLE_LAST_YEAR = 2100;
let oracleCache: Map<string, Set<string>> | undefined;
function oracle(): Map<string, Set<string>> {
  if (oracleCache) return oracleCache;
  const hd = new Holidays('SE');
  const map = new Map<string, Set<string>>();
  for (let y = ORACLE_FIRST_YEAR; y <= ORACLE_LAST_YEAR; y++) {
    for (const h of hd.getHolidays(y)) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const key = h.date.slice(0, 10);
      const names = map.get(key) ?? new Set<string>();
      names.add(h.name);
      map.set(key, names);
    }
  }
  oracleCache = map;
  return map;
}

// Independent Stockholm wall clock for cross-checks (different locale and code path than the implementation).
const stockholmParts = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});
function naiveIsOpen(d: Date): boolean {
  const p = Object.fromEntries(stockholmParts.formatToParts(d).map((x) => [x.type, x.value]));
  const key = `${p.year}-${p.month}-${p.day}`;
  const [y, m, dd] = key.split('-').map(Number) as [number, number, number];
  const wd = isoWeekday(y, m, dd);
  if (wd > 5) return false;
  if (y >= ORACLE_FIRST_YEAR && y <= ORACLE_LAST_YEAR && oracle().has(key)) return false;
  const hour = Number(p.hour);
  return hour >= 9 && hour < 16;
}

// ---------------------------------------------------------------------------

describe('swedish-holidays', () => {
  it('computes Easter Sunday (Meeus/Jones/Butcher)', () => {
    const known: Array<[number, number, number]> = [
      [1818, 3, 22], // earliest possible
      [1943, 4, 25], // latest possible
      [1990, 4, 15],
      [2000, 4, 23],
      [2008, 3, 23],
      [2011, 4, 24],
      [2024, 3, 31],
      [2025, 4, 20],
      [2026, 4, 5],
      [2038, 4, 25],
      [2285, 3, 22],
    ];
    for (const [y, m, d] of known) expect(easterSunday(y), String(y)).toEqual({ month: m, day: d });
  });

  it('lists the 2026 holidays with Swedish names in date order', () => {
    expect(swedishHolidays(2026).map((h) => `${dateKey(2026, h.month, h.day)} ${h.name}`)).toEqual([
      '2026-01-01 nyårsdagen',
      '2026-01-06 trettondedag jul',
      '2026-04-03 långfredagen',
      '2026-04-05 påskdagen',
      '2026-04-06 annandag påsk',
      '2026-05-01 första maj',
      '2026-05-14 Kristi himmelsfärdsdag',
      '2026-05-24 pingstdagen',
      '2026-06-06 nationaldagen',
      '2026-06-19 midsommarafton',
      '2026-06-20 midsommardagen',
      '2026-10-31 alla helgons dag',
      '2026-12-24 julafton',
      '2026-12-25 juldagen',
      '2026-12-26 annandag jul',
      '2026-12-31 nyårsafton',
    ]);
    const eves = swedishHolidays(2026).filter((h) => h.kind === 'likställd dag').map((h) => h.name);
    expect(eves).toEqual(['midsommarafton', 'julafton', 'nyårsafton']);
  });

  it('swedishClosedDays adds every other Sunday', () => {
    const days = swedishClosedDays(2026);
    // 16 named days + 52 Sundays, two of which (påskdagen, pingstdagen) are named.
    expect(days).toHaveLength(16 + 52 - 2);
    expect(days.filter((d) => d.name === 'söndag')).toHaveLength(50);
    const keys = days.map((d) => daysFromCivil(2026, d.month, d.day));
    expect([...keys].sort((a, b) => a - b)).toEqual(keys);
    for (let d = daysFromCivil(2026, 1, 1); d <= daysFromCivil(2026, 12, 31); d++) {
      const c = civilFromDays(d);
      const listed = days.some((x) => x.month === c.month && x.day === c.day);
      expect(listed).toBe(isSwedishClosedDay(c.year, c.month, c.day));
    }
    expect(isSwedishClosedDay(2026, 3, 29)).toBe(true); // ordinary Sunday
    expect(isSwedishHoliday(2026, 3, 29)).toBe(false);
    expect(isSwedishClosedDay(2026, 3, 30)).toBe(false);
  });

  it('models the 2005 swap of annandag pingst for nationaldagen', () => {
    expect(swedishHolidayNames(2004, 5, 31)).toEqual(['annandag pingst']);
    expect(swedishHolidayNames(2004, 6, 6)).toEqual([]);
    expect(swedishHolidayNames(2005, 5, 16)).toEqual([]);
    expect(swedishHolidayNames(2005, 6, 6)).toEqual(['nationaldagen']);
  });

  it('lists both names when holidays coincide (2008: första maj = Kristi himmelsfärdsdag)', () => {
    expect(swedishHolidayNames(2008, 5, 1)).toEqual(['första maj', 'Kristi himmelsfärdsdag']);
  });

  it('places the moving midsummer and All Saints days in their statutory ranges', () => {
    for (let y = 1900; y <= 2200; y++) {
      const byName = new Map(swedishHolidays(y).map((h) => [h.name, h]));
      const afton = byName.get('midsommarafton')!;
      const dagen = byName.get('midsommardagen')!;
      const allaHelgon = byName.get('alla helgons dag')!;
      expect(afton.month).toBe(6);
      expect(afton.day).toBeGreaterThanOrEqual(19);
      expect(afton.day).toBeLessThanOrEqual(25);
      expect(isoWeekday(y, 6, afton.day)).toBe(5);
      expect(daysFromCivil(y, dagen.month, dagen.day)).toBe(daysFromCivil(y, 6, afton.day) + 1);
      const allaHelgonDays = daysFromCivil(y, allaHelgon.month, allaHelgon.day);
      expect(allaHelgonDays - daysFromCivil(y, 10, 31)).toBeGreaterThanOrEqual(0);
      expect(allaHelgonDays - daysFromCivil(y, 10, 31)).toBeLessThanOrEqual(6);
      expect(isoWeekday(y, allaHelgon.month, allaHelgon.day)).toBe(6);
    }
  });

  it('rejects invalid dates and years outside the Gregorian range', () => {
    expect(() => isSwedishClosedDay(2026, 2, 30)).toThrow(/invalid date/);
    expect(() => isSwedishClosedDay(2026, 13, 1)).toThrow(/invalid date/);
    expect(() => swedishHolidays(1500)).toThrow(/year/);
    expect(() => easterSunday(2026.5)).toThrow(/year/);
  });

  it('day-number helpers round-trip', () => {
    for (let d = -800_000; d <= 3_000_000; d += 997) {
      const c = civilFromDays(d);
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(d);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(isoWeekday(2026, 3, 30)).toBe(1);
  });
});

describe('oracle: date-holidays (SE) 1990–2100', () => {
  // date-holidays marks annandag pingst as 'observance' in every year, but it
  // was an allmän helgdag until 2004 (replaced by nationaldagen by SFS 2004:1320).
  // These dates are the only accepted differences and are asserted exactly.
  const annandagPingstBefore2005 = (): string[] => {
    const out: string[] = [];
    for (let y = ORACLE_FIRST_YEAR; y <= 2004; y++) {
      const e = easterSunday(y);
      const c = civilFromDays(daysFromCivil(y, e.month, e.day) + 50);
      out.push(dateKey(c.year, c.month, c.day));
    }
    return out;
  };

  it('named holidays equal date-holidays public + bank entries, day by day', () => {
    const expected = oracle();
    const mismatches: string[] = [];
    const knownDeviations: string[] = [];
    const first = daysFromCivil(ORACLE_FIRST_YEAR, 1, 1);
    const last = daysFromCivil(ORACLE_LAST_YEAR, 12, 31);
    let holidayDays = 0;
    for (let d = first; d <= last; d++) {
      const { year, month, day } = civilFromDays(d);
      const key = dateKey(year, month, day);
      const mine = [...swedishHolidayNames(year, month, day)].sort();
      const theirs = [...(expected.get(key) ?? [])].sort();
      if (mine.length > 0) holidayDays++;
      if (mine.join('|') === theirs.join('|')) continue;
      if (theirs.length === 0 && mine.join('|') === 'annandag pingst') knownDeviations.push(key);
      else mismatches.push(`${key}: mine=[${mine.join(', ')}] date-holidays=[${theirs.join(', ')}]`);
    }
    if (mismatches.length > 0) console.error(`first mismatches:\n${mismatches.slice(0, 20).join('\n')}`);
    expect(mismatches).toEqual([]);
    expect(knownDeviations).toEqual(annandagPingstBefore2005());
    expect(holidayDays).toBeGreaterThan(111 * 15);
  });

  it('the default calendar is closed all day exactly on weekday holidays', () => {
    const expected = oracle();
    const mismatches: string[] = [];
    const first = daysFromCivil(ORACLE_FIRST_YEAR, 1, 1);
    const last = daysFromCivil(ORACLE_LAST_YEAR, 12, 31);
    const knownDeviations = new Set(annandagPingstBefore2005());
    for (let d = first; d <= last; d++) {
      const { year, month, day } = civilFromDays(d);
      if (isoWeekday(year, month, day) > 5) continue;
      const key = dateKey(year, month, day);
      // 10:30 UTC is 11:30 or 12:30 in Stockholm: always inside 09–16 local.
      const open = isBusinessTime(new Date(Date.UTC(year, month - 1, day, 10, 30)));
      const oracleClosed = expected.has(key) || knownDeviations.has(key);
      if (open === oracleClosed) mismatches.push(`${key}: open=${open}, date-holidays closed=${expected.has(key)}`);
    }
    if (mismatches.length > 0) console.error(`first mismatches:\n${mismatches.slice(0, 20).join('\n')}`);
    expect(mismatches).toEqual([]);
  });
});

describe('default calendar: concrete cases', () => {
  it('julafton 2026 is closed; next opening is Monday 28 December 09:00', () => {
    expect(isBusinessTime(at('2026-12-24T10:00:00+01:00'))).toBe(false);
    expect(iso(nextBusinessTime(at('2026-12-24T10:00:00+01:00')))).toBe('2026-12-28T08:00:00.000Z');
    expect(isBusinessTime(at('2026-12-23T15:59:59+01:00'))).toBe(true);
  });

  it('midsommarafton 2026 (Fri 19 June) → Mon 22 June 09:00 CEST', () => {
    expect(isBusinessTime(at('2026-06-19T10:00:00+02:00'))).toBe(false);
    expect(iso(nextBusinessTime(at('2026-06-19T10:00:00+02:00')))).toBe('2026-06-22T07:00:00.000Z');
    expect(iso(nextBusinessTime(at('2026-06-18T16:00:00+02:00')))).toBe('2026-06-22T07:00:00.000Z');
  });

  it('nyårsafton and nyårsdagen 2026/27 are closed, as is trettondedag jul', () => {
    expect(isBusinessTime(at('2026-12-31T10:00:00+01:00'))).toBe(false);
    expect(iso(nextBusinessTime(at('2026-12-31T10:00:00+01:00')))).toBe('2027-01-04T08:00:00.000Z');
    expect(isBusinessTime(at('2027-01-06T10:00:00+01:00'))).toBe(false);
    // Dec 23: 60, Dec 28–30: 3 × 420, Jan 4: 60.
    expect(businessMinutesBetween(at('2026-12-23T15:00:00+01:00'), at('2027-01-04T10:00:00+01:00'))).toBe(1380);
  });

  it('Easter 2026: långfredagen and annandag påsk are closed', () => {
    expect(isBusinessTime(at('2026-04-03T10:00:00+02:00'))).toBe(false);
    expect(isBusinessTime(at('2026-04-06T10:00:00+02:00'))).toBe(false);
    expect(isBusinessTime(at('2026-04-02T10:00:00+02:00'))).toBe(true);
    expect(iso(nextBusinessTime(at('2026-04-03T10:00:00+02:00')))).toBe('2026-04-07T07:00:00.000Z');
  });

  it.each([
    ['winter (UTC+1)', '2026-01-14', '+01:00'],
    ['summer (UTC+2)', '2026-07-15', '+02:00'],
  ])('opening boundaries in %s', (_label, day, offset) => {
    expect(isBusinessTime(at(`${day}T08:59:59${offset}`))).toBe(false);
    expect(isBusinessTime(at(`${day}T08:59:59.999${offset}`))).toBe(false);
    expect(isBusinessTime(at(`${day}T09:00:00${offset}`))).toBe(true);
    expect(isBusinessTime(at(`${day}T15:59:59${offset}`))).toBe(true);
    expect(isBusinessTime(at(`${day}T15:59:59.999${offset}`))).toBe(true);
    expect(isBusinessTime(at(`${day}T16:00:00${offset}`))).toBe(false);
    expect(iso(nextBusinessTime(at(`${day}T08:59:59${offset}`)))).toBe(iso(at(`${day}T09:00:00${offset}`)));
    expect(businessMinutesBetween(at(`${day}T00:00:00${offset}`), at(`${day}T23:59:59${offset}`))).toBe(420);
  });

  it('nextBusinessTime returns the same Date when open', () => {
    const open = at('2026-01-14T10:00:00+01:00');
    expect(nextBusinessTime(open)).toBe(open);
    expect(addBusinessMinutes(open, 0)).toBe(open);
  });

  it('DST spring weekend 2026-03-29', () => {
    expect(isBusinessTime(at('2026-03-27T15:59:59+01:00'))).toBe(true);
    expect(isBusinessTime(at('2026-03-27T16:00:00+01:00'))).toBe(false);
    expect(isBusinessTime(at('2026-03-29T01:30:00Z'))).toBe(false);
    expect(iso(nextBusinessTime(at('2026-03-27T16:00:00+01:00')))).toBe('2026-03-30T07:00:00.000Z');
    expect(isBusinessTime(at('2026-03-30T06:59:59Z'))).toBe(false);
    expect(isBusinessTime(at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(businessMinutesBetween(at('2026-03-27T15:00:00+01:00'), at('2026-03-30T10:00:00+02:00'))).toBe(120);
    expect(iso(addBusinessMinutes(at('2026-03-27T15:30:00+01:00'), 60))).toBe('2026-03-30T07:30:00.000Z');
    expect(businessMinutesBetween(at('2026-03-23T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(2100);
  });

  it('DST autumn weekend 2026-10-25', () => {
    expect(isBusinessTime(at('2026-10-23T15:59:59+02:00'))).toBe(true);
    expect(isBusinessTime(at('2026-10-23T16:00:00+02:00'))).toBe(false);
    expect(isBusinessTime(at('2026-10-25T01:30:00Z'))).toBe(false);
    expect(iso(nextBusinessTime(at('2026-10-23T16:00:00+02:00')))).toBe('2026-10-26T08:00:00.000Z');
    expect(isBusinessTime(at('2026-10-26T07:59:59Z'))).toBe(false);
    expect(isBusinessTime(at('2026-10-26T08:00:00Z'))).toBe(true);
    expect(businessMinutesBetween(at('2026-10-23T15:00:00+02:00'), at('2026-10-26T10:00:00+01:00'))).toBe(120);
    expect(iso(addBusinessMinutes(at('2026-10-23T15:30:00+02:00'), 60))).toBe('2026-10-26T08:30:00.000Z');
  });

  it('addBusinessMinutes spans weekends and holidays', () => {
    // Thu before Easter: 60 min, then långfredagen, weekend, annandag påsk, then Tue 09:00 + 60.
    expect(iso(addBusinessMinutes(at('2026-04-02T15:00:00+02:00'), 120))).toBe('2026-04-07T08:00:00.000Z');
    // Over Kristi himmelsfärdsdag (Thu 14 May 2026).
    expect(iso(addBusinessMinutes(at('2026-05-13T15:30:00+02:00'), 60))).toBe('2026-05-15T07:30:00.000Z');
    // Fri 15:00 + 90 over a plain weekend.
    expect(iso(addBusinessMinutes(at('2026-01-16T15:00:00+01:00'), 90))).toBe('2026-01-19T08:30:00.000Z');
    // From a closed instant, counting starts at the next opening.
    expect(iso(addBusinessMinutes(at('2026-01-17T12:00:00+01:00'), 30))).toBe('2026-01-19T08:30:00.000Z');
    // Exactly using up a day ends at closing time.
    expect(iso(addBusinessMinutes(at('2026-01-14T09:00:00+01:00'), 420))).toBe('2026-01-14T15:00:00.000Z');
    expect(iso(addBusinessMinutes(at('2026-01-14T09:00:00+01:00'), 421))).toBe('2026-01-15T08:01:00.000Z');
    // Fractional minutes (seconds).
    expect(iso(addBusinessMinutes(at('2026-01-14T15:59:30+01:00'), 1))).toBe('2026-01-15T08:00:30.000Z');
  });

  it('businessMinutesBetween across days, reversed, and with seconds', () => {
    expect(businessMinutesBetween(at('2026-01-16T15:00:00+01:00'), at('2026-01-19T10:00:00+01:00'))).toBe(120);
    expect(businessMinutesBetween(at('2026-01-19T10:00:00+01:00'), at('2026-01-16T15:00:00+01:00'))).toBe(-120);
    expect(Object.is(businessMinutesBetween(at('2026-01-18T10:00:00+01:00'), at('2026-01-17T10:00:00+01:00')), 0)).toBe(true);
    expect(businessMinutesBetween(at('2026-01-14T10:00:00+01:00'), at('2026-01-14T10:00:00+01:00'))).toBe(0);
    expect(businessMinutesBetween(at('2026-01-14T10:00:00+01:00'), at('2026-01-14T10:00:30+01:00'))).toBe(0.5);
    // 2026: 261 weekdays minus 10 weekday holidays/eves (1/1, 6/1, 3/4, 6/4, 1/5, 14/5, 19/6, 24/12, 25/12, 31/12).
    expect(businessMinutesBetween(at('2026-01-01T00:00:00+01:00'), at('2027-01-01T00:00:00+01:00'))).toBe(251 * 420);
  });

  it('validates arguments', () => {
    expect(() => addBusinessMinutes(at('2026-01-14T10:00:00+01:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at('2026-01-14T10:00:00+01:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at('2026-01-14T10:00:00+01:00'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => isBusinessTime(new Date(Number.NaN))).toThrow(TypeError);
    expect(() => nextBusinessTime('2026-01-14' as unknown as Date)).toThrow(TypeError);
  });
});

describe('default calendar: properties (seeded)', () => {
  const rand = mulberry32(20_260_101);
  const from = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2031, 0, 1) - from;
  const randomInstant = (): Date => new Date(from + Math.floor(rand() * span));

  it('round trip: businessMinutesBetween(a, addBusinessMinutes(a, m)) === m', () => {
    for (let i = 0; i < 3000; i++) {
      const a = randomInstant();
      const kind = i % 4;
      // Whole minutes, whole seconds, quarter minutes, and long spans over many weeks.
      const m =
        kind === 0 ? Math.floor(rand() * 3000)
        : kind === 1 ? Math.floor(rand() * 60 * 2000) / 60
        : kind === 2 ? Math.floor(rand() * 4 * 500) / 4
        : Math.floor(rand() * 100_000);
      const r = addBusinessMinutes(a, m);
      expect(businessMinutesBetween(a, r), `${iso(a)} + ${m}`).toBe(m);
      expect(businessMinutesBetween(r, a)).toBe(m === 0 ? 0 : -m);
      expect(r.getTime()).toBeGreaterThanOrEqual(a.getTime());
      if (m > 0) {
        // Earliest such instant: one millisecond earlier is not enough.
        expect(businessMinutesBetween(a, new Date(r.getTime() - 1))).toBeLessThan(m);
        expect(addBusinessMinutes(a, m + 1).getTime()).toBeGreaterThan(r.getTime());
      }
    }
  });

  it('isBusinessTime and nextBusinessTime agree with an independent Intl + date-holidays check', () => {
    for (let i = 0; i < 3000; i++) {
      const a = new Date(Math.floor(randomInstant().getTime() / 1000) * 1000);
      expect(isBusinessTime(a), iso(a)).toBe(naiveIsOpen(a));
      const next = nextBusinessTime(a);
      expect(naiveIsOpen(next), iso(next)).toBe(true);
      expect(businessMinutesBetween(a, next)).toBe(0);
      if (next !== a) {
        expect(next.getTime()).toBeGreaterThan(a.getTime());
        expect(naiveIsOpen(new Date(next.getTime() - 1000))).toBe(false);
        expect(isBusinessTime(a)).toBe(false);
      }
      expect(addBusinessMinutes(a, 0).getTime()).toBe(next.getTime());
    }
  });
});

describe('configurable calendar', () => {
  const allWeek: BusinessCalendarConfig = {
    ...DEFAULT_BUSINESS_CALENDAR,
    days: [1, 2, 3, 4, 5, 6, 7],
    observeHolidays: false,
  };

  it('DEFAULT_BUSINESS_CALENDAR is the documented default and frozen', () => {
    expect(DEFAULT_BUSINESS_CALENDAR).toEqual({
      open: '09:00',
      close: '16:00',
      days: [1, 2, 3, 4, 5],
      closedDates: [],
      observeHolidays: true,
      timeZone: 'Europe/Stockholm',
    });
    expect(Object.isFrozen(DEFAULT_BUSINESS_CALENDAR)).toBe(true);
    expect(Object.isFrozen(DEFAULT_BUSINESS_CALENDAR.days)).toBe(true);
  });

  it('extra closedDates', () => {
    const cal = businessCalendar({ ...DEFAULT_BUSINESS_CALENDAR, closedDates: ['2026-03-18', '2026-03-19'] });
    expect(isBusinessTime(at('2026-03-18T10:00:00+01:00'))).toBe(true);
    expect(cal.isBusinessTime(at('2026-03-18T10:00:00+01:00'))).toBe(false);
    expect(iso(cal.nextBusinessTime(at('2026-03-17T16:00:00+01:00')))).toBe('2026-03-20T08:00:00.000Z');
    expect(cal.businessMinutesBetween(at('2026-03-16T00:00:00+01:00'), at('2026-03-21T00:00:00+01:00'))).toBe(3 * 420);
  });

  it('all days open, holidays ignored', () => {
    const cal = businessCalendar(allWeek);
    expect(cal.isBusinessTime(at('2026-12-24T10:00:00+01:00'))).toBe(true);
    expect(cal.isBusinessTime(at('2026-03-29T10:00:00+02:00'))).toBe(true);
    expect(cal.businessMinutesBetween(at('2026-03-27T09:00:00+01:00'), at('2026-03-30T09:00:00+02:00'))).toBe(3 * 420);
    expect(iso(cal.nextClosingTime(at('2026-03-28T20:00:00+01:00')))).toBe('2026-03-29T14:00:00.000Z');
  });

  it('with observeHolidays, Sundays follow days but named holidays stay closed', () => {
    const cal = businessCalendar({ ...allWeek, observeHolidays: true });
    expect(cal.isBusinessTime(at('2026-03-29T10:00:00+02:00'))).toBe(true);
    expect(cal.isBusinessTime(at('2026-04-05T10:00:00+02:00'))).toBe(false); // påskdagen
    expect(cal.isBusinessTime(at('2026-06-20T10:00:00+02:00'))).toBe(false); // midsommardagen
    expect(cal.isBusinessTime(at('2026-06-13T10:00:00+02:00'))).toBe(true); // ordinary Saturday
  });

  it('second precision: open 10:00:30, close 10:01:00', () => {
    const cal = businessCalendar({ ...allWeek, open: '10:00:30', close: '10:01:00' });
    expect(cal.isBusinessTime(at('2026-02-02T10:00:29+01:00'))).toBe(false);
    expect(cal.isBusinessTime(at('2026-02-02T10:00:29.999+01:00'))).toBe(false);
    expect(cal.isBusinessTime(at('2026-02-02T10:00:30+01:00'))).toBe(true);
    expect(cal.isBusinessTime(at('2026-02-02T10:00:59.999+01:00'))).toBe(true);
    expect(cal.isBusinessTime(at('2026-02-02T10:01:00+01:00'))).toBe(false);
    expect(iso(cal.nextBusinessTime(at('2026-02-02T10:00:00+01:00')))).toBe('2026-02-02T09:00:30.000Z');
    expect(iso(cal.nextBusinessTime(at('2026-02-02T10:01:00+01:00')))).toBe('2026-02-03T09:00:30.000Z');
    expect(iso(cal.nextClosingTime(at('2026-02-02T10:00:40+01:00')))).toBe('2026-02-02T09:01:00.000Z');
    expect(iso(cal.nextClosingTime(at('2026-02-02T10:01:00+01:00')))).toBe('2026-02-03T09:01:00.000Z');
    expect(iso(cal.addBusinessMinutes(at('2026-02-02T10:00:00+01:00'), 0.25))).toBe('2026-02-02T09:00:45.000Z');
    expect(iso(cal.addBusinessMinutes(at('2026-02-02T10:00:45+01:00'), 0.5))).toBe('2026-02-03T09:00:45.000Z');
    expect(cal.businessMinutesBetween(at('2026-02-02T10:00:00+01:00'), at('2026-02-03T10:00:40+01:00'))).toBe(0.5 + 10 / 60);
    // Summer time: same local times, one hour earlier in UTC.
    expect(cal.isBusinessTime(at('2026-07-01T08:00:30Z'))).toBe(true);
  });

  it('00:00–24:00 every day counts 23 and 25 hour DST days', () => {
    const cal = businessCalendar({ ...allWeek, open: '00:00', close: '24:00' });
    expect(cal.isBusinessTime(at('2026-03-29T02:30:00+02:00'))).toBe(true);
    expect(cal.businessMinutesBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(23 * 60);
    expect(cal.businessMinutesBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(25 * 60);
    expect(iso(cal.addBusinessMinutes(at('2026-03-29T00:00:00+01:00'), 23 * 60))).toBe('2026-03-29T22:00:00.000Z');
  });

  it('windows inside DST transitions: a gap shortens, an overlap lengthens', () => {
    const cal = businessCalendar({ ...allWeek, open: '02:30', close: '03:30' });
    const minutesOn = (day: string): number => cal.businessMinutesBetween(at(`${day}T00:00:00Z`), at(`${day}T23:00:00Z`));
    expect(minutesOn('2026-03-28')).toBe(60);
    expect(minutesOn('2026-03-29')).toBe(30); // 02:30 does not exist: opens at 03:00 CEST
    expect(iso(cal.nextBusinessTime(at('2026-03-29T00:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(minutesOn('2026-10-25')).toBe(120); // from the first 02:30 (CEST) to 03:30 CET
    expect(iso(cal.nextBusinessTime(at('2026-10-25T00:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('other time zones', () => {
    const cal = businessCalendar({ ...DEFAULT_BUSINESS_CALENDAR, open: '09:00', close: '17:00', observeHolidays: false, timeZone: 'America/New_York' });
    expect(iso(cal.nextBusinessTime(at('2026-03-07T12:00:00Z')))).toBe('2026-03-09T13:00:00.000Z'); // EDT from 8 March
    expect(iso(cal.nextBusinessTime(at('2026-03-06T23:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    expect(cal.isBusinessTime(at('2026-03-06T14:00:00Z'))).toBe(true); // 09:00 EST
  });

  it('never-open calendars fail fast instead of looping', () => {
    const cal = businessCalendar({ ...DEFAULT_BUSINESS_CALENDAR, days: [] });
    expect(cal.isBusinessTime(at('2026-01-14T10:00:00+01:00'))).toBe(false);
    expect(cal.businessMinutesBetween(at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(0);
    expect(() => cal.nextBusinessTime(at('2026-01-14T10:00:00+01:00'))).toThrow(/no open time within 732 days/);
    expect(() => cal.nextClosingTime(at('2026-01-14T10:00:00+01:00'))).toThrow(/no open time/);
    expect(() => cal.addBusinessMinutes(at('2026-01-14T10:00:00+01:00'), 5)).toThrow(/no open time/);
  });

  it.each<[string, Partial<Record<keyof BusinessCalendarConfig, unknown>>, RegExp]>([
    ['open without leading zero', { open: '9:00' }, /open must be 'HH:MM'/],
    ['hour 25', { open: '25:00' }, /open/],
    ['minute 60', { close: '10:60' }, /close/],
    ['seconds 60', { open: '09:00:60' }, /open/],
    ['open 24:00', { open: '24:00', close: '24:00' }, /open/],
    ['close 24:01', { close: '24:01' }, /close/],
    ['close before open', { open: '16:00', close: '09:00' }, /close .* must be after open/],
    ['close equal to open', { open: '09:00', close: '09:00:00' }, /must be after open/],
    ['weekday 0', { days: [0, 1] }, /days/],
    ['weekday 8', { days: [8] }, /days/],
    ['fractional weekday', { days: [1.5] }, /days/],
    ['days not an array', { days: '1-5' }, /days/],
    ['impossible closed date', { closedDates: ['2026-02-30'] }, /closedDates/],
    ['closed date with slashes', { closedDates: ['2026/01/01'] }, /closedDates/],
    ['observeHolidays not boolean', { observeHolidays: 'yes' }, /observeHolidays/],
    ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, /timeZone/],
    ['open missing', { open: undefined }, /open/],
  ])('malformed config throws: %s', (_label, patch, message) => {
    const config = { ...DEFAULT_BUSINESS_CALENDAR, ...patch } as BusinessCalendarConfig;
    expect(() => businessCalendar(config)).toThrow(message);
  });
});

describe('subtractBusinessMinutes (deadlines already passed)', () => {
  const cal = businessCalendar(DEFAULT_BUSINESS_CALENDAR);

  it('mirrors addBusinessMinutes across weekends, holidays and both DST changes', () => {
    // Tuesday after Easter 10:00 back 120: 60 that morning, then annandag påsk, the weekend and
    // långfredagen are skipped: 60 before Thursday's closing.
    expect(iso(cal.subtractBusinessMinutes(at('2026-04-07T10:00:00+02:00'), 120))).toBe('2026-04-02T13:00:00.000Z');
    expect(iso(cal.subtractBusinessMinutes(at('2026-03-30T09:30:00+02:00'), 60))).toBe('2026-03-27T14:30:00.000Z'); // spring
    expect(iso(cal.subtractBusinessMinutes(at('2026-10-26T09:30:00+01:00'), 60))).toBe('2026-10-23T13:30:00.000Z'); // autumn
    expect(iso(cal.subtractBusinessMinutes(at('2027-01-04T10:00:00+01:00'), 1380))).toBe('2026-12-23T14:00:00.000Z'); // jul
    // From a closed instant, counting starts at the last closing.
    expect(iso(cal.subtractBusinessMinutes(at('2026-01-17T12:00:00+01:00'), 30))).toBe('2026-01-16T14:30:00.000Z');
    // Exactly a window: its opening, not the closing before it.
    expect(iso(cal.subtractBusinessMinutes(at('2026-01-14T16:00:00+01:00'), 420))).toBe('2026-01-14T08:00:00.000Z');
    const open = at('2026-01-14T10:00:00+01:00');
    expect(cal.subtractBusinessMinutes(open, 0)).toBe(open);
    expect(() => cal.subtractBusinessMinutes(open, -1)).toThrow(RangeError);
    expect(() => businessCalendar({ ...DEFAULT_BUSINESS_CALENDAR, days: [] }).subtractBusinessMinutes(open, 5)).toThrow(/no open time/);
  });

  it('round trip: businessMinutesBetween(subtractBusinessMinutes(a, m), a) === m, and it is the latest such instant', () => {
    const rand = mulberry32(20_261_127);
    const from = Date.UTC(2024, 0, 1);
    const span = Date.UTC(2031, 0, 1) - from;
    for (let i = 0; i < 2000; i++) {
      const a = new Date(from + Math.floor(rand() * span));
      const m = i % 2 === 0 ? Math.floor(rand() * 3000) : Math.floor(rand() * 60 * 2000) / 60;
      const r = cal.subtractBusinessMinutes(a, m);
      expect(businessMinutesBetween(r, a), `${iso(a)} - ${m}`).toBe(m);
      expect(r.getTime()).toBeLessThanOrEqual(a.getTime());
      if (m > 0) expect(businessMinutesBetween(new Date(r.getTime() + 1), a)).toBeLessThan(m);
    }
  });
});
