// Service levels per case type: the targets and their defaults, and the Swedish texts for time left in
// business time. Pure and free of zod, so the case workflow and the back office may import it.
import type { CASE_TYPE_LABELS } from './labels.js';

/** The codes of CASE_TYPES (case-types.ts would bring zod and the identity-number packages along). */
type CaseType = keyof typeof CASE_TYPE_LABELS;

/** One case type's targets, as a revision of service_level_targets. */
export interface ServiceLevelTargets {
  /** The row's id in service_level_targets, growing with every change; 0 for the built-in defaults. */
  revision: number;
  /** Business minutes from submission to the first public reply. */
  firstResponseMinutes: number;
  /** Business minutes the case may spend in Inskickat and Under behandling before it is closed. */
  resolutionMinutes: number;
  /** Business days in Väntar på kund before the customer is reminded; 0 = never. */
  reminderAfterDays: number;
  /** Business days in Väntar på kund before the case closes by itself; 0 = never. */
  autoCloseAfterDays: number;
}

/** One clock of a case, in business minutes (workflows/service-level-clocks.ts runs it). Plain JSON. */
export interface Clock {
  /** Business minutes counted in earlier running stretches (before `runningSince`). */
  elapsedMinutes: number;
  /** When the current running stretch began; null while paused or stopped. */
  runningSince: string | null;
  /** When it stopped for good (first response answered, case closed); null while running or paused. */
  stoppedAt: string | null;
  /**
   * When the target is reached if the clock keeps running: null unless running. In the past once
   * breached, placed so that the business minutes from it to now are the minutes over the target.
   */
  dueAt: string | null;
}

/** A case's two clocks and the targets they are measured against. */
export interface ServiceLevelClocks {
  targets: ServiceLevelTargets;
  firstResponse: Clock;
  resolution: Clock;
  /** Orders the clocks' writes to Postgres: a late retry of an older write changes nothing. */
  seq: number;
}

export type ClockName = 'firstResponse' | 'resolution';
/** At 80 % of a target (WARNING_SHARE), and when it has passed. */
export type Threshold = 'warning' | 'breach';
export const WARNING_SHARE = 0.8;
/** A raised warning, as the workflow remembers it and the back office records it: `firstResponse:warning`. */
export const warningKey = (clock: ClockName, threshold: Threshold) => `${clock}:${threshold}`;

/** The resolution of a case that closed by itself after waiting for the customer in vain. */
export const AUTO_CLOSE_RESOLUTION = 'Ärendet avslutades eftersom vi inte fick svar på vår fråga';

/** A standard business day (09:00–16:00) in minutes; targets are entered and shown in these. */
export const BUSINESS_DAY_MINUTES = 7 * 60;

type Targets = Omit<ServiceLevelTargets, 'revision'>;

/**
 * The targets a type has until an administrator changes them (the first migration of
 * service_level_targets seeds the same values). Faults are answered fastest, proposals slowest.
 */
export const DEFAULT_SERVICE_LEVEL_TARGETS: Record<CaseType, Targets> = {
  question: { firstResponseMinutes: 420, resolutionMinutes: 5 * 420, reminderAfterDays: 5, autoCloseAfterDays: 10 },
  fault_report: { firstResponseMinutes: 120, resolutionMinutes: 2 * 420, reminderAfterDays: 3, autoCloseAfterDays: 10 },
  improvement: { firstResponseMinutes: 2 * 420, resolutionMinutes: 20 * 420, reminderAfterDays: 10, autoCloseAfterDays: 20 },
  order: { firstResponseMinutes: 420, resolutionMinutes: 3 * 420, reminderAfterDays: 5, autoCloseAfterDays: 10 },
  siths_order: { firstResponseMinutes: 420, resolutionMinutes: 3 * 420, reminderAfterDays: 5, autoCloseAfterDays: 10 },
  other: { firstResponseMinutes: 420, resolutionMinutes: 5 * 420, reminderAfterDays: 5, autoCloseAfterDays: 10 },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A length of business time in whole units, largest first: "1 dag 3 h", "2 h 15 min", "45 min".
 * Rounded down to the minute; days count `dayMinutes` (a standard business day unless told).
 */
export function formatBusinessDuration(minutes: number, dayMinutes = BUSINESS_DAY_MINUTES): string {
  const whole = Math.floor(Math.max(0, minutes));
  const days = Math.floor(whole / dayMinutes);
  const hours = Math.floor((whole % dayMinutes) / 60);
  const mins = whole % 60;
  if (days > 0) return hours > 0 ? `${plural(days, 'dag', 'dagar')} ${hours} h` : plural(days, 'dag', 'dagar');
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/** "2 h 15 min kvar", or "Försenat 1 dag" once the due time has passed (remaining < 0). */
export function timeLeftText(remainingMinutes: number, dayMinutes = BUSINESS_DAY_MINUTES): string {
  if (remainingMinutes < 0) {
    const late = -remainingMinutes;
    return late < 1 ? 'Försenat mindre än 1 min' : `Försenat ${formatBusinessDuration(late, dayMinutes)}`;
  }
  return remainingMinutes < 1 ? 'Mindre än 1 min kvar' : `${formatBusinessDuration(remainingMinutes, dayMinutes)} kvar`;
}

const CLOCK_TEXTS: Record<ClockName, { name: string; act: string }> = {
  firstResponse: { name: 'tiden till första svar', act: 'Svara kunden' },
  resolution: { name: 'tiden till lösning', act: 'Lös ärendet' },
};

/** What a handler is told, in the back office and by e-mail, when a clock nears or passes its target. No personal data. */
export function warningText(caseNumber: string, clock: ClockName, threshold: Threshold, targetMinutes: number) {
  const { name, act } = CLOCK_TEXTS[clock];
  const target = formatBusinessDuration(targetMinutes);
  return threshold === 'warning'
    ? {
        title: `Ärende ${caseNumber}: ${Math.round(WARNING_SHARE * 100)} % av ${name} har gått`,
        body: `Målet är ${target} i kontorstid. ${act} innan tiden har gått ut.`,
      }
    : {
        title: `Ärende ${caseNumber}: ${name} har passerats`,
        body: `Målet var ${target} i kontorstid. ${act} så snart du kan.`,
      };
}
