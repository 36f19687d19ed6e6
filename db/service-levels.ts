// Service-level targets (insert-only, with their history) and the cases' clocks as their workflows
// write them. Shared by the activities, the services and the worker's rollout.
import { type Selectable, sql } from 'kysely';
import type { CaseStatus, CaseType } from '../domain/index.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS, type ServiceLevelTargets } from '../domain/service-levels.js';
import type { Clock, ServiceLevelClocks } from '../domain/service-levels.js';
import type { Db, Executor } from './client.js';
import type { CaseServiceLevelsTable } from './tables/service-levels.js';

const TARGET_COLUMNS = ['id', 'caseType', 'firstResponseMinutes', 'resolutionMinutes', 'reminderAfterDays', 'autoCloseAfterDays'] as const;

const asTargets = (r: { id: number; firstResponseMinutes: number; resolutionMinutes: number; reminderAfterDays: number; autoCloseAfterDays: number }): ServiceLevelTargets => ({
  revision: r.id,
  firstResponseMinutes: r.firstResponseMinutes,
  resolutionMinutes: r.resolutionMinutes,
  reminderAfterDays: r.reminderAfterDays,
  autoCloseAfterDays: r.autoCloseAfterDays,
});

/** A type's targets now: its latest revision, or the built-in defaults (revision 0) for a type never seeded. */
export async function currentTargets(db: Executor, caseType: CaseType): Promise<ServiceLevelTargets> {
  const row = await db
    .selectFrom('service_level_targets')
    .select(TARGET_COLUMNS)
    .where('caseType', '=', caseType)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? asTargets(row) : { revision: 0, ...DEFAULT_SERVICE_LEVEL_TARGETS[caseType] };
}

/** Every revision of one type's targets, newest first, with who made it. */
export const targetHistory = (db: Executor, caseType: CaseType) =>
  db
    .selectFrom('service_level_targets as t')
    .leftJoin('staff as s', 's.id', 't.changedByStaffId')
    .select([...TARGET_COLUMNS.map((c) => `t.${c}` as const), 't.createdAt', 't.changedByStaffId', 's.name as changedByName'])
    .where('t.caseType', '=', caseType)
    .orderBy('t.id', 'desc')
    .execute();

/** The latest revision of every type that has one. */
export const latestTargets = (db: Executor) =>
  db
    .selectFrom('service_level_targets as t')
    .leftJoin('staff as s', 's.id', 't.changedByStaffId')
    .select([...TARGET_COLUMNS.map((c) => `t.${c}` as const), 't.createdAt', 't.changedByStaffId', 's.name as changedByName'])
    .where('t.id', 'in', (eb) => eb.selectFrom('service_level_targets').select((e) => e.fn.max('id').as('id')).groupBy('caseType'))
    .execute();

/** A new revision of a type's targets; changes of one type are serialised so revisions grow in commit order. */
export function insertTargets(db: Db, caseType: CaseType, t: Omit<ServiceLevelTargets, 'revision'>, staffId: number) {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kundportal:service-level-targets'), hashtext(${caseType}))`.execute(trx);
    const { id } = await trx
      .insertInto('service_level_targets')
      .values({ caseType, ...t, changedByStaffId: staffId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  });
}

// --- the cases' clocks ---------------------------------------------------------------------------

const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));
const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

const clockColumns = (prefix: 'firstResponse' | 'resolution', c: Clock) => ({
  [`${prefix}ElapsedMinutes`]: c.elapsedMinutes,
  [`${prefix}RunningSince`]: dateOrNull(c.runningSince),
  [`${prefix}StoppedAt`]: dateOrNull(c.stoppedAt),
  [`${prefix}DueAt`]: dateOrNull(c.dueAt),
});

/**
 * Writes a case's clocks and its earliest due time unless a later write (a higher seq) got there
 * first; true when written. One statement (the clocks, then the case's due time from what was
 * written), so it needs no transaction of its own; inside a transition's it joins that one.
 */
export async function writeClocks(db: Executor, caseId: number, clocks: ServiceLevelClocks, nextDueAt: string | null): Promise<boolean> {
  const values = {
    caseId,
    seq: clocks.seq,
    targetRevision: clocks.targets.revision,
    targets: JSON.stringify(clocks.targets),
    ...clockColumns('firstResponse', clocks.firstResponse),
    ...clockColumns('resolution', clocks.resolution),
    updatedAt: new Date(),
  } as const;
  const written = await db
    .with('written', (qb) =>
      qb
        .insertInto('case_service_levels')
        .values(values as never)
        .onConflict((oc) =>
          oc
            .column('caseId')
            .doUpdateSet((eb) => Object.fromEntries(Object.keys(values).filter((k) => k !== 'caseId').map((k) => [k, eb.ref(`excluded.${k}` as never)])) as never)
            .where('case_service_levels.seq', '<', (eb) => eb.ref('excluded.seq')),
        )
        .returning('caseId'),
    )
    .updateTable('cases')
    .set({ slaDueAt: dateOrNull(nextDueAt) })
    .where('id', 'in', (eb) => eb.selectFrom('written').select('written.caseId'))
    .returning('cases.id')
    .executeTakeFirst();
  return written !== undefined;
}

type ClockRow = { elapsed: number; since: Date | null; stopped: Date | null; due: Date | null };
const clockOf = (r: ClockRow): Clock => ({
  elapsedMinutes: r.elapsed,
  runningSince: isoOrNull(r.since),
  stoppedAt: isoOrNull(r.stopped),
  dueAt: isoOrNull(r.due),
});

type ClocksRow = Selectable<CaseServiceLevelsTable>;
const clocksOf = (r: ClocksRow): ServiceLevelClocks => ({
  targets: r.targets,
  seq: r.seq,
  firstResponse: clockOf({ elapsed: r.firstResponseElapsedMinutes, since: r.firstResponseRunningSince, stopped: r.firstResponseStoppedAt, due: r.firstResponseDueAt }),
  resolution: clockOf({ elapsed: r.resolutionElapsedMinutes, since: r.resolutionRunningSince, stopped: r.resolutionStoppedAt, due: r.resolutionDueAt }),
});

/** What a case's workflow starts measuring from; see clocksStart. */
export interface ClocksStart {
  targets: ServiceLevelTargets;
  stored: ServiceLevelClocks | null;
  /** Without stored clocks: the case's events, oldest first. */
  timeline: Array<{ action: string; actorType: 'customer' | 'staff' | 'system'; toStatus: CaseStatus; at: Date }>;
  /** Warnings and breaches raised already, as `clock:threshold` (warningKey). */
  raised: string[];
}

/**
 * The type's current targets, the case's stored clocks, the warnings it has raised and (when never
 * measured) its timeline, in one round trip: every new case's workflow asks this first.
 */
export async function clocksStart(db: Executor, caseId: number, caseType: CaseType): Promise<ClocksStart> {
  type Row = Partial<ClocksRow> & {
    targetId: number | null;
    targetFirstResponseMinutes: number;
    targetResolutionMinutes: number;
    targetReminderAfterDays: number;
    targetAutoCloseAfterDays: number;
    raised: string[];
    eventActions: string[] | null;
    eventActorTypes: Array<'customer' | 'staff' | 'system'> | null;
    eventToStatuses: CaseStatus[] | null;
    eventTimes: Date[] | null;
  };
  const { rows } = await sql<Row>`
    select c.*,
      t.id as target_id, t.first_response_minutes as target_first_response_minutes, t.resolution_minutes as target_resolution_minutes,
      t.reminder_after_days as target_reminder_after_days, t.auto_close_after_days as target_auto_close_after_days,
      array(select distinct n.clock || ':' || case n.kind when 'sla_warning' then 'warning' else 'breach' end
            from staff_notifications n where n.case_id = ${caseId}) as raised,
      case when c.case_id is null then array(select e.action::text from case_events e where e.case_id = ${caseId} order by e.version) end as event_actions,
      case when c.case_id is null then array(select e.actor_type::text from case_events e where e.case_id = ${caseId} order by e.version) end as event_actor_types,
      case when c.case_id is null then array(select e.to_status::text from case_events e where e.case_id = ${caseId} order by e.version) end as event_to_statuses,
      case when c.case_id is null then array(select e.created_at from case_events e where e.case_id = ${caseId} order by e.version) end as event_times
    from (select 1) as one
    left join case_service_levels c on c.case_id = ${caseId}
    left join lateral (
      select * from service_level_targets where case_type = ${caseType} order by id desc limit 1
    ) t on true`.execute(db);
  const r = rows[0]!;
  const targets: ServiceLevelTargets =
    r.targetId === null
      ? { revision: 0, ...DEFAULT_SERVICE_LEVEL_TARGETS[caseType] }
      : {
          revision: r.targetId,
          firstResponseMinutes: r.targetFirstResponseMinutes,
          resolutionMinutes: r.targetResolutionMinutes,
          reminderAfterDays: r.targetReminderAfterDays,
          autoCloseAfterDays: r.targetAutoCloseAfterDays,
        };
  const stored = r.caseId == null ? null : clocksOf(r as ClocksRow);
  const timeline = (r.eventActions ?? []).map((action, i) => ({ action, actorType: r.eventActorTypes![i]!, toStatus: r.eventToStatuses![i]!, at: r.eventTimes![i]! }));
  return { targets, stored, timeline, raised: r.raised };
}
