// Service-level targets (insert-only, with their history) and the cases' clocks as their workflows
// write them. Shared by the activities, the services and the worker's rollout.
import { sql } from 'kysely';
import type { CaseType } from '../domain/index.js';
import { DEFAULT_SERVICE_LEVEL_TARGETS, type ServiceLevelTargets } from '../domain/service-levels.js';
import type { Clock, ServiceLevelClocks } from '../domain/service-levels.js';
import type { Db, Executor } from './client.js';

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
 * first; true when written. Run inside the transition's transaction where there is one.
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
    .insertInto('case_service_levels')
    .values(values as never)
    .onConflict((oc) =>
      oc
        .column('caseId')
        .doUpdateSet((eb) => Object.fromEntries(Object.keys(values).filter((k) => k !== 'caseId').map((k) => [k, eb.ref(`excluded.${k}` as never)])) as never)
        .where('case_service_levels.seq', '<', (eb) => eb.ref('excluded.seq')),
    )
    .returning('caseId')
    .executeTakeFirst();
  if (!written) return false;
  await db.updateTable('cases').set({ slaDueAt: dateOrNull(nextDueAt) }).where('id', '=', caseId).execute();
  return true;
}

type ClockRow = { elapsed: number; since: Date | null; stopped: Date | null; due: Date | null };
const clockOf = (r: ClockRow): Clock => ({
  elapsedMinutes: r.elapsed,
  runningSince: isoOrNull(r.since),
  stoppedAt: isoOrNull(r.stopped),
  dueAt: isoOrNull(r.due),
});

/** A case's clocks as last written, or undefined when its workflow never measured it. */
export async function readClocks(db: Executor, caseId: number): Promise<ServiceLevelClocks | undefined> {
  const r = await db.selectFrom('case_service_levels').selectAll().where('caseId', '=', caseId).executeTakeFirst();
  if (!r) return undefined;
  return {
    targets: r.targets,
    seq: r.seq,
    firstResponse: clockOf({ elapsed: r.firstResponseElapsedMinutes, since: r.firstResponseRunningSince, stopped: r.firstResponseStoppedAt, due: r.firstResponseDueAt }),
    resolution: clockOf({ elapsed: r.resolutionElapsedMinutes, since: r.resolutionRunningSince, stopped: r.resolutionStoppedAt, due: r.resolutionDueAt }),
  };
}
