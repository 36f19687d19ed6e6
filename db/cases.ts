// Case queries shared by the API, the worker's reconciler and the activities.
import { sql } from 'kysely';
import type { CaseSubmission } from '../domain/index.js';
import { EMAIL_FAILED_EVENT, caseSubject } from '../domain/index.js';
import { notificationText } from '../domain/notification-texts.js';
import type { Db, Executor } from './client.js';

// Built once: constructing a DateTimeFormat costs far more than formatting with one.
const STOCKHOLM_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', year: 'numeric' });

/** Stockholm calendar year: a case sent at 00:30 on 1 January belongs to the new year. */
export function caseYear(at: Date): number {
  return Number(STOCKHOLM_YEAR.format(at));
}

export const formatCaseNumber = (year: number, seq: number) => `KP-${year}-${String(seq).padStart(5, '0')}`;

/** Next number of the year; the counter row lock serialises concurrent submissions only within one year. */
async function allocateCaseNumber(trx: Executor, year: number) {
  const { lastSeq } = await trx
    .insertInto('case_number_counters')
    .values({ year, lastSeq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ lastSeq: sql`case_number_counters.last_seq + 1` }))
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  return { seq: lastSeq, caseNumber: formatCaseNumber(year, lastSeq) };
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
      caseNumber,
      year,
      seq,
      type: c.sealedSubmission.type,
      status: 'submitted',
      subject: caseSubject(c.sealedSubmission),
      payload: JSON.stringify(c.sealedSubmission),
      organisationId: c.organisationId,
      reporterId: c.reporterId,
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('case_events')
    .values({
      caseId: row.id,
      version: 1,
      action: 'submit',
      actorType: 'customer',
      actorId: c.reporterId,
      fromStatus: null,
      toStatus: 'submitted',
    })
    .execute();
  await trx
    .insertInto('notifications')
    .values({
      dedupeKey: `${caseNumber}:1:received`,
      customerAccountId: c.reporterId,
      caseId: row.id,
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
    ? db.selectFrom('cases').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirst()
    : undefined;

export async function caseTimeline(db: Executor, caseId: number, opts: { includeInternal: boolean }) {
  const events = await db
    .selectFrom('case_events as e')
    .leftJoin('case_messages as m', (j) => j.onRef('m.caseId', '=', 'e.caseId').onRef('m.version', '=', 'e.version'))
    .select([
      'e.version',
      'e.action',
      'e.actorType',
      'e.actorId',
      'e.fromStatus',
      'e.toStatus',
      'e.data',
      'e.createdAt as at',
      'm.visibility',
      'm.body',
    ])
    .where('e.caseId', '=', caseId)
    // Customers see neither internal notes nor the handler's notice that their e-mail was refused.
    .$if(!opts.includeInternal, (q) => q.where('e.action', 'not in', ['note', EMAIL_FAILED_EVENT]))
    .orderBy('e.version')
    .execute();
  return events.map(({ version, action, actorType, actorId, fromStatus, toStatus, at, visibility, body, data }) => ({
    version,
    action,
    actor: { type: actorType, id: actorId },
    fromStatus,
    toStatus,
    at,
    ...(body !== null ? { message: { visibility, body } } : {}),
    ...(opts.includeInternal ? { data } : {}),
  }));
}

/** Cases whose workflow start was never confirmed (a crash between commit and start). */
export const unstartedCases = (db: Db, olderThan: Date, limit = 100) =>
  db
    .selectFrom('cases')
    .selectAll()
    .where('workflowStartedAt', 'is', null)
    .where('createdAt', '<', olderThan)
    .orderBy('createdAt')
    .limit(limit)
    .execute();

export const markWorkflowStarted = (db: Db, caseId: number) =>
  db
    .updateTable('cases')
    .set({ workflowStartedAt: new Date() })
    .where('id', '=', caseId)
    .where('workflowStartedAt', 'is', null)
    .execute();
