// A case waiting for the customer (Väntar på kund): after the type's reminder days the customer is
// reminded once, after its automatic-close days the case closes as the system. Days are business days
// of the case's calendar, counted as business minutes (a standard day of 09:00–16:00 unless the
// workflow is told otherwise), so a reminder is due at the same business minute N days on and never
// falls on a night, a weekend or a holiday. Pure functions of the calendar; the workflow runs them.
import { type ServiceLevelTargets, AUTO_CLOSE_RESOLUTION } from '../domain/service-levels.js';
import { AUTO_CLOSE_EVENT, CUSTOMER_REMINDER_EVENT, type CaseStatus } from '../domain/statuses.js';
import type { BusinessCalendar } from './business-hours.js';
import type { EmailItemRef } from './messages.js';

/** One stretch of waiting for the customer. Plain JSON: it travels through continue-as-new. */
export interface CustomerWait {
  /** When the handler asked (or the waiting was first seen by this code): the days count from here. */
  since: string;
  /** The customer has been reminded in this stretch: never twice. */
  reminded: boolean;
}

/**
 * The wait after a transition: a new one when the case starts waiting or the handler asks again, the
 * same one while it goes on (a note, an assignment), none once it stops waiting (a customer message).
 */
export function waitAfter(wait: CustomerWait | undefined, e: { action: string; from: CaseStatus; to: CaseStatus; at: string }) {
  if (e.to !== 'awaiting_customer') return undefined;
  if (!wait || e.from !== 'awaiting_customer' || e.action === 'request_info') return { since: e.at, reminded: false };
  return wait;
}

interface CustomerStep {
  event: typeof CUSTOMER_REMINDER_EVENT | typeof AUTO_CLOSE_EVENT;
  /** When it is due, ms since the epoch (a business minute). */
  at: number;
}

/** The first open minute once `days` business days have passed since the question (days that end at closing time: the next opening); null for 0. */
const dueAfterDays = (wait: CustomerWait, days: number, dayMinutes: number, cal: BusinessCalendar) =>
  days > 0 ? cal.nextBusinessTime(cal.addBusinessMinutes(new Date(wait.since), days * dayMinutes)).getTime() : null;

/** When the case closes by itself; null for never. */
const closesAt = (wait: CustomerWait, t: ServiceLevelTargets, dayMinutes: number, cal: BusinessCalendar) =>
  dueAfterDays(wait, t.autoCloseAfterDays, dayMinutes, cal);

/**
 * The next step of a wait: the reminder (unless sent, or the case closes no later, or is due to close
 * already: no reminder a moment before the close), else the automatic close; null when neither is set (0 days).
 */
export function nextCustomerStep(
  wait: CustomerWait | undefined,
  t: ServiceLevelTargets,
  dayMinutes: number,
  cal: BusinessCalendar,
  now: Date,
): CustomerStep | null {
  if (!wait) return null;
  const close = closesAt(wait, t, dayMinutes, cal);
  const remind = wait.reminded ? null : dueAfterDays(wait, t.reminderAfterDays, dayMinutes, cal);
  if (remind !== null && (close === null || (remind < close && close > now.getTime()))) return { event: CUSTOMER_REMINDER_EVENT, at: remind };
  return close === null ? null : { event: AUTO_CLOSE_EVENT, at: close };
}

/** What the system records for a step taken at version `version`, and what it tells the customer. */
export function customerStepRecord(
  step: CustomerStep,
  wait: CustomerWait,
  t: ServiceLevelTargets,
  version: number,
  dayMinutes: number,
  cal: BusinessCalendar,
): { toStatus: CaseStatus; resolution?: string; notify: EmailItemRef[] } {
  if (step.event === AUTO_CLOSE_EVENT) {
    return { toStatus: 'closed', resolution: AUTO_CLOSE_RESOLUTION, notify: [{ kind: 'auto_closed', version }] };
  }
  const close = closesAt(wait, t, dayMinutes, cal);
  const reminder: EmailItemRef = { kind: 'reminder', version, ...(close === null ? {} : { closesAt: new Date(close).toISOString() }) };
  return { toStatus: 'awaiting_customer', notify: [reminder] };
}
