// Case queries shared by the API, the worker's reconciler and the activities.
import { type Selectable, sql } from 'kysely';
import type { CaseSubmission } from '../domain/index.js';
import { EMAIL_FAILED_EVENT, caseSubject } from '../domain/index.js';
import { isOtherCaseNumber } from '../domain/case-numbers.js';
import { notificationText } from '../domain/notification-texts.js';
import type { Db, Executor } from './client.js';
import type { CasesTable } from './tables/cases.js';

// Built once: constructing a DateTimeFormat costs far more than formatting with one.
const STOCKHOLM_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Stockholm', year: 'numeric' });

/** Stockholm calendar year: a case sent at 00:30 on 1 January belongs to the new year. */
export function caseYear(at: Date): number {
  return Number(STOCKHOLM_YEAR.format(at));
}

export const formatCaseNumber = (year: number, seq: number) => `KP-${year}-${String(seq).padStart(5, '0')}`;

export interface NewCase {
  /** The submission with its personnummer already sealed. */
  sealedSubmission: CaseSubmission;
  /** Null with reporterId for a case sent through "Kontakta oss" without an account. */
  organisationId: number | null;
  reporterId: number | null;
  withoutAccount?: boolean;
}

export type CaseRow = Selectable<CasesTable>;

/** The idempotency key row a submission writes beside its case. */
export interface KeyRow {
  owner: string;
  key: string;
  requestHash: string;
}

/** Stands in for the case number in the bell's title until the database has drawn the number. */
const NUMBER_MARK = '\uE000';

/**
 * The whole submission as one statement, so one round trip: the year's next number from the counter,
 * the case (its workflow id set by the insert trigger), its first timeline event, its bell notification
 * and, with a key, the idempotency key row. The counter's row lock is held from the upsert to the
 * commit only, never across round trips; it still puts one year's numbers in commit order, and a
 * statement that fails rolls the counter back with everything else, so no number is lost.
 *
 * With a key, the key row is written first, under a case id drawn up front (the foreign key is checked
 * at the end of the statement), and the counter moves only when that insert wrote a row, so a key
 * already taken consumes no number. A key committed before the statement began comes back as the
 * earlier case with its stored request hash; a twin that committed while this statement waited on the
 * key yields no row (this statement's snapshot cannot see it) and the caller reads it afterwards.
 */
function submissionStatement(c: NewCase, year: number, key?: KeyRow) {
  const { title, body } = notificationText(NUMBER_MARK, { kind: 'received' });
  const submission = sql`
    numbered as (
      select year, last_seq as seq,
             'KP-' || year || '-' || lpad(last_seq::text, greatest(5, length(last_seq::text)), '0') as case_number
      from counter
    ),
    c as (
      insert into cases (${key ? sql`id, ` : sql``}case_number, year, seq, type, status, subject, payload, organisation_id, reporter_id, without_account, version)
      select ${key ? sql`(select id from new_case), ` : sql``}case_number, year, seq, ${c.sealedSubmission.type}, 'submitted',
             ${caseSubject(c.sealedSubmission)}, ${JSON.stringify(c.sealedSubmission)}::jsonb, ${c.organisationId}::bigint, ${c.reporterId}::bigint, ${c.withoutAccount ?? false}, 1
      from numbered
      returning *
    ),
    first_event as (
      insert into case_events (case_id, version, action, actor_type, actor_id, from_status, to_status)
      select id, 1, 'submit', 'customer', reporter_id, null, 'submitted' from c
    ),
    bell as (
      insert into notifications (dedupe_key, customer_account_id, case_id, kind, title, body)
      select case_number || ':1:received', reporter_id, id, 'received', replace(${title}, ${NUMBER_MARK}, case_number), ${body}
      from c where reporter_id is not null
    )`;
  if (!key) {
    return sql<CaseRow & { storedHash: string | null }>`
      with counter as (
        insert into case_number_counters as n (year, last_seq) values (${year}::int, 1)
        on conflict (year) do update set last_seq = n.last_seq + 1
        returning year, last_seq
      ),
      ${submission}
      select c.*, null::text as stored_hash from c`;
  }
  return sql<CaseRow & { storedHash: string | null }>`
    with existing as (
      select earlier.*, k.request_hash as stored_hash
      from idempotency_keys k join cases earlier on earlier.id = k.case_id
      where k.owner = ${key.owner} and k.key = ${key.key}
    ),
    new_case as (
      select nextval(pg_get_serial_sequence('cases', 'id')) as id where not exists (select from existing)
    ),
    key_row as (
      insert into idempotency_keys (owner, key, request_hash, case_id)
      select ${key.owner}, ${key.key}, ${key.requestHash}, id from new_case
      on conflict (owner, key) do nothing
      returning case_id
    ),
    counter as (
      insert into case_number_counters as n (year, last_seq)
      select ${year}::int, 1 from key_row
      on conflict (year) do update set last_seq = n.last_seq + 1
      returning year, last_seq
    ),
    ${submission}
    select c.*, null::text as stored_hash from c
    union all
    select * from existing`;
}

/**
 * Submits in one statement. Without a key: the new case. With one: the new case (`storedHash` null),
 * or the earlier case under that key with its stored request hash, or undefined when a concurrent twin
 * took the key while this statement ran.
 */
export async function submitInOneStatement(db: Executor, c: NewCase, key?: KeyRow, now = new Date()) {
  const { rows } = await submissionStatement(c, caseYear(now), key).execute(db);
  const first = rows[0];
  if (!first) return undefined;
  const { storedHash, ...row } = first;
  return { row: row as CaseRow, storedHash };
}

/** Inserts a case with its first timeline event and bell notification, as one statement. */
export async function insertSubmittedCase(trx: Executor, c: NewCase, now = new Date()): Promise<CaseRow> {
  const result = await submitInOneStatement(trx, c, undefined, now);
  if (!result) throw new Error('The submission statement returned no case');
  return result.row;
}

/** The shape of a case number; anything else cannot exist and is answered without a query. */
export const CASE_NUMBER = /^KP-\d{4}-\d{5,}$/;

/** A number some case may have: this portal's own form, or an earlier portal's (an imported case). */
export const isCaseNumber = (n: string) => CASE_NUMBER.test(n) || isOtherCaseNumber(n);

export const findCase = async (db: Executor, caseNumber: string) =>
  isCaseNumber(caseNumber)
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
    // An earlier case from a previous portal is closed and never has a workflow.
    .where('imported', '=', false)
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
