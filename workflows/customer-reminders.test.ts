// Reminder and automatic-close times against the Swedish business calendar (09:00–16:00 on working
// days, Europe/Stockholm): weekends and holidays do not count, nothing falls outside open hours, and a
// wait starts over when the handler asks again.
import { describe, expect, it } from 'vitest';
import { BUSINESS_DAY_MINUTES, type ServiceLevelTargets } from '../domain/service-levels.js';
import { DEFAULT_BUSINESS_CALENDAR, businessCalendar } from './business-hours.js';
import { customerStepRecord, nextCustomerStep, waitAfter } from './customer-reminders.js';

const cal = businessCalendar(DEFAULT_BUSINESS_CALENDAR);
const targets = (reminderAfterDays: number, autoCloseAfterDays: number): ServiceLevelTargets => ({
  revision: 1,
  firstResponseMinutes: 420,
  resolutionMinutes: 2100,
  reminderAfterDays,
  autoCloseAfterDays,
});
const iso = (ms: number) => new Date(ms).toISOString();
const asked = (at: string) => ({ since: new Date(at).toISOString(), reminded: false });
const step = (wait: ReturnType<typeof asked>, t: ServiceLevelTargets, now = wait.since) => nextCustomerStep(wait, t, BUSINESS_DAY_MINUTES, cal, new Date(now));

describe('when the customer is reminded and the case closes', () => {
  it('counts business days: asked on a Friday afternoon, reminded the Tuesday after at the same minute', () => {
    // Fri 2026-11-20 15:00 Stockholm (UTC+1); two business days on is Tue 2026-11-24 15:00.
    const s = step(asked('2026-11-20T14:00:00Z'), targets(2, 4));
    expect(s).toMatchObject({ event: 'customer_reminder' });
    expect(iso(s!.at)).toBe('2026-11-24T14:00:00.000Z');
  });

  it('skips holidays: asked on the day before Christmas Eve, reminded after the Christmas days', () => {
    // Wed 2026-12-23 10:00; julafton, juldagen, annandag jul and the weekend are closed: Mon 12-28 10:00.
    const s = step(asked('2026-12-23T09:00:00Z'), targets(1, 3));
    expect(iso(s!.at)).toBe('2026-12-28T09:00:00.000Z');
  });

  it('asked at night, the days count from the opening', () => {
    const s = step(asked('2026-11-24T21:30:00Z'), targets(1, 2));
    expect(iso(s!.at)).toBe('2026-11-26T08:00:00.000Z'); // Wed 09:00 + one business day = Thu 09:00
    expect(cal.isBusinessTime(new Date(s!.at))).toBe(true);
  });

  it('the close is held to the next opening when its days end at closing time', () => {
    // Asked at 09:00 on Monday: two business days end at Tuesday 16:00, when the office closes.
    const wait = asked('2026-11-23T08:00:00Z');
    const s = step({ ...wait, reminded: true }, targets(1, 2));
    expect(s).toMatchObject({ event: 'auto_close' });
    expect(iso(s!.at)).toBe('2026-11-25T08:00:00.000Z');
  });

  it('after the reminder comes the close; 0 days means never', () => {
    const wait = asked('2026-11-23T09:00:00Z');
    expect(step({ ...wait, reminded: true }, targets(1, 3))).toMatchObject({ event: 'auto_close' });
    expect(step(wait, targets(0, 3))).toMatchObject({ event: 'auto_close' });
    expect(step(wait, targets(2, 0))).toMatchObject({ event: 'customer_reminder' });
    expect(step({ ...wait, reminded: true }, targets(2, 0))).toBeNull();
    expect(step(wait, targets(0, 0))).toBeNull();
    expect(nextCustomerStep(undefined, targets(1, 2), BUSINESS_DAY_MINUTES, cal, new Date())).toBeNull();
  });

  it('no reminder when the close is no later, or already due (a case found waiting too long closes without one)', () => {
    const wait = asked('2026-11-23T09:00:00Z');
    expect(step(wait, targets(3, 3))).toMatchObject({ event: 'auto_close' });
    expect(step(wait, targets(1, 2), '2026-12-01T09:00:00Z')).toMatchObject({ event: 'auto_close' });
  });

  it('the reminder tells when the case closes; the close carries the resolution', () => {
    const wait = asked('2026-11-23T09:00:00Z');
    const t = targets(1, 2);
    const reminder = customerStepRecord(step(wait, t)!, wait, t, 7, BUSINESS_DAY_MINUTES, cal);
    expect(reminder).toEqual({ toStatus: 'awaiting_customer', notify: [{ kind: 'reminder', version: 7, closesAt: '2026-11-25T09:00:00.000Z' }] });
    const close = customerStepRecord(step({ ...wait, reminded: true }, t)!, wait, t, 8, BUSINESS_DAY_MINUTES, cal);
    expect(close).toEqual({ toStatus: 'closed', resolution: 'Ärendet avslutades eftersom vi inte fick svar på vår fråga', notify: [{ kind: 'auto_closed', version: 8 }] });
  });
});

describe('the wait', () => {
  const first = { since: '2026-11-23T09:00:00.000Z', reminded: true };
  const move = (action: string, from: string, to: string) => ({ action, from, to, at: '2026-11-24T10:00:00.000Z' }) as Parameters<typeof waitAfter>[1];

  it('starts when the case starts waiting, and over when the handler asks again', () => {
    expect(waitAfter(undefined, move('request_info', 'in_progress', 'awaiting_customer'))).toEqual({ since: '2026-11-24T10:00:00.000Z', reminded: false });
    expect(waitAfter(first, move('request_info', 'awaiting_customer', 'awaiting_customer'))).toEqual({ since: '2026-11-24T10:00:00.000Z', reminded: false });
  });

  it('goes on through a note or an assignment, and ends with a customer message or closing', () => {
    expect(waitAfter(first, move('note', 'awaiting_customer', 'awaiting_customer'))).toBe(first);
    expect(waitAfter(first, move('assign', 'awaiting_customer', 'awaiting_customer'))).toBe(first);
    expect(waitAfter(first, move('customer_message', 'awaiting_customer', 'in_progress'))).toBeUndefined();
    expect(waitAfter(first, move('close', 'awaiting_customer', 'closed'))).toBeUndefined();
  });
});
