// The service-level clocks against the Swedish business calendar (09:00–16:00 on working days,
// Europe/Stockholm): holidays and their eves, weekends, both daylight-saving changes, pauses, reopening.
import { describe, expect, it } from 'vitest';
import type { ServiceLevelClocks, ServiceLevelTargets } from '../domain/service-levels.js';
import { DEFAULT_BUSINESS_CALENDAR, businessCalendar } from './business-hours.js';
import {
  type ClockEvent,
  clocksAfter,
  clocksFromTimeline,
  elapsedAt,
  nextDueAt,
  nextWarning,
  remainingAt,
  retarget,
  slaState,
  startClocks,
} from './service-level-clocks.js';

const cal = businessCalendar(DEFAULT_BUSINESS_CALENDAR);
const at = (s: string) => new Date(s);
const targets = (firstResponseMinutes: number, resolutionMinutes: number, revision = 1): ServiceLevelTargets => ({
  revision,
  firstResponseMinutes,
  resolutionMinutes,
  reminderAfterDays: 5,
  autoCloseAfterDays: 10,
});
const ev = (action: string, toStatus: ClockEvent['toStatus'], when: string, actorType: ClockEvent['actorType'] = 'staff'): ClockEvent => ({
  action,
  actorType,
  toStatus,
  at: at(when).toISOString(),
});
const step = (c: ServiceLevelClocks, ...events: ClockEvent[]) => events.reduce((acc, e) => clocksAfter(acc, e, cal), c);

describe('due times across the calendar', () => {
  it.each([
    // [what, submitted, first response target, expected due (UTC)]
    ['Easter 2026: långfredagen, the weekend and annandag påsk are skipped', '2026-04-02T15:00:00+02:00', 120, '2026-04-07T08:00:00.000Z'],
    ['midsommarafton 2026 (a Friday) and the weekend after it', '2026-06-18T15:00:00+02:00', 120, '2026-06-22T08:00:00.000Z'],
    ['julafton to trettondedag jul: Dec 23 60, Dec 28–30 3 × 420, Jan 4 60', '2026-12-23T15:00:00+01:00', 1380, '2027-01-04T09:00:00.000Z'],
    ['a plain weekend', '2026-01-16T15:00:00+01:00', 90, '2026-01-19T08:30:00.000Z'],
    ['spring DST: Friday CET to Monday CEST', '2026-03-27T15:30:00+01:00', 60, '2026-03-30T07:30:00.000Z'],
    ['autumn DST: Friday CEST to Monday CET', '2026-10-23T15:00:00+02:00', 120, '2026-10-26T09:00:00.000Z'],
    ['submitted at night: counting starts at the opening', '2026-01-14T22:00:00+01:00', 30, '2026-01-15T08:30:00.000Z'],
    ['a target of whole days ends at the closing time', '2026-01-14T09:00:00+01:00', 840, '2026-01-15T15:00:00.000Z'],
  ])('%s', (_what, submitted, minutes, due) => {
    const c = startClocks(at(submitted), targets(minutes, 5000), cal);
    expect(c.firstResponse.dueAt).toBe(due);
    expect(cal.businessMinutesBetween(at(submitted), at(due))).toBe(minutes);
    expect(c.firstResponse.elapsedMinutes).toBe(0);
  });
});

describe('first response', () => {
  const submitted = '2026-03-27T15:30:00+01:00'; // Friday before the spring DST change

  it('keeps running through taking, notes and customer messages, and stops at the first public reply', () => {
    let c = startClocks(at(submitted), targets(120, 2000), cal);
    c = step(c, ev('take', 'in_progress', '2026-03-27T15:45:00+01:00'), ev('note', 'in_progress', '2026-03-30T09:05:00+02:00'));
    c = step(c, ev('customer_message', 'in_progress', '2026-03-30T09:10:00+02:00', 'customer'));
    expect(c.firstResponse.runningSince).toBe(at(submitted).toISOString());
    c = step(c, ev('reply', 'in_progress', '2026-03-30T09:15:00+02:00'));
    // 30 minutes on Friday, 15 on Monday after the clocks went forward.
    expect(c.firstResponse).toEqual({ elapsedMinutes: 45, runningSince: null, stoppedAt: '2026-03-30T07:15:00.000Z', dueAt: null });
    // Later replies, a reopening: it never runs again.
    c = step(c, ev('close', 'closed', '2026-03-30T10:00:00+02:00'), ev('reopen', 'in_progress', '2026-03-31T10:00:00+02:00'));
    expect(c.firstResponse.elapsedMinutes).toBe(45);
    expect(c.firstResponse.stoppedAt).toBe('2026-03-30T07:15:00.000Z');
    expect(c.firstResponse.dueAt).toBeNull();
  });

  it('a request for more information is a public answer too', () => {
    const c = step(startClocks(at(submitted), targets(120, 2000), cal), ev('request_info', 'awaiting_customer', '2026-03-27T15:50:00+01:00'));
    expect(c.firstResponse.elapsedMinutes).toBe(20);
    expect(c.firstResponse.stoppedAt).not.toBeNull();
  });

  it('closing stops it, also when the customer withdraws', () => {
    const c = step(startClocks(at(submitted), targets(120, 2000), cal), ev('withdraw', 'closed', '2026-03-30T09:30:00+02:00', 'customer'));
    expect(c.firstResponse.elapsedMinutes).toBe(60);
    expect(c.firstResponse.stoppedAt).toBe('2026-03-30T07:30:00.000Z');
  });
});

describe('resolution', () => {
  it('pauses in Väntar på kund over a weekend and resumes where it stopped', () => {
    let c = startClocks(at('2026-01-16T15:00:00+01:00'), targets(60, 420), cal); // Friday
    expect(c.resolution.dueAt).toBe('2026-01-19T14:00:00.000Z'); // 60 Friday + 360 Monday, 15:00 CET
    c = step(c, ev('request_info', 'awaiting_customer', '2026-01-16T15:30:00+01:00'));
    expect(c.resolution).toEqual({ elapsedMinutes: 30, runningSince: null, stoppedAt: null, dueAt: null });
    expect(remainingAt(c.resolution, at('2026-01-19T12:00:00+01:00'), cal)).toBeNull();
    expect(elapsedAt(c.resolution, at('2026-01-19T12:00:00+01:00'), cal)).toBe(30); // paused: Monday does not count
    c = step(c, ev('customer_message', 'in_progress', '2026-01-19T10:00:00+01:00', 'customer'));
    // 390 left from Monday 10:00: 360 on Monday, 30 on Tuesday.
    expect(c.resolution.dueAt).toBe('2026-01-20T08:30:00.000Z');
    expect(remainingAt(c.resolution, at('2026-01-19T15:00:00+01:00'), cal)).toBe(90);
    expect(slaState(c, at('2026-01-19T15:00:00+01:00'), cal)).toBe('running');
  });

  it('stops when closed and resumes, with its minutes, when reopened; closing from a pause keeps the minutes', () => {
    let c = startClocks(at('2026-05-13T15:00:00+02:00'), targets(60, 600), cal); // the day before Kristi himmelsfärd
    c = step(c, ev('close', 'closed', '2026-05-15T10:00:00+02:00')); // 60 + 60
    expect(c.resolution).toEqual({ elapsedMinutes: 120, runningSince: null, stoppedAt: '2026-05-15T08:00:00.000Z', dueAt: null });
    expect(slaState(c, at('2026-05-15T11:00:00+02:00'), cal)).toBe('stopped');
    c = step(c, ev('reopen', 'in_progress', '2026-05-18T09:00:00+02:00'));
    expect(c.resolution.stoppedAt).toBeNull();
    expect(c.resolution.elapsedMinutes).toBe(120);
    expect(c.resolution.dueAt).toBe(cal.addBusinessMinutes(at('2026-05-18T09:00:00+02:00'), 480).toISOString());
    c = step(c, ev('request_info', 'awaiting_customer', '2026-05-18T10:00:00+02:00'), ev('close', 'closed', '2026-05-25T10:00:00+02:00'));
    expect(c.resolution.elapsedMinutes).toBe(180);
    expect(c.resolution.stoppedAt).toBe('2026-05-25T08:00:00.000Z');
  });

  it('once past its target, a resumed clock is due in the past by exactly the minutes over', () => {
    let c = startClocks(at('2026-01-19T09:00:00+01:00'), targets(30, 60), cal); // Monday
    c = step(c, ev('request_info', 'awaiting_customer', '2026-01-19T11:00:00+01:00')); // 120 on the clock
    c = step(c, ev('customer_message', 'in_progress', '2026-01-20T09:30:00+01:00', 'customer'));
    // 60 over: 30 on Tuesday morning and 30 before Monday's closing.
    expect(c.resolution.dueAt).toBe('2026-01-19T14:30:00.000Z');
    expect(remainingAt(c.resolution, at('2026-01-20T10:00:00+01:00'), cal)).toBe(-90);
    expect(elapsedAt(c.resolution, at('2026-01-20T10:00:00+01:00'), cal)).toBe(150);
    expect(slaState(c, at('2026-01-20T10:00:00+01:00'), cal)).toBe('breached');
    // The request answered the customer after 120 minutes, over its 30; only resolution still runs.
    expect(c.firstResponse).toMatchObject({ elapsedMinutes: 120, dueAt: null });
    expect(nextDueAt(c)).toBe(c.resolution.dueAt);
  });
});

describe('changed targets', () => {
  it('move the due times of running clocks and keep the minutes counted', () => {
    let c = startClocks(at('2026-10-22T15:00:00+02:00'), targets(60, 420, 1), cal); // Thursday before autumn DST
    c = step(c, ev('reply', 'in_progress', '2026-10-22T15:30:00+02:00'));
    c = retarget(c, targets(30, 840, 2), cal);
    expect(c.targets.revision).toBe(2);
    expect(c.firstResponse.dueAt).toBeNull(); // answered: nothing to move
    expect(c.resolution.dueAt).toBe(cal.addBusinessMinutes(at('2026-10-22T15:00:00+02:00'), 840).toISOString());
    expect(c.resolution.dueAt).toBe('2026-10-26T14:00:00.000Z'); // 60 Thu, 420 Fri, 360 Mon (CET)
  });

  it('below the minutes already counted, the clock is breached at once', () => {
    let c = startClocks(at('2026-01-19T09:00:00+01:00'), targets(60, 420), cal);
    c = retarget(c, targets(60, 30, 2), cal);
    expect(c.resolution.dueAt).toBe('2026-01-19T08:30:00.000Z');
    expect(remainingAt(c.resolution, at('2026-01-19T10:00:00+01:00'), cal)).toBe(-30);
  });

  it('a paused clock gets its new due time when it resumes', () => {
    let c = startClocks(at('2026-01-19T09:00:00+01:00'), targets(60, 420), cal);
    c = step(c, ev('request_info', 'awaiting_customer', '2026-01-19T10:00:00+01:00'));
    c = retarget(c, targets(60, 120, 2), cal);
    expect(c.resolution.dueAt).toBeNull();
    c = step(c, ev('customer_message', 'in_progress', '2026-01-21T13:00:00+01:00', 'customer'));
    expect(c.resolution.dueAt).toBe('2026-01-21T13:00:00.000Z'); // 60 left
  });
});

it('clocks rebuilt from a timeline equal the clocks kept live', () => {
  const timeline = [
    ev('submit', 'submitted', '2026-12-22T14:00:00+01:00', 'customer'),
    ev('take', 'in_progress', '2026-12-22T15:00:00+01:00'),
    ev('request_info', 'awaiting_customer', '2026-12-23T10:00:00+01:00'),
    ev('customer_message', 'in_progress', '2026-12-28T11:00:00+01:00', 'customer'),
    ev('email_failed', 'in_progress', '2026-12-28T11:01:00+01:00', 'system'),
  ];
  const live = step(startClocks(at(timeline[0]!.at), targets(60, 600), cal), ...timeline.slice(1));
  expect(clocksFromTimeline(timeline, targets(60, 600), cal)).toEqual(live);
  // 120 on the 22nd, 60 on the 23rd; julafton to the 27th closed; resumed on the 28th at 11:00 with 420
  // left: 300 that day, 120 on the 29th.
  expect(live.resolution.elapsedMinutes).toBe(180);
  expect(live.resolution.dueAt).toBe('2026-12-29T10:00:00.000Z');
  expect(live.firstResponse.elapsedMinutes).toBe(180);
  expect(() => clocksFromTimeline([], targets(60, 600), cal)).toThrow(/submission/);
});

it('waiting for the customer with the first response answered is paused; the next due time is the earlier clock', () => {
  let c = startClocks(at('2026-01-19T09:00:00+01:00'), targets(60, 420), cal);
  expect(nextDueAt(c)).toBe(c.firstResponse.dueAt);
  c = step(c, ev('request_info', 'awaiting_customer', '2026-01-19T09:30:00+01:00'));
  expect(nextDueAt(c)).toBeNull();
  expect(slaState(c, at('2026-01-19T09:31:00+01:00'), cal)).toBe('paused');
});

describe('warnings at 80 % and at breach', () => {
  it('comes at 80 % of the business time, then at the breach, across a weekend', () => {
    // Friday 15:00, first response 100 minutes: 60 on Friday, so 80 at Monday 09:20 and 100 at 09:40.
    const c = startClocks(at('2026-01-16T15:00:00+01:00'), targets(100, 2000), cal);
    const now = at('2026-01-16T15:00:00+01:00');
    expect(nextWarning(c, [], now, cal)).toEqual({ clock: 'firstResponse', threshold: 'warning', at: Date.parse('2026-01-19T08:20:00Z') });
    expect(nextWarning(c, ['firstResponse:warning'], now, cal)).toEqual({ clock: 'firstResponse', threshold: 'breach', at: Date.parse('2026-01-19T08:40:00Z') });
    expect(slaState(c, at('2026-01-19T09:19:00+01:00'), cal)).toBe('running');
    expect(slaState(c, at('2026-01-19T09:20:00+01:00'), cal)).toBe('warning');
    expect(slaState(c, at('2026-01-19T09:40:00+01:00'), cal)).toBe('breached');
  });

  it('the earliest of both clocks; none for a paused or stopped clock; none once raised', () => {
    let c = startClocks(at('2026-01-19T09:00:00+01:00'), targets(60, 100), cal);
    const now = at('2026-01-19T09:00:00+01:00');
    expect(nextWarning(c, [], now, cal)).toMatchObject({ clock: 'firstResponse', threshold: 'warning', at: Date.parse('2026-01-19T08:48:00Z') });
    expect(nextWarning(c, ['firstResponse:warning', 'firstResponse:breach'], now, cal)).toMatchObject({ clock: 'resolution', threshold: 'warning' });
    c = step(c, ev('request_info', 'awaiting_customer', '2026-01-19T09:30:00+01:00'));
    expect(nextWarning(c, [], at('2026-01-19T09:30:00+01:00'), cal)).toBeNull();
    c = step(c, ev('customer_message', 'in_progress', '2026-01-19T11:00:00+01:00', 'customer'));
    // 30 on the clock: 80 at 11:50.
    expect(nextWarning(c, [], at('2026-01-19T11:00:00+01:00'), cal)).toMatchObject({ clock: 'resolution', threshold: 'warning', at: Date.parse('2026-01-19T10:50:00Z') });
    expect(nextWarning(c, ['resolution:warning', 'resolution:breach'], at('2026-01-19T11:00:00+01:00'), cal)).toBeNull();
  });

  it('a clock already past its target raises only the breach, due at once', () => {
    let c = startClocks(at('2026-01-19T09:00:00+01:00'), targets(30, 60), cal);
    c = step(c, ev('reply', 'in_progress', '2026-01-19T09:10:00+01:00'), ev('request_info', 'awaiting_customer', '2026-01-19T11:00:00+01:00'));
    c = step(c, ev('customer_message', 'in_progress', '2026-01-20T09:30:00+01:00', 'customer'));
    const due = nextWarning(c, [], at('2026-01-20T09:30:00+01:00'), cal)!;
    expect(due).toMatchObject({ clock: 'resolution', threshold: 'breach' });
    expect(due.at).toBeLessThan(Date.parse('2026-01-20T08:30:00Z'));
    // 80 % reached exactly at Thursday's closing before midsommarafton: raised at the next open minute,
    // Monday 09:00 (the workflow waits for nextBusinessTime of the threshold).
    const mid = startClocks(at('2026-06-18T15:00:00+02:00'), targets(75, 5000), cal);
    const warn = nextWarning(mid, [], at('2026-06-18T15:00:00+02:00'), cal)!;
    expect(new Date(warn.at).toISOString()).toBe('2026-06-18T14:00:00.000Z');
    expect(cal.nextBusinessTime(new Date(warn.at)).toISOString()).toBe('2026-06-22T07:00:00.000Z');
  });
});
