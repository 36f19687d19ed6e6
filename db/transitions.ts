// One transition of a case as one statement: the case row (guarded by its version), the timeline event,
// the message and the bell notifications. A transition waits for one round trip to Postgres instead of
// one per row, and a data-modifying CTE is atomic on its own.
import { sql } from 'kysely';
import type { Executor } from './client.js';

export interface TransitionWrite {
  caseId: number;
  version: number;
  action: string;
  actor: { type: 'staff' | 'customer' | 'system'; id: number | null };
  fromStatus: string;
  toStatus: string;
  assigneeId: number | null;
  /** Sets closed_at and the resolution (a case being closed); reopen clears both. */
  closes?: { resolution: string | null };
  reopens?: boolean;
  /** The event's data; with `emailKey`, the refused e-mail's recipient and reason are added from email_log. */
  data: Record<string, unknown>;
  emailKey?: string;
  message?: { visibility: 'internal' | 'public'; body: string };
  /** Bell notifications for the case's reporter (none when the case has none); a repeated key is skipped. */
  bells: Array<{ dedupeKey: string; kind: string; title: string; body: string }>;
}

/** True when written; false when the case already has this version or a later one (a retry, a late attempt). */
export async function writeTransition(db: Executor, t: TransitionWrite, now: Date = new Date()): Promise<boolean> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const closing = t.closes
    ? sql`, closed_at = ${at}, resolution = ${t.closes.resolution}::text`
    : t.reopens
      ? sql`, closed_at = null, resolution = null`
      : sql``;
  // The address and the relay's reply are read here, never carried in workflow history (personal data).
  const data = t.emailKey
    ? sql`${JSON.stringify(t.data)}::jsonb || jsonb_build_object('emailKey', ${t.emailKey}::text,
        'recipient', (select recipient from email_log where idempotency_key = ${t.emailKey}),
        'reason', (select error from email_log where idempotency_key = ${t.emailKey}))`
    : sql`${JSON.stringify(t.data)}::jsonb`;
  const message = t.message
    ? sql`, message as (
        insert into case_messages (case_id, version, author_type, author_id, visibility, body)
        select id, ${t.version}::int, ${t.actor.type}, ${t.actor.id}::bigint, ${t.message.visibility}, ${t.message.body} from updated
      )`
    : sql``;
  const bells =
    t.bells.length > 0
      ? sql`, bells as (
        insert into notifications (dedupe_key, customer_account_id, case_id, kind, title, body)
        select n.dedupe_key, u.reporter_id, u.id, n.kind, n.title, n.body
        from updated u cross join jsonb_to_recordset(${JSON.stringify(t.bells.map((b) => ({ dedupe_key: b.dedupeKey, kind: b.kind, title: b.title, body: b.body })))}::jsonb)
          as n(dedupe_key text, kind text, title text, body text)
        where u.reporter_id is not null
        on conflict (dedupe_key) do nothing
      )`
      : sql``;
  const { rows } = await sql<{ written: number }>`
    with updated as (
      update cases set status = ${t.toStatus}, version = ${t.version}::int, assignee_id = ${t.assigneeId}::bigint, updated_at = ${at}${closing}
      where id = ${t.caseId}::bigint and version < ${t.version}::int
      returning id, reporter_id
    ), event as (
      insert into case_events (case_id, version, action, actor_type, actor_id, from_status, to_status, data)
      select id, ${t.version}::int, ${t.action}, ${t.actor.type}, ${t.actor.id}::bigint, ${t.fromStatus}, ${t.toStatus}, ${data} from updated
    )${message}${bells}
    select count(*)::int as written from updated`.execute(db);
  return rows[0]!.written === 1;
}
