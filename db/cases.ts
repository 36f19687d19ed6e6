// Case queries shared by the API, the worker's reconciler and the activities.
import { sql } from 'kysely';
import type { CaseSubmission } from '../domain/index.js';
import { caseSubject } from '../domain/index.js';
import { notificationText } from '../domain/notification-texts.js';
import type { Db, Executor } from './client.js';

/** Stockholm calendar year: a case sent at 00:30 on 1 January belongs to the new year. */
export function caseYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(at));
}

export const formatCaseNumber = (year: number, seq: number) => `KP-${year}-${String(seq).padStart(5, '0')}`;

/** Next number of the year; the counter row lock serialises concurrent submissions only within one year. */
async function allocateCaseNumber(trx: Executor, year: number) {
  const { last_seq } = await trx
    .insertInto('case_number_counters')
    .values({ year, last_seq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`case_number_counters.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return { seq: last_seq, caseNumber: formatCaseNumber(year, last_seq) };
}

export interface NewCase {
  /** The submission with its personnummer already sealed. */
  sealedSubmission: CaseSubmission;
  organisationId: number;
  reporterId: number;
}

/** Inserts a case with its first timeline event and bell notification; call inside a transaction. */
export async function insertSubmittedCase(trx: Executor, c: NewCase, now = new Date()) {
  const year = caseYear(now);
  const { seq, caseNumber } = await allocateCaseNumber(trx, year);
  const row = await trx
    .insertInto('cases')
    .values({
      case_number: caseNumber,
      year,
      seq,
      type: c.sealedSubmission.type,
      status: 'submitted',
      subject: caseSubject(c.sealedSubmission),
      payload: JSON.stringify(c.sealedSubmission),
      organisation_id: c.organisationId,
      reporter_id: c.reporterId,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('case_events')
    .values({
      case_id: row.id,
      version: 1,
      action: 'submit',
      actor_type: 'customer',
      actor_id: c.reporterId,
      from_status: null,
      to_status: 'submitted',
    })
    .execute();
  await trx
    .insertInto('notifications')
    .values({
      dedupe_key: `${caseNumber}:1:received`,
      customer_account_id: c.reporterId,
      case_id: row.id,
      kind: 'received',
      ...notificationText(caseNumber, { kind: 'received' }),
    })
    .execute();
  return row;
}

export type CaseRow = Awaited<ReturnType<typeof insertSubmittedCase>>;

/** The shape of a case number; anything else cannot exist and is answered without a query. */
export const CASE_NUMBER = /^KP-\d{4}-\d{5,}$/;

export const findCase = async (db: Executor, caseNumber: string) =>
  CASE_NUMBER.test(caseNumber)
    ? db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirst()
    : undefined;

export async function caseTimeline(db: Executor, caseId: number, opts: { includeInternal: boolean }) {
  const events = await db
    .selectFrom('case_events as e')
    .leftJoin('case_messages as m', (j) => j.onRef('m.case_id', '=', 'e.case_id').onRef('m.version', '=', 'e.version'))
    .select([
      'e.version',
      'e.action',
      'e.actor_type',
      'e.actor_id',
      'e.from_status',
      'e.to_status',
      'e.data',
      'e.created_at',
      'm.visibility',
      'm.body',
    ])
    .where('e.case_id', '=', caseId)
    .$if(!opts.includeInternal, (q) => q.where('e.action', '!=', 'note'))
    .orderBy('e.version')
    .execute();
  return events.map((e) => ({
    version: e.version,
    action: e.action,
    actor: { type: e.actor_type, id: e.actor_id },
    fromStatus: e.from_status,
    toStatus: e.to_status,
    at: e.created_at,
    ...(e.body !== null ? { message: { visibility: e.visibility, body: e.body } } : {}),
    ...(opts.includeInternal ? { data: e.data } : {}),
  }));
}

/** Cases whose workflow start was never confirmed (a crash between commit and start). */
export const unstartedCases = (db: Db, olderThan: Date, limit = 100) =>
  db
    .selectFrom('cases')
    .selectAll()
    .where('workflow_started_at', 'is', null)
    .where('created_at', '<', olderThan)
    .orderBy('created_at')
    .limit(limit)
    .execute();

export const markWorkflowStarted = (db: Db, caseId: number) =>
  db
    .updateTable('cases')
    .set({ workflow_started_at: new Date() })
    .where('id', '=', caseId)
    .where('workflow_started_at', 'is', null)
    .execute();
