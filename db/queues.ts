// The back office's case queries: queues and filters sorted by age, capped counts, the case detail.
// Each shape of filter has an index ending in (created_at, id) (migration 2026-11-23T1000), so a
// page is read off an index and counting stops at COUNT_CAP: a page costs at most COUNT_CAP index
// entries, never the whole table.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { CaseStatus, CaseType } from '../domain/index.js';
import type { Executor } from './client.js';
import { CASE_NUMBER, isCaseNumber } from './cases.js';
import { escapeLike, whereAll } from './conditions.js';

export const QUEUES = ['new', 'mine', 'awaiting', 'open', 'closed', 'undelivered', 'overdue'] as const;
export type Queue = (typeof QUEUES)[number];

/** Counts stop here (shown as "10 000+"), and lists serve only this many rows in either order. */
export const COUNT_CAP = 10_000;

export interface CaseListFilter {
  queue?: Queue | undefined;
  type?: CaseType | undefined;
  status?: CaseStatus | undefined;
  organisationId?: number | undefined;
  assigneeId?: number | undefined;
  /** Free text over case number, subject and organisation name; at least three characters. */
  q?: string | undefined;
  caseNumbers?: string[] | undefined;
}

export interface CasePage {
  offset: number;
  limit: number;
  order: 'asc' | 'desc';
  /** Age (the default), or the earliest due time of the running service-level clocks, none last. */
  sort?: 'createdAt' | 'slaDueAt' | undefined;
}

// Literals, not parameters: the planner must see `status <> 'closed'` to use the partial indexes.
const QUEUE_CONDITIONS: Record<Queue, (staffId: number) => Expression<SqlBool>> = {
  new: () => sql<SqlBool>`status = 'submitted' and assignee_id is null`,
  mine: (staffId) => sql<SqlBool>`assignee_id = ${staffId} and status <> 'closed'`,
  awaiting: () => sql<SqlBool>`status = 'awaiting_customer'`,
  open: () => sql<SqlBool>`status <> 'closed'`,
  closed: () => sql<SqlBool>`status = 'closed'`,
  // Open cases whose latest e-mail the relay refused (migration 2026-11-24T1000 has its index).
  undelivered: () => sql<SqlBool>`undelivered_email_at is not null and status <> 'closed'`,
  // Open cases with a running service-level clock past its due time (migration 2026-11-27T1100 has its index).
  overdue: () => sql<SqlBool>`sla_due_at < now() and status <> 'closed'`,
};

/** Free text: a whole case number is looked up exactly, anything else by trigram (see the migration). */
async function searchCondition(db: Executor, q: string): Promise<Expression<SqlBool>> {
  if (CASE_NUMBER.test(q.toUpperCase())) return sql<SqlBool>`case_number = ${q.toUpperCase()}`;
  const pattern = `%${escapeLike(q)}%`;
  const text = sql<SqlBool>`(case_number || ' ' || subject) ilike ${pattern}`;
  // Organisations are few: resolving them first lets Postgres OR two index scans instead of a subplan.
  const organisationIds = (await db.selectFrom('organisations').select('id').where('name', 'ilike', pattern).execute()).map((o) => o.id);
  return organisationIds.length > 0 ? sql<SqlBool>`(${text} or organisation_id = any(${organisationIds}::bigint[]))` : text;
}

async function caseConditions(db: Executor, f: CaseListFilter, staffId: number): Promise<Expression<SqlBool>[]> {
  const conditions: Expression<SqlBool>[] = [];
  if (f.queue) conditions.push(QUEUE_CONDITIONS[f.queue](staffId));
  if (f.type) conditions.push(sql<SqlBool>`type = ${f.type}`);
  if (f.status) conditions.push(sql<SqlBool>`status = ${f.status}`);
  if (f.organisationId !== undefined) conditions.push(sql<SqlBool>`organisation_id = ${f.organisationId}`);
  if (f.assigneeId !== undefined) conditions.push(sql<SqlBool>`assignee_id = ${f.assigneeId}`);
  if (f.caseNumbers) conditions.push(sql<SqlBool>`case_number = any(${f.caseNumbers}::text[])`);
  if (f.q) conditions.push(await searchCondition(db, f.q));
  return conditions;
}

/** Matching rows, counted up to COUNT_CAP + 1 so that "more than the cap" can be told. */
const cappedCount = async (db: Executor, where: Expression<SqlBool>) =>
  (
    await sql<{ n: number }>`select count(*) as n from (select 1 from cases where ${where} limit ${sql.lit(COUNT_CAP + 1)}) x`.execute(db)
  ).rows[0]!.n;

export type CaseListRow = Awaited<ReturnType<typeof listCases>>['rows'][number];

/**
 * One page of cases and their total (at most COUNT_CAP; `capped` when there are more).
 * `staffId` is the viewer, for the queue "mine".
 */
/** What a list row and the detail share; both queries join c, o, s and r the same way. */
const CASE_LIST_COLUMNS = [
  'c.caseNumber',
  'c.type',
  'c.status',
  'c.subject',
  'c.organisationId',
  'o.name as organisationName',
  'c.assigneeId',
  's.name as assigneeName',
  'r.name as reporterName',
  'c.createdAt',
  'c.updatedAt',
  'c.slaDueAt',
  // An earlier case from a previous portal: closed, read-only, no workflow.
  'c.imported',
  // "Kontakta oss" without an account: no organisation (hence the left joins), marked "Utan konto".
  'c.withoutAccount',
] as const;

/** The case's service-level clocks as its workflow last wrote them (null columns: not measured). */
const CLOCK_COLUMNS = [
  'sl.targets as slaTargets',
  'sl.firstResponseElapsedMinutes',
  'sl.firstResponseRunningSince',
  'sl.firstResponseStoppedAt',
  'sl.firstResponseDueAt',
  'sl.resolutionElapsedMinutes',
  'sl.resolutionRunningSince',
  'sl.resolutionStoppedAt',
  'sl.resolutionDueAt',
] as const;

export async function listCases(db: Executor, filter: CaseListFilter, staffId: number, page: CasePage) {
  const where = whereAll(await caseConditions(db, filter, staffId));
  const key = page.sort ?? 'createdAt';
  // The page's ids come off an index alone (index-only scan); only its rows are then read. By due time,
  // ascending puts cases with no running clock last and descending first, as the indexes store them.
  const ids = db
    .selectFrom('cases')
    .select(['id', key])
    .where(where)
    .orderBy(key, page.order)
    .orderBy('id', page.order)
    .offset(page.offset)
    .limit(page.limit);
  const rows = await db
    .selectFrom(ids.as('p'))
    .innerJoin('cases as c', 'c.id', 'p.id')
    .leftJoin('organisations as o', 'o.id', 'c.organisationId')
    .leftJoin('staff as s', 's.id', 'c.assigneeId')
    .leftJoin('customer_accounts as r', 'r.id', 'c.reporterId')
    .leftJoin('case_service_levels as sl', 'sl.caseId', 'c.id')
    .select(CASE_LIST_COLUMNS)
    .select(CLOCK_COLUMNS)
    .orderBy(`p.${key}`, page.order)
    .orderBy('p.id', page.order)
    .execute();
  // A page that is not full tells the total without counting.
  const known = rows.length < page.limit && (rows.length > 0 || page.offset === 0);
  const n = known ? page.offset + rows.length : await cappedCount(db, where);
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** Every queue's size for the menu, each counted up to COUNT_CAP, in one round trip. */
export async function queueCounts(db: Executor, staffId: number) {
  const count = (q: Queue) =>
    sql<number>`(select count(*) from (select 1 from cases where ${QUEUE_CONDITIONS[q](staffId)} limit ${sql.lit(COUNT_CAP + 1)}) x)`;
  const { rows } = await sql<Record<Queue, number>>`select ${sql.join(
    QUEUES.map((q) => sql`${count(q)} as ${sql.id(q)}`),
  )}`.execute(db);
  const n = rows[0]!;
  return Object.fromEntries(QUEUES.map((q) => [q, { count: Math.min(n[q], COUNT_CAP), capped: n[q] > COUNT_CAP }])) as Record<
    Queue,
    { count: number; capped: boolean }
  >;
}

/** The whole case for staff: the list columns, the sealed submission and the timeline with names. */
export async function findCaseDetail(db: Executor, caseNumber: string) {
  if (!isCaseNumber(caseNumber)) return undefined;
  const row = await db
    .selectFrom('cases as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisationId')
    .leftJoin('staff as s', 's.id', 'c.assigneeId')
    .leftJoin('customer_accounts as r', 'r.id', 'c.reporterId')
    .leftJoin('case_service_levels as sl', 'sl.caseId', 'c.id')
    .select(CLOCK_COLUMNS)
    .select([
      'c.id',
      ...CASE_LIST_COLUMNS,
      'c.version',
      'c.resolution',
      'c.closedAt',
      'c.payload',
      'c.workflowId',
      'c.undeliveredEmailAt',
    ])
    .where('c.caseNumber', '=', caseNumber)
    .executeTakeFirst();
  if (!row) return undefined;
  // The flag's details: the refusal that set it, which is the case's latest refused e-mail.
  const undeliveredEmail = row.undeliveredEmailAt
    ? ((await db
        .selectFrom('email_log')
        .select(['recipient', 'error as reason'])
        .where('caseId', '=', row.id)
        .where('status', '=', 'failed')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()) ?? null)
    : null;
  const events = await db
    .selectFrom('case_events as e')
    .leftJoin('case_messages as m', (j) => j.onRef('m.caseId', '=', 'e.caseId').onRef('m.version', '=', 'e.version'))
    .leftJoin('customer_accounts as ca', (j) => j.onRef('ca.id', '=', 'e.actorId').on('e.actorType', '=', 'customer'))
    .leftJoin('staff as st', (j) => j.onRef('st.id', '=', 'e.actorId').on('e.actorType', '=', 'staff'))
    .select([
      'e.version',
      'e.action',
      'e.actorType',
      'e.actorId',
      'e.fromStatus',
      'e.toStatus',
      'e.createdAt as at',
      'e.data',
      'm.visibility',
      'm.body',
    ])
    .select((eb) => eb.fn.coalesce('ca.name', 'st.name').as('actorName'))
    .where('e.caseId', '=', row.id)
    .orderBy('e.version')
    .execute();
  return { ...row, undeliveredEmail, events };
}

export type CaseDetailRow = NonNullable<Awaited<ReturnType<typeof findCaseDetail>>>;
