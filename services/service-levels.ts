// Service levels: each case type's targets (administrators change them, every change kept), their
// rollout to the open cases' workflows, and a case's clocks as the back office shows them.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { currentTargets, insertTargets, latestTargets, targetHistory } from '../db/service-levels.js';
import { CASE_TYPES, CASE_TYPE_LABELS, type CaseType } from '../domain/index.js';
import {
  BUSINESS_DAY_MINUTES,
  type Clock,
  DEFAULT_SERVICE_LEVEL_TARGETS,
  type ServiceLevelTargets,
  formatBusinessDuration,
  timeLeftText,
} from '../domain/service-levels.js';
import { type BusinessCalendarConfig, businessCalendar } from '../workflows/business-hours.js';
import { serviceLevelTargetsSignal } from '../workflows/messages.js';
import { elapsedAt, remainingAt } from '../workflows/service-level-clocks.js';
import type { ServiceDeps } from './deps.js';
import { notFound } from './errors.js';
import type { Staff } from './principal.js';

export type TargetValues = Omit<ServiceLevelTargets, 'revision'>;

// --- targets ------------------------------------------------------------------------------------------

const typeRecord = (caseType: CaseType, r: { id: number; createdAt: Date | null; changedByName: string | null } & TargetValues) => ({
  caseType,
  typeLabel: CASE_TYPE_LABELS[caseType],
  revision: r.id,
  firstResponseMinutes: r.firstResponseMinutes,
  resolutionMinutes: r.resolutionMinutes,
  reminderAfterDays: r.reminderAfterDays,
  autoCloseAfterDays: r.autoCloseAfterDays,
  changedAt: r.createdAt,
  changedByName: r.changedByName,
});

/** Every case type's current targets, in the order of CASE_TYPES; a type never seeded shows its defaults. */
export async function serviceLevelTargetList(deps: Pick<ServiceDeps, 'db'>) {
  const latest = new Map((await latestTargets(deps.db)).map((r) => [r.caseType, r]));
  return CASE_TYPES.map((t) => typeRecord(t, latest.get(t) ?? { id: 0, createdAt: null, changedByName: null, ...DEFAULT_SERVICE_LEVEL_TARGETS[t] }));
}

/** One type's current targets and every earlier revision, newest first. */
export async function serviceLevelTargetsOf(deps: Pick<ServiceDeps, 'db'>, caseType: string) {
  if (!(CASE_TYPES as readonly string[]).includes(caseType)) throw notFound('Ärendetypen finns inte.');
  const type = caseType as CaseType;
  const history = (await targetHistory(deps.db, type)).map((r) => ({ ...typeRecord(type, r), changedByStaffId: r.changedByStaffId }));
  const current = history[0] ?? typeRecord(type, { id: 0, createdAt: null, changedByName: null, ...DEFAULT_SERVICE_LEVEL_TARGETS[type] });
  return { ...current, history };
}

/**
 * A new revision of a type's targets. The open cases' workflows learn of it from the rollout, started
 * here at once and repeated by the worker until every open case runs on it.
 */
export async function changeServiceLevelTargets(deps: ServiceDeps, p: Staff, caseType: string, values: TargetValues) {
  const before = await serviceLevelTargetsOf(deps, caseType);
  await insertTargets(deps.db, before.caseType, values, p.staffId);
  serviceLevelRollout(deps.db, deps.temporal)().catch((err: unknown) =>
    deps.log?.(`service levels: rollout after a change of ${caseType} failed, the worker retries: ${(err as Error).message}`),
  );
  return serviceLevelTargetsOf(deps, caseType);
}

// --- rollout ------------------------------------------------------------------------------------------

const ROLLOUT_PAGE = 500;
const SIGNALS_AT_ONCE = 20;
/** A workflow that has not written a revision it was sent is sent it again after this, not every pass. */
const RESEND_AFTER_MS = 10 * 60_000;

/**
 * Passes that bring every open case onto its type's newest targets: each type's newest revision not yet
 * rolled out is signalled to each open case whose clocks run on an older one (or that has none yet: a
 * case from before the clocks starts measuring). A pass that finds no such case with a running workflow
 * marks the revision rolled out; otherwise a later pass looks again, once the workflows have written
 * what they got. A workflow ignores a revision it has, so passes in several processes only cost signals;
 * within one, a case is sent a revision again only after RESEND_AFTER_MS (a stuck workflow's history
 * must not fill with them).
 */
export function serviceLevelRollout(db: Db, temporal: Client) {
  const sent = new Map<string, { revision: number; at: number }>();

  async function signal(workflowId: string, targets: ServiceLevelTargets): Promise<'sent' | 'waiting' | 'no-workflow'> {
    const last = sent.get(workflowId);
    if (last && last.revision === targets.revision && Date.now() - last.at < RESEND_AFTER_MS) return 'waiting';
    try {
      await temporal.workflow.getHandle(workflowId).signal(serviceLevelTargetsSignal, targets);
    } catch (err) {
      // Not started yet: it reads the newest targets when it starts.
      if (err instanceof WorkflowNotFoundError) return 'no-workflow';
      throw err;
    }
    sent.set(workflowId, { revision: targets.revision, at: Date.now() });
    return 'sent';
  }

  async function rollOut(caseType: CaseType, revision: number): Promise<number> {
    const targets = await currentTargets(db, caseType);
    if (targets.revision !== revision) return 0; // changed again meanwhile: the next pass takes the newer one
    let signalled = 0;
    let behind = 0;
    for (let after = 0; ; ) {
      const page = await db
        .selectFrom('cases as c')
        .leftJoin('case_service_levels as sl', 'sl.caseId', 'c.id')
        .select(['c.id', 'c.workflowId'])
        .where('c.type', '=', caseType)
        .where(sql<boolean>`c.status <> 'closed'`)
        .where((eb) => eb.or([eb('sl.targetRevision', '<', revision), eb('sl.caseId', 'is', null)]))
        .where('c.id', '>', after)
        .orderBy('c.id')
        .limit(ROLLOUT_PAGE)
        .execute();
      for (let i = 0; i < page.length; i += SIGNALS_AT_ONCE) {
        const outcomes = await Promise.all(page.slice(i, i + SIGNALS_AT_ONCE).map((c) => signal(c.workflowId, targets)));
        signalled += outcomes.filter((o) => o === 'sent').length;
        behind += outcomes.filter((o) => o !== 'no-workflow').length;
      }
      if (page.length < ROLLOUT_PAGE) break;
      after = page.at(-1)!.id;
    }
    if (behind === 0) {
      await db
        .updateTable('service_level_targets')
        .set({ rolledOutAt: new Date() })
        .where('caseType', '=', caseType)
        .where('id', '<=', revision)
        .where('rolledOutAt', 'is', null)
        .execute();
      for (const [id, s] of sent) if (s.revision <= revision) sent.delete(id);
    }
    return signalled;
  }

  /** One pass over every type with a revision not rolled out; the number of signals sent. */
  return async function pass(): Promise<number> {
    const pending = await db
      .selectFrom('service_level_targets')
      .select(['id', 'caseType'])
      .where('rolledOutAt', 'is', null)
      .where('id', 'in', (eb) => eb.selectFrom('service_level_targets').select((e) => e.fn.max('id').as('id')).groupBy('caseType'))
      .execute();
    let signalled = 0;
    for (const { id, caseType } of pending) signalled += await rollOut(caseType, id);
    return signalled;
  };
}

// --- a case's clocks for the back office ----------------------------------------------------------------

export interface ClockColumns {
  slaTargets: ServiceLevelTargets | null;
  firstResponseElapsedMinutes: number | null;
  firstResponseRunningSince: Date | null;
  firstResponseStoppedAt: Date | null;
  firstResponseDueAt: Date | null;
  resolutionElapsedMinutes: number | null;
  resolutionRunningSince: Date | null;
  resolutionStoppedAt: Date | null;
  resolutionDueAt: Date | null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** A standard day of this calendar in minutes: "1 dag" in the texts is one of these. */
function dayMinutesOf(config: BusinessCalendarConfig): number {
  const seconds = (t: string) => {
    const [h = 0, m = 0, s = 0] = t.split(':').map(Number);
    return h * 3600 + m * 60 + s;
  };
  const minutes = Math.round((seconds(config.close) - seconds(config.open)) / 60);
  return minutes > 0 ? minutes : BUSINESS_DAY_MINUTES;
}

// One calendar per configuration: it caches its windows.
const calendars = new WeakMap<BusinessCalendarConfig, { cal: ReturnType<typeof businessCalendar>; dayMinutes: number }>();
function calendarOf(config: BusinessCalendarConfig) {
  let c = calendars.get(config);
  if (!c) calendars.set(config, (c = { cal: businessCalendar(config), dayMinutes: dayMinutesOf(config) }));
  return c;
}

type ClockName = 'firstResponse' | 'resolution';

/** What a handler reads about one clock, its time left already worded in business time. */
function clockView(name: ClockName, clock: Clock, targetMinutes: number, cal: ReturnType<typeof businessCalendar>, dayMinutes: number, now: Date) {
  const elapsed = elapsedAt(clock, now, cal);
  const remaining = remainingAt(clock, now, cal);
  const state = clock.runningSince ? 'running' : clock.stoppedAt ? 'stopped' : 'paused';
  const took = formatBusinessDuration(elapsed, dayMinutes);
  const text =
    state === 'running' ? timeLeftText(remaining!, dayMinutes)
    : state === 'paused' ? 'Pausad medan ärendet väntar på kund'
    : name === 'firstResponse' ? `Besvarat efter ${took}`
    : `Avslutat efter ${took}`;
  return {
    state,
    targetMinutes,
    target: formatBusinessDuration(targetMinutes, dayMinutes),
    elapsedMinutes: elapsed,
    dueAt: clock.dueAt,
    remainingMinutes: remaining,
    stoppedAt: clock.stoppedAt,
    /** Stopped: whether it stopped within the target; running: whether it still may. */
    withinTarget: elapsed <= targetMinutes,
    text,
  };
}

/** Both clocks of a case as the back office shows them now; null when the case was never measured. */
export function caseClocks(calendar: BusinessCalendarConfig, row: ClockColumns, now = new Date()) {
  if (!row.slaTargets || row.firstResponseElapsedMinutes === null || row.resolutionElapsedMinutes === null) return null;
  const { cal, dayMinutes } = calendarOf(calendar);
  const firstResponse: Clock = {
    elapsedMinutes: row.firstResponseElapsedMinutes,
    runningSince: iso(row.firstResponseRunningSince),
    stoppedAt: iso(row.firstResponseStoppedAt),
    dueAt: iso(row.firstResponseDueAt),
  };
  const resolution: Clock = {
    elapsedMinutes: row.resolutionElapsedMinutes,
    runningSince: iso(row.resolutionRunningSince),
    stoppedAt: iso(row.resolutionStoppedAt),
    dueAt: iso(row.resolutionDueAt),
  };
  return {
    firstResponse: clockView('firstResponse', firstResponse, row.slaTargets.firstResponseMinutes, cal, dayMinutes, now),
    resolution: clockView('resolution', resolution, row.slaTargets.resolutionMinutes, cal, dayMinutes, now),
  };
}
