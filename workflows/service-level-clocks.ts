// A case's two service-level clocks in business minutes, as pure functions of the business calendar:
// the workflow runs them live, and rebuilds them from a case's timeline when it has none yet.
//
// First response runs from submission until the first public answer from staff (a reply, a request
// for more information, or closing with a resolution); closing stops it in any case, and it never
// restarts. Resolution runs while the case is Inskickat or Under behandling, pauses in Väntar på kund,
// stops when the case is closed and resumes from where it stopped when the case is reopened.
//
// Plain JSON (ISO strings, no Date): the clocks travel through continue-as-new and activities.
import type { CaseStatus } from '../domain/statuses.js';
import {
  type Clock,
  type ClockName,
  type ServiceLevelClocks,
  type ServiceLevelTargets,
  WARNING_SHARE,
  warningKey,
} from '../domain/service-levels.js';
import type { BusinessCalendar } from './business-hours.js';

/** What moved the case: enough of a timeline event to drive the clocks. */
export interface ClockEvent {
  action: string;
  actorType: 'customer' | 'staff' | 'system';
  toStatus: CaseStatus;
  at: string;
}

/** Actions by staff that answer the customer in public. */
const PUBLIC_ANSWERS = new Set(['reply', 'request_info', 'close']);
const RESOLUTION_RUNS: ReadonlySet<CaseStatus> = new Set(['submitted', 'in_progress']);

const isRunning = (c: Clock) => c.runningSince !== null;

/** Business minutes on the clock at `at`. */
export function elapsedAt(clock: Clock, at: Date, cal: BusinessCalendar): number {
  return clock.elapsedMinutes + (clock.runningSince ? Math.max(0, cal.businessMinutesBetween(new Date(clock.runningSince), at)) : 0);
}

/** Business minutes left until the target at `at`; negative once it has passed. Null unless running. */
export function remainingAt(clock: Clock, at: Date, cal: BusinessCalendar): number | null {
  return clock.dueAt === null ? null : cal.businessMinutesBetween(at, new Date(clock.dueAt));
}

function dueOf(clock: Clock, targetMinutes: number, cal: BusinessCalendar): string | null {
  if (!clock.runningSince) return null;
  const since = new Date(clock.runningSince);
  const left = targetMinutes - clock.elapsedMinutes;
  return (left >= 0 ? cal.addBusinessMinutes(since, left) : cal.subtractBusinessMinutes(since, -left)).toISOString();
}

function halt(clock: Clock, at: Date, cal: BusinessCalendar, stopped: boolean): Clock {
  if (!isRunning(clock)) return stopped && !clock.stoppedAt ? { ...clock, stoppedAt: at.toISOString() } : clock;
  return { elapsedMinutes: elapsedAt(clock, at, cal), runningSince: null, stoppedAt: stopped ? at.toISOString() : null, dueAt: null };
}

const run = (clock: Clock, at: Date): Clock => (isRunning(clock) ? clock : { ...clock, runningSince: at.toISOString(), stoppedAt: null });

function withDueTimes(c: Omit<ServiceLevelClocks, 'seq'>, cal: BusinessCalendar) {
  return {
    targets: c.targets,
    firstResponse: { ...c.firstResponse, dueAt: dueOf(c.firstResponse, c.targets.firstResponseMinutes, cal) },
    resolution: { ...c.resolution, dueAt: dueOf(c.resolution, c.targets.resolutionMinutes, cal) },
  };
}

/** Both clocks running from the submission. */
export function startClocks(submittedAt: Date, targets: ServiceLevelTargets, cal: BusinessCalendar): ServiceLevelClocks {
  const running = (): Clock => ({ elapsedMinutes: 0, runningSince: submittedAt.toISOString(), stoppedAt: null, dueAt: null });
  return { ...withDueTimes({ targets, firstResponse: running(), resolution: running() }, cal), seq: 0 };
}

/** The clocks after the case moved at `e.at`; `seq` is left to the writer. */
export function clocksAfter(c: ServiceLevelClocks, e: ClockEvent, cal: BusinessCalendar): ServiceLevelClocks {
  const at = new Date(e.at);
  const answered = (e.actorType === 'staff' && PUBLIC_ANSWERS.has(e.action)) || e.toStatus === 'closed';
  const firstResponse = answered ? halt(c.firstResponse, at, cal, true) : c.firstResponse;
  const resolution =
    RESOLUTION_RUNS.has(e.toStatus) ? run(c.resolution, at) : halt(c.resolution, at, cal, e.toStatus === 'closed');
  return { ...withDueTimes({ targets: c.targets, firstResponse, resolution }, cal), seq: c.seq };
}

/** The same clocks measured against other targets (an administrator changed them). */
export function retarget(c: ServiceLevelClocks, targets: ServiceLevelTargets, cal: BusinessCalendar): ServiceLevelClocks {
  return { ...withDueTimes({ targets, firstResponse: c.firstResponse, resolution: c.resolution }, cal), seq: c.seq };
}

/** Clocks rebuilt from a case's timeline (oldest first, the submission first) for a case that has none. */
export function clocksFromTimeline(events: ClockEvent[], targets: ServiceLevelTargets, cal: BusinessCalendar): ServiceLevelClocks {
  const [submitted, ...rest] = events;
  if (!submitted) throw new Error('a case timeline starts with its submission');
  return rest.reduce((c, e) => clocksAfter(c, e, cal), startClocks(new Date(submitted.at), targets, cal));
}

/** The earliest due time of the running clocks: what the queues sort by. */
export function nextDueAt(c: ServiceLevelClocks): string | null {
  const due = [c.firstResponse.dueAt, c.resolution.dueAt].filter((d): d is string => d !== null);
  if (due.length === 0) return null;
  return due.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

const CLOCKS: readonly ClockName[] = ['firstResponse', 'resolution'];
const targetOf = (c: ServiceLevelClocks, clock: ClockName) =>
  clock === 'firstResponse' ? c.targets.firstResponseMinutes : c.targets.resolutionMinutes;

/** When a running clock reaches `share` of its target (ms; in the past once it has); null unless running. */
function reachedAt(c: ServiceLevelClocks, clock: ClockName, share: number, cal: BusinessCalendar): number | null {
  const { runningSince, elapsedMinutes } = c[clock];
  if (!runningSince) return null;
  const left = share * targetOf(c, clock) - elapsedMinutes;
  const since = new Date(runningSince);
  return (left >= 0 ? cal.addBusinessMinutes(since, left) : cal.subtractBusinessMinutes(since, -left)).getTime();
}

export interface DueWarning {
  clock: ClockName;
  threshold: 'warning' | 'breach';
  /** When the threshold is (or was) reached, ms since the epoch. */
  at: number;
}

/**
 * The next warning not yet raised: the earliest threshold of a running clock. Once a clock's target
 * has passed, its 80 % warning is no news: only the breach is raised (and counts for both).
 */
export function nextWarning(c: ServiceLevelClocks, raised: readonly string[], now: Date, cal: BusinessCalendar): DueWarning | null {
  let next: DueWarning | null = null;
  for (const clock of CLOCKS) {
    if (raised.includes(warningKey(clock, 'breach'))) continue;
    const breachAt = reachedAt(c, clock, 1, cal);
    if (breachAt === null) continue;
    const warn = !raised.includes(warningKey(clock, 'warning')) && breachAt > now.getTime();
    const candidate: DueWarning = warn
      ? { clock, threshold: 'warning', at: reachedAt(c, clock, WARNING_SHARE, cal)! }
      : { clock, threshold: 'breach', at: breachAt };
    if (!next || candidate.at < next.at) next = candidate;
  }
  return next;
}

/** For Temporal UI and visibility queries: plain codes, no personal data. */
export type SlaState = 'running' | 'warning' | 'breached' | 'paused' | 'stopped';

export function slaState(c: ServiceLevelClocks, at: Date, cal: BusinessCalendar): SlaState {
  const running = CLOCKS.filter((clock) => c[clock].runningSince !== null);
  if (running.length === 0) return c.resolution.stoppedAt === null ? 'paused' : 'stopped';
  const passed = (share: number) => running.some((clock) => reachedAt(c, clock, share, cal)! <= at.getTime());
  return passed(1) ? 'breached' : passed(WARNING_SHARE) ? 'warning' : 'running';
}
